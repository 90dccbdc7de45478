"""The Celery queue behind ``TFGRADER_QUEUE=celery``: the same interface as the local pool.

``enqueue`` sends the submission id to the ``cpu`` or ``gpu`` queue, chosen by the device its
exercise declares; Celery workers (``tfgrader worker --queue cpu|gpu``) run the shared job.
Nothing is graded in the web process.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from celery import Celery
from flask import Flask

from grader.exercise import ExerciseError
from webapp.celery_app import TASK_NAME, make_celery, queue_for_device
from webapp.db import session_scope
from webapp.exercises import get_exercise
from webapp.jobs import pending_jobs
from webapp.models import Submission

log = logging.getLogger(__name__)


class CeleryQueue:
    """Sends jobs to Celery; see :mod:`webapp.queue` for the interface."""

    def __init__(self, app: Flask, celery: Celery | None = None) -> None:
        self.app = app
        self.celery = celery or app.extensions.get("tfgrader_celery") or make_celery(app)

    def queue_of(self, submission_id: int) -> str:
        """``gpu`` when the submission's exercise declares a GPU, else ``cpu``."""
        with session_scope(self.app) as db:
            submission = db.get(Submission, submission_id)
            name = submission.assignment.exercise if submission is not None else ""
        return _device_queue(self.app, name)

    def enqueue(self, submission_id: int, delay: float = 0.0) -> None:
        """Send one job (after the submission row is committed); duplicates are harmless."""
        self.celery.send_task(
            TASK_NAME,
            args=[submission_id],
            queue=self.queue_of(submission_id),
            countdown=delay or None,
        )

    def start(self) -> None:
        """Send what is queued or waiting for a retry. Jobs of submissions left ``running`` are
        still in Redis (unacknowledged) and come back on their own."""
        for submission_id, delay in pending_jobs(self.app, interrupted_are_lost=False):
            self.enqueue(submission_id, delay)

    def stop(self) -> None:
        """Nothing runs here; the connection pool closes with the process."""


@lru_cache(maxsize=256)
def _device_queue(app: Flask, exercise: str) -> str:
    """Exercise metadata is read once per exercise (it is a file read and a TOML parse)."""
    try:
        return queue_for_device(get_exercise(exercise, app).device)
    except ExerciseError:
        log.warning("exercise %r unavailable; its job goes to the cpu queue", exercise)
        return "cpu"
