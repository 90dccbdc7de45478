"""Batch regrade: every submission of an exercise graded again, through the queue or locally.

Through the queue (``TFGRADER_QUEUE=celery`` or ``local``), :func:`regrade` only marks the
submissions queued (one commit) and enqueues them; workers anywhere grade them, and a worker
that dies halfway has its job redelivered, so this function just watches the database until
every submission has a result or gave up. With ``local_jobs`` nothing is queued: a process pool
on this machine runs the same job, :func:`webapp.jobs.run_grading_job`, for each submission.

Either way the job keeps the history and moves each submission's current result, so the
summary compares the score before and after.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import select

from webapp.db import session_scope
from webapp.models import Assignment, Course, GradingRun, Submission

# Settings a pool process needs to build the same app (all picklable).
_POOL_CONFIG_KEYS = (
    "DATABASE_URL", "SECRET_KEY", "TFGRADER_STORAGE", "TFGRADER_EXERCISES", "TFGRADER_SANDBOX",
    "TFGRADER_LEASE_S", "TFGRADER_MAX_ATTEMPTS", "TFGRADER_RETRY_BASE_S", "GRADE_FUNCTION",
)  # fmt: skip


@dataclass
class Progress:
    total: int
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def remaining(self) -> int:
        return self.total - self.done - self.failed

    @property
    def rate_per_min(self) -> float:
        elapsed = time.monotonic() - self.started
        return 60.0 * (self.done + self.failed) / elapsed if elapsed > 0 else 0.0


@dataclass
class ScoreChange:
    submission_id: int
    user: str
    before: float | None
    after: float | None


@dataclass
class RegradeReport:
    exercise: str
    total: int
    graded: int
    failed: int
    seconds: float
    changes: list[ScoreChange]
    """Submissions whose current score differs from before (new results only)."""

    @property
    def complete(self) -> bool:
        """Every submission got a result: the CLI's exit status 0."""
        return self.graded == self.total

    @property
    def per_minute(self) -> float:
        return 60.0 * self.total / self.seconds if self.seconds > 0 else 0.0


def select_submissions(
    app: Flask, *, exercise: str, course: str | None = None, since: datetime | None = None
) -> list[int]:
    """Ids of the exercise's submissions (in one course, submitted since a date), oldest first."""
    with session_scope(app) as db:
        query = (
            select(Submission.id)
            .join(Assignment, Submission.assignment_id == Assignment.id)
            .where(Assignment.exercise == exercise)
            .order_by(Submission.id)
        )
        if course is not None:
            query = query.join(Course, Assignment.course_id == Course.id).where(
                Course.name == course
            )
        if since is not None:
            query = query.where(Submission.submitted_at >= since)
        return list(db.scalars(query))


def _scores(app: Flask, ids: list[int]) -> dict[int, tuple[str, float | None, str]]:
    """submission id -> (user name, current score or None, status)."""
    found: dict[int, tuple[str, float | None, str]] = {}
    with session_scope(app) as db:
        for chunk in range(0, len(ids), 500):
            rows = db.execute(
                select(Submission, GradingRun.score)
                .outerjoin(GradingRun, Submission.current_run_id == GradingRun.id)
                .where(Submission.id.in_(ids[chunk : chunk + 500]))
            ).all()
            for submission, score in rows:
                found[submission.id] = (submission.user.username, score, submission.status)
    return found


def _requeue(app: Flask, ids: list[int]) -> None:
    from webapp.instructor import request_regrade

    with session_scope(app) as db:
        submissions = list(db.scalars(select(Submission).where(Submission.id.in_(ids))))
        request_regrade(db, submissions)


def _count(app: Flask, ids: list[int], progress: Progress) -> None:
    """Done: graded again. Failed: the job gave up (error with no retry planned)."""
    with session_scope(app) as db:
        rows = db.execute(
            select(Submission.status, Submission.next_attempt_at).where(Submission.id.in_(ids))
        ).all()
    progress.done = sum(1 for status, _ in rows if status == "graded")
    progress.failed = sum(1 for status, at in rows if status == "error" and at is None)


_pool_app: Flask | None = None


def _pool_init(config: dict[str, Any]) -> None:
    global _pool_app
    from webapp import create_app

    _pool_app = create_app({**config, "TFGRADER_QUEUE": "manual"})


def _pool_job(submission_id: int) -> str:
    from webapp.jobs import run_grading_job

    assert _pool_app is not None
    outcome = run_grading_job(_pool_app, submission_id)
    # An infrastructure failure is retried here at once, within the job's attempt budget.
    while outcome.status == "error" and outcome.retry_in is not None:
        time.sleep(min(outcome.retry_in, 5.0))
        outcome = run_grading_job(_pool_app, submission_id)
    return outcome.status


def regrade(
    app: Flask,
    *,
    exercise: str,
    course: str | None = None,
    since: datetime | None = None,
    local_jobs: int | None = None,
    timeout: float | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    poll_s: float = 0.5,
) -> RegradeReport:
    """Regrade the selected submissions and report what changed (see the module doc)."""
    ids = select_submissions(app, exercise=exercise, course=course, since=since)
    before = _scores(app, ids)
    progress = Progress(total=len(ids))
    started = time.monotonic()
    if ids:
        _requeue(app, ids)
    if ids and local_jobs:
        config = {k: app.config[k] for k in _POOL_CONFIG_KEYS if k in app.config}
        context = multiprocessing.get_context("spawn")  # no forked copies of open connections
        with ProcessPoolExecutor(
            max_workers=local_jobs, mp_context=context, initializer=_pool_init, initargs=(config,)
        ) as pool:
            futures = [pool.submit(_pool_job, sid) for sid in ids]
            for future in as_completed(futures):
                if future.result() == "graded":
                    progress.done += 1
                else:
                    progress.failed += 1
                if on_progress:
                    on_progress(progress)
        _count(app, ids, progress)
    elif ids:
        from webapp.queue import get_queue

        queue = get_queue(app)
        for sid in ids:
            queue.enqueue(sid)
        deadline = None if timeout is None else started + timeout
        while True:
            _count(app, ids, progress)
            if on_progress:
                on_progress(progress)
            if progress.remaining == 0 or (deadline is not None and time.monotonic() > deadline):
                break
            time.sleep(poll_s)
    seconds = time.monotonic() - started
    after = _scores(app, ids)
    changes = [
        ScoreChange(sid, after[sid][0], before[sid][1], after[sid][1])
        for sid in ids
        if after[sid][2] == "graded" and before[sid][1] != after[sid][1]
    ]
    return RegradeReport(
        exercise=exercise,
        total=len(ids),
        graded=progress.done,
        failed=progress.failed,
        seconds=seconds,
        changes=changes,
    )
