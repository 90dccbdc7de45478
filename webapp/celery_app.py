"""Celery glue for the scale-out setup: Redis broker and result backend, ``cpu``/``gpu`` queues.

A Celery worker only delivers submission ids to :func:`webapp.jobs.run_grading_job`, the same
job the local pool runs; the job owns the database state (claim, lease, record), so a message
delivered twice grades once and the gradebook keeps one current result per submission.

Why these settings:

- ``task_acks_late`` + ``task_reject_on_worker_lost``: the message is acknowledged only after
  the job returns, so a worker killed mid-grade leaves it in Redis and another worker takes it
  (at once when only a pool process died; after the broker's ``visibility_timeout`` when the
  whole worker died). The job's lease (``TFGRADER_LEASE_S``) guards the database side.
- ``worker_prefetch_multiplier=1``: a worker holds no more jobs than it runs, so a dying worker
  strands no queued submissions and a slow one does not hoard them.
- The ``visibility_timeout`` must be longer than the longest grading (a redelivered job whose
  first run is still alive just answers ``busy`` and is retried after the lease, harmlessly).

Configuration (environment, or the Flask config of the same names):
``CELERY_BROKER_URL`` (e.g. ``redis://localhost:6379/0``), ``CELERY_RESULT_BACKEND`` (default: the
broker), ``CELERY_VISIBILITY_TIMEOUT_S`` (default 3600), ``CELERY_RESTORE_INTERVAL_S`` (how
often a worker looks for the messages of dead workers, default 10).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery, Task
from flask import Flask

log = logging.getLogger(__name__)

TASK_NAME = "tfgrader.grade_submission"
DEFAULT_VISIBILITY_TIMEOUT_S = 3600


class InfrastructureError(Exception):
    """The job could not reach what it needs (database, storage): retry with backoff."""


def _setting(app: Flask, name: str, default: str | None = None) -> str | None:
    value = app.config.get(name) or os.environ.get(name)
    return str(value) if value else default


def broker_url(app: Flask) -> str:
    url = _setting(app, "CELERY_BROKER_URL")
    if not url:
        raise RuntimeError(
            "TFGRADER_QUEUE=celery needs CELERY_BROKER_URL, e.g. redis://localhost:6379/0"
        )
    return url


def make_celery(app: Flask) -> Celery:
    """The Celery app bound to this Flask app (tasks run inside its app context)."""
    broker = broker_url(app)
    visibility = int(
        _setting(app, "CELERY_VISIBILITY_TIMEOUT_S", str(DEFAULT_VISIBILITY_TIMEOUT_S)) or 0
    )
    celery = Celery(
        "tfgrader", broker=broker, backend=_setting(app, "CELERY_RESULT_BACKEND", broker)
    )
    celery.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={
            "visibility_timeout": visibility,
            # Kombu looks for unacknowledged messages of dead workers only every
            # interval x throttle seconds (100 s by default); every 10 s costs one small query.
            "unacked_restore_interval": float(
                _setting(app, "CELERY_RESTORE_INTERVAL_S", "10") or 10
            ),
            "unacked_restore_throttle": 1,
        },
        result_backend_transport_options={"visibility_timeout": visibility},
        broker_connection_retry_on_startup=True,
        task_default_queue="cpu",
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=24 * 3600,
        task_track_started=True,
        worker_hijack_root_logger=False,
    )

    class FlaskTask(Task):  # type: ignore[misc]
        """Runs every task inside the Flask app context (Flask's Celery pattern)."""

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery.Task = FlaskTask

    @celery.task(
        name=TASK_NAME,
        bind=True,
        max_retries=8,
        autoretry_for=(InfrastructureError,),
        retry_backoff=5,
        retry_backoff_max=600,
        retry_jitter=True,
    )
    def grade_submission(self: Task, submission_id: int) -> str:
        """Grade one submission through the shared job; retry what the job asks to retry."""
        from sqlalchemy.exc import OperationalError

        from webapp.jobs import run_grading_job

        try:
            outcome = run_grading_job(app, submission_id)
        except OperationalError as exc:  # the database is away: not the submission's fault
            raise InfrastructureError(str(exc)) from exc
        if outcome.retry_in is not None:
            # An infrastructure failure (backoff computed by the job) or a live claim ("busy",
            # its lease ends then): come back later, from any worker.
            raise self.retry(countdown=max(outcome.retry_in, 0.5), max_retries=None)
        return outcome.status

    app.extensions["tfgrader_celery"] = celery
    return celery


def queue_for_device(device: str) -> str:
    """The Celery queue for an exercise's declared device."""
    return "gpu" if device == "gpu" else "cpu"


def broker_reachable(url: str | None = None, timeout: float = 5.0) -> bool:
    """True when the broker answers: the workers' container health check."""
    from kombu import Connection

    url = url or os.environ.get("CELERY_BROKER_URL")
    if not url:
        return False
    try:
        with Connection(url, connect_timeout=timeout) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False
    return True


if __name__ == "__main__":  # python -m webapp.celery_app: exit 0 when the broker answers
    raise SystemExit(0 if broker_reachable() else 1)
