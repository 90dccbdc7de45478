"""The WSGI entry point for production servers: ``gunicorn webapp.wsgi:app``.

Everything is configured from the environment (see :func:`webapp.default_config`); apply the
migrations first (``tfgrader db upgrade``), as several server processes must not race to do it.

- ``TFGRADER_QUEUE=celery`` (the scale-out setup): web processes only queue submissions and the
  Celery workers grade them, so nothing is started here.
- ``TFGRADER_QUEUE=local``: this process grades in its own worker threads, as under
  ``tfgrader serve``. Run a single server process then (``--workers 1 --threads N``, no
  ``--preload``): each process that starts the local queue puts the submissions left
  ``running`` back in its queue, including those that another process is grading.
"""

from __future__ import annotations

from webapp import create_app
from webapp.queue import get_queue

app = create_app()
if app.config["TFGRADER_QUEUE"] == "local":
    get_queue(app).start()
