"""A real Celery worker process for the queue tests: the web app's fake grader, made slow.

``python -m tests.scaleout.celery_worker NAME`` with the app's settings in the environment
(``DATABASE_URL``, ``TFGRADER_STORAGE``, ``TFGRADER_EXERCISES``, ``CELERY_BROKER_URL``...).
``SLOW_GRADE_S`` makes each grading take that long, and it leaves ``grading-<id>-<pid>`` in the
storage dir when it starts, so a test knows which worker to kill mid-grade.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from tests.webapp.fake_grader import fake_grade
from webapp import create_app
from webapp.worker_cli import run_worker


def slow_grade(exercise: Any, submission: Path, **kwargs: Any) -> Any:
    storage = Path(os.environ["TFGRADER_STORAGE"])
    (storage / f"grading-{Path(submission).stem}-{os.getpid()}").touch()
    time.sleep(float(os.environ.get("SLOW_GRADE_S", "0")))
    return fake_grade(exercise, submission, **kwargs)


if __name__ == "__main__":
    app = create_app({"TFGRADER_QUEUE": "celery", "GRADE_FUNCTION": slow_grade})
    run_worker(
        app,
        queue=os.environ.get("WORKER_QUEUE", "cpu"),
        concurrency=int(os.environ.get("WORKER_CONCURRENCY", "1")),
        hostname=f"{sys.argv[1]}@test",
        loglevel="WARNING",
    )
