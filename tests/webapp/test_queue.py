"""The local queue: worker threads, retries with backoff, and resuming after a restart."""

from __future__ import annotations

from sqlalchemy import select

from tests.webapp.conftest import runs_of
from tests.webapp.fake_grader import fake_grade
from webapp.models import Submission
from webapp.queue import LocalQueue


def test_local_workers_grade_every_queued_submission(app, store, db):
    ids = [store("correct.py") for _ in range(3)] + [store("wrong.py")]
    queue = LocalQueue(app, workers=2)
    for sid in ids:
        queue.enqueue(sid)
    assert queue.wait_idle(20)
    queue.stop()
    db.expire_all()
    assert [db.get(Submission, sid).status for sid in ids] == ["graded"] * 4


def test_an_infrastructure_error_is_retried_until_it_succeeds(app, store, db):
    failures = []

    def flaky_grade(exercise, path, **kwargs):
        if len(failures) < 2:
            failures.append(path)
            result = fake_grade(exercise, path, **kwargs)
            result.status = result.status.ERROR
            result.run.verdict = result.run.verdict.INTERNAL_ERROR
            return result
        return fake_grade(exercise, path, **kwargs)

    app.config["GRADE_FUNCTION"] = flaky_grade
    sid = store("correct.py")
    queue = LocalQueue(app, workers=1)
    queue.enqueue(sid)
    assert queue.wait_idle(20)
    queue.stop()
    assert [r.status for r in runs_of(db, sid)] == ["error", "error", "graded"]
    assert [r.reason for r in runs_of(db, sid)][-1] == "retry"
    assert db.get(Submission, sid).current_run.score == 10


def test_a_restart_resumes_queued_and_interrupted_jobs_once(app, store, db):
    queued, interrupted, done = store("correct.py"), store("wrong.py"), store("correct.py")
    from webapp.jobs import run_grading_job

    run_grading_job(app, done)
    row = db.get(Submission, interrupted)
    row.status, row.claim_token = "running", "worker-of-the-dead-process"
    db.commit()

    queue = LocalQueue(app, workers=2)  # the new process
    queue.start()
    assert queue.wait_idle(20)
    queue.stop()
    db.expire_all()
    statuses = {sid: db.get(Submission, sid).status for sid in (queued, interrupted, done)}
    assert statuses == {queued: "graded", interrupted: "graded", done: "graded"}
    assert [len(runs_of(db, sid)) for sid in (queued, interrupted, done)] == [1, 1, 1]


def test_enqueueing_a_waiting_submission_twice_runs_it_once(app, store, db):
    sid = store("correct.py")
    queue = LocalQueue(app, workers=1)
    queue.enqueue(sid, delay=0.2)
    queue.enqueue(sid, delay=0.2)
    assert queue.wait_idle(20)
    queue.stop()
    assert len(runs_of(db, sid)) == 1
    assert db.scalar(select(Submission.status).where(Submission.id == sid)) == "graded"
