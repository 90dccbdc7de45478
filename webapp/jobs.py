"""The one grading job: every queue (local threads, Celery) runs :func:`run_grading_job`.

The job is safe to run twice, concurrently or after a crash:

1. *Claim*: one conditional UPDATE moves the submission to ``running`` with a fresh claim token
   and a lease. Only a submission that is ``queued``, waiting for a retry (``error`` with
   ``next_attempt_at``), or ``running`` with an expired lease (its worker died) can be claimed;
   a graded submission is left alone.
2. *Grade* with :func:`grader.grading.grade`, outside any transaction (it takes seconds).
3. *Record*: in one transaction, and only if the claim token is still ours, add a GradingRun
   and point the submission at it. A run that lost its claim records nothing.

So the gradebook holds exactly one current result per submission whatever happened. An
infrastructure failure (``status == error``) is kept in the history but never becomes the current
result; the job reports when to retry and the queue schedules it.
"""

from __future__ import annotations

import logging
import shutil
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from grader.exercise import ExerciseError
from grader.result import GradingResult, RunInfo, Status, Verdict
from webapp.db import session_scope
from webapp.exercises import get_exercise
from webapp.models import GradingRun, Submission, utcnow

log = logging.getLogger(__name__)

GradeFunction = Callable[..., GradingResult]


@dataclass(frozen=True)
class JobOutcome:
    """What happened, for the queue: ``graded``, ``error`` (see ``retry_in``), ``skipped``
    (nothing to do: already graded or claimed by a newer run) or ``busy`` (another live run
    holds it; ``retry_in`` is when its lease ends)."""

    status: str
    retry_in: float | None = None


def _grade_function(app: Flask) -> GradeFunction:
    function: GradeFunction | None = app.config.get("GRADE_FUNCTION")
    if function is None:
        from grader.grading import grade

        function = grade
    return function


def _infrastructure_error(exercise: str, submission: str, message: str) -> GradingResult:
    return GradingResult(
        exercise=exercise,
        submission=submission,
        status=Status.ERROR,
        score=0.0,
        max_score=0.0,
        execution_time=0.0,
        output="",
        tests=[],
        run=RunInfo(verdict=Verdict.INTERNAL_ERROR, message=message),
    )


def retry_delay(app: Flask, attempts: int) -> float | None:
    """Exponential backoff after ``attempts`` failed tries; None once they are used up."""
    if attempts >= app.config["TFGRADER_MAX_ATTEMPTS"]:
        return None
    return float(app.config["TFGRADER_RETRY_BASE_S"]) * 2 ** (attempts - 1)


def claimable() -> Any:
    now = utcnow()
    return or_(
        Submission.status == "queued",
        and_(Submission.status == "error", Submission.next_attempt_at.is_not(None)),
        and_(Submission.status == "running", Submission.claimed_until < now),
    )


