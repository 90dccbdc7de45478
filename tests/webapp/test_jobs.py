"""The grading job: one current result per submission whatever happens; errors are not zeros."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from tests.webapp.conftest import runs_of
from tests.webapp.fake_grader import fake_grade
from webapp.db import session_scope
from webapp.jobs import run_grading_job
from webapp.models import Submission, utcnow


def test_a_job_grades_the_submission_and_makes_the_run_current(app, store, db):
    sid = store("correct.py")
    assert store.queue.queued == [sid]
    assert run_grading_job(app, sid).status == "graded"
    submission = db.get(Submission, sid)
    assert submission.status == "graded" and submission.current_run.score == 10
    assert submission.current_run.reason == "submit"


def test_running_a_job_twice_keeps_one_result(app, store, db):
    sid = store("correct.py")
    run_grading_job(app, sid)
    assert run_grading_job(app, sid).status == "skipped"
    assert len(runs_of(db, sid)) == 1


def test_two_concurrent_jobs_record_one_result(app, store, db):
    sid = store("correct.py")
    barrier = threading.Barrier(2, timeout=10)

    outcomes = []

    def job():
        barrier.wait()
        outcomes.append(run_grading_job(app, sid).status)

    threads = [threading.Thread(target=job) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) in (["busy", "graded"], ["graded", "skipped"])
    assert len(runs_of(db, sid)) == 1


def test_an_infrastructure_error_is_kept_as_an_error_not_a_zero(app, store, db):
    sid = store("infra_error.py")
    outcome = run_grading_job(app, sid)
    assert outcome.status == "error" and outcome.retry_in == pytest.approx(0.01)
    submission = db.get(Submission, sid)
    assert submission.status == "error" and submission.current_run is None
    assert submission.next_attempt_at is not None
    assert "sandbox could not start" in submission.error_message
    assert [r.status for r in runs_of(db, sid)] == ["error"]


def test_retries_back_off_and_stop_after_the_maximum(app, store, db):
    app.config["TFGRADER_MAX_ATTEMPTS"] = 3
    sid = store("infra_error.py")
    delays = [run_grading_job(app, sid).retry_in for _ in range(3)]
    assert delays == [pytest.approx(0.01), pytest.approx(0.02), None]
    submission = db.get(Submission, sid)
    assert (
        submission.next_attempt_at is None and "gave up after 3 tries" in submission.error_message
    )
    assert run_grading_job(app, sid).status == "skipped"


def test_a_crash_inside_the_grader_is_an_infrastructure_error(app, store, db):
    def crashing(*args, **kwargs):
        raise OSError("disk full")

    app.config["GRADE_FUNCTION"] = crashing
    sid = store("correct.py")
    assert run_grading_job(app, sid).status == "error"
    assert "disk full" in db.get(Submission, sid).error_message


def test_a_run_that_lost_its_claim_records_nothing(app, store, db):
    sid = store("correct.py")

    def grade_while_someone_else_takes_over(*args, **kwargs):
        with session_scope(app) as other:
            other.get(Submission, sid).claim_token = "someone-else"
            other.commit()
        return fake_grade(*args, **kwargs)

    app.config["GRADE_FUNCTION"] = grade_while_someone_else_takes_over
    assert run_grading_job(app, sid).status == "skipped"
    assert runs_of(db, sid) == []


def test_a_running_job_whose_lease_expired_is_graded_again(app, store, db):
    sid = store("correct.py")
    submission = db.get(Submission, sid)
    submission.status, submission.claim_token = "running", "dead-worker"
    submission.claimed_until = utcnow() - timedelta(seconds=1)
    db.commit()
    assert run_grading_job(app, sid).status == "graded"


def test_a_running_job_with_a_live_lease_is_left_alone(app, store, db):
    sid = store("correct.py")
    submission = db.get(Submission, sid)
    submission.status, submission.claim_token = "running", "live-worker"
    submission.claimed_until = utcnow() + timedelta(minutes=5)
    db.commit()
    outcome = run_grading_job(app, sid)
    assert outcome.status == "busy" and 200 < outcome.retry_in <= 300


def test_feedback_images_are_kept_with_the_run(app, store, db, client, auth):
    sid = store("correct.py")
    run_grading_job(app, sid)
    run = db.get(Submission, sid).current_run
    auth.login("alice")
    image = client.get(f"/submissions/{sid}/images/{run.id}/fit.png")
    assert image.status_code == 200 and image.mimetype == "image/png"
