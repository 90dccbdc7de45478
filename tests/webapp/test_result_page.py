"""The submission page: live status, cell errors, truncated output, errors that are not zeros."""

from __future__ import annotations

from tests.webapp.conftest import runs_of
from webapp.db import session_scope
from webapp.jobs import run_grading_job
from webapp.models import Submission


def test_cell_errors_show_the_cell_and_line(app, client, auth, store):
    sid = store("correct.py")
    path = app.config["TFGRADER_STORAGE"]

    with session_scope(app) as db:
        stored = db.get(Submission, sid).stored_path
    with open(f"{path}/{stored}", "a") as f:
        f.write("# CELL_ERROR TRUNCATE\n")
    run_grading_job(app, sid)
    auth.login("alice")
    page = client.get(f"/submissions/{sid}").data.decode()
    assert "Cell 2, line 3:" in page and "NameError: name &#39;tf&#39; is not defined" in page
    assert "the output shown is truncated" in page


def test_a_queued_submission_reports_its_status_without_a_score(client, auth, store):
    sid = store("correct.py")
    auth.login("alice")
    data = client.get(f"/submissions/{sid}/status.json").get_json()
    assert data["status"] == "queued" and data["score"] is None
    assert b"Waiting for a grader" in client.get(f"/submissions/{sid}").data


def test_an_infrastructure_error_shows_will_retry_and_no_score(app, client, auth, store, db):

    sid = store("infra_error.py")
    run_grading_job(app, sid)
    auth.login("alice")
    page = client.get(f"/submissions/{sid}").data.decode()
    assert "Grading error, will retry automatically" in page
    assert "Score:" not in page
    assert client.get("/assignments").data.count(b"\xe2\x80\x93") >= 1  # no score, not 0
    assert [r.status for r in runs_of(db, sid)] == ["error"]