def _claim(app: Flask, db: Session, submission_id: int) -> str | JobOutcome:
    token = uuid.uuid4().hex
    lease = utcnow() + timedelta(seconds=app.config["TFGRADER_LEASE_S"])
    claimed = db.execute(
        update(Submission)
        .where(Submission.id == submission_id, claimable())
        .values(
            status="running",
            claim_token=token,
            claimed_until=lease,
            attempts=Submission.attempts + 1,
            next_attempt_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    db.commit()
    if claimed.rowcount == 1:  # type: ignore[attr-defined]
        return token
    submission = db.get(Submission, submission_id)
    if submission is not None and submission.status == "running" and submission.claimed_until:
        return JobOutcome("busy", (submission.claimed_until - utcnow()).total_seconds())
    return JobOutcome("skipped")


def run_grading_job(app: Flask, submission_id: int) -> JobOutcome:
    """Grade submission ``submission_id`` once and record the result (see the module doc)."""
    with app.app_context(), session_scope(app) as db:
        claim = _claim(app, db, submission_id)
        if isinstance(claim, JobOutcome):
            log.info("submission %s: %s", submission_id, claim.status)
            return claim
        token = claim
        submission = db.get(Submission, submission_id)
        assert submission is not None
        storage = Path(app.config["TFGRADER_STORAGE"])
        exercise_name = submission.assignment.exercise
        stored_path, filename = submission.stored_path, submission.filename
        artifacts = Path("artifacts") / str(submission.id) / token
        db.rollback()  # no transaction stays open while grading

        started = time.monotonic()
        try:
            exercise = get_exercise(exercise_name, app)
            (storage / artifacts).mkdir(parents=True, exist_ok=True)
            kwargs: dict[str, Any] = {"artifacts_dir": storage / artifacts}
            if app.config.get("TFGRADER_SANDBOX"):
                from grader.sandbox import make_sandbox

                kwargs["sandbox"] = make_sandbox(app.config["TFGRADER_SANDBOX"])
            result = _grade_function(app)(exercise, storage / stored_path, **kwargs)
        except ExerciseError as exc:
            result = _infrastructure_error(
                exercise_name, filename, f"exercise unavailable: {exc}"
            )
        except Exception:  # a grader bug must not lose the submission: retry later
            log.exception("grading submission %s crashed", submission_id)
            result = _infrastructure_error(
                exercise_name, filename, traceback.format_exc(limit=5)
            )
        duration = time.monotonic() - started
        return _record(app, db, submission_id, token, result, duration, artifacts)


def _record(
    app: Flask,
    db: Session,
    submission_id: int,
    token: str,
    result: GradingResult,
    duration: float,
    artifacts: Path,
) -> JobOutcome:
    storage = Path(app.config["TFGRADER_STORAGE"])
    submission = db.scalar(
        select(Submission)
        .where(Submission.id == submission_id, Submission.claim_token == token)
        .with_for_update()
    )
    if submission is None:  # a newer run took over (our lease expired): it will record
        db.rollback()
        shutil.rmtree(storage / artifacts, ignore_errors=True)
        log.warning("submission %s: claim lost, result discarded", submission_id)
        return JobOutcome("skipped")

    earlier = db.scalar(
        select(func.count()).select_from(GradingRun).where(
            GradingRun.submission_id == submission_id, GradingRun.status == "graded"
        )
    )
    reason = "retry" if submission.attempts > 1 else ("regrade" if earlier else "submit")
    graded = result.status == Status.GRADED
    run = GradingRun(
        submission_id=submission_id,
        status="graded" if graded else "error",
        reason=reason,
        score=result.score if graded else 0.0,
        max_score=result.max_score,
        duration_s=duration,
        result=result.to_dict(),
        artifacts=str(artifacts) if any(artifacts_files(storage / artifacts)) else "",
    )
    db.add(run)
    db.flush()
    submission.claim_token = None
    submission.claimed_until = None
    outcome: JobOutcome
    if graded:
        submission.status = "graded"
        submission.current_run_id = run.id
        submission.error_message = None
        submission.attempts = 0
        outcome = JobOutcome("graded")
    else:
        delay = retry_delay(app, submission.attempts)
        submission.status = "error"
        message = result.run.message or "internal error"
        if delay is None:
            submission.next_attempt_at = None
            submission.error_message = (
                f"gave up after {submission.attempts} tries; an instructor can regrade. "
                f"Last error: {message}"
            )
        else:
            submission.next_attempt_at = utcnow() + timedelta(seconds=delay)
            submission.error_message = message
        outcome = JobOutcome("error", delay)
    db.commit()
    if not run.artifacts:
        shutil.rmtree(storage / artifacts, ignore_errors=True)
    return outcome


def artifacts_files(path: Path) -> list[Path]:
    return [p for p in path.iterdir() if p.is_file()] if path.is_dir() else []


def pending_jobs(app: Flask, *, interrupted_are_lost: bool) -> list[tuple[int, float]]:
    """Submissions that still need a job, with the delay before it: for a restarted queue.

    With ``interrupted_are_lost`` (the local pool: its workers died with the process) a
    ``running`` submission is put back to ``queued``; under Celery its job is redelivered.
    """
    now = utcnow()
    with session_scope(app) as db:
        if interrupted_are_lost:
            db.execute(
                update(Submission)
                .where(Submission.status == "running")
                .values(status="queued", claim_token=None, claimed_until=None)
            )
            db.commit()
        rows = db.execute(
            select(Submission.id, Submission.next_attempt_at)
            .where(
                or_(
                    Submission.status == "queued",
                    and_(Submission.status == "error", Submission.next_attempt_at.is_not(None)),
                )
            )
            .order_by(Submission.id)
        ).all()
    return [
        (sid, max(0.0, (at - now).total_seconds()) if at is not None else 0.0) for sid, at in rows
    ]
