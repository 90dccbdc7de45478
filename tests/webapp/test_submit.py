"""Submitting: what is accepted, what is refused with a clear message, and nothing half-stored."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from grader.submission_file import MAX_SUBMISSION_BYTES, prepare
from tests.webapp.conftest import FILES, submit_file
from webapp import create_app
from webapp.models import Assignment, Submission, utcnow


def stored_files(app) -> list[Path]:
    root = Path(app.config["TFGRADER_STORAGE"]) / "submissions"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def submission_count(db) -> int:
    return db.scalar(select(func.count()).select_from(Submission))


def test_uploaded_file_is_stored_graded_and_shown(app, client, auth, course, db):
    auth.login()
    response = submit_file(client, course["assignment_id"], "correct.py")
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert b"10 / 10" in page.data
    submission = db.scalars(select(Submission)).one()
    assert submission.status == "graded" and submission.filename == "correct.py"
    assert (
        stored_files(app)[0].read_bytes()
        == (Path(__file__).parent / "files/correct.py").read_bytes()
    )


def test_code_from_the_editor_is_submitted_as_a_python_file(client, auth, course, db):
    auth.login()
    response = client.post(
        f"/assignments/{course['assignment_id']}/submit",
        data={"code": "def add(a, b):\r\n    return a + b  # CORRECT\r\n"},
    )
    assert response.status_code == 303
    submission = db.scalars(select(Submission)).one()
    assert submission.filename == "editor.py" and submission.current_run.score == 10


def test_a_valid_notebook_is_accepted(client, auth, course, db):
    auth.login()
    assert submit_file(client, course["assignment_id"], "correct.ipynb").status_code == 303
    assert submission_count(db) == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("answer.txt", b"print(1)", b"Unsupported file type"),
        ("empty.py", None, b"is empty"),
        ("binary.py", (FILES / "binary.bin").read_bytes(), b"not UTF-8 text"),
        ("broken.ipynb", (FILES / "broken-notebook.txt").read_bytes(), b"not a valid Jupyter"),
        ("schema.ipynb", b'{"cells": 3, "nbformat": 4}', b"not a valid Jupyter notebook"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(
    app, client, auth, course, db, name, data, message
):
    auth.login()
    response = submit_file(client, course["assignment_id"], name, data)
    page = client.get(response.headers["Location"])
    assert message in page.data
    assert submission_count(db) == 0 and stored_files(app) == []


def test_a_file_over_the_submission_limit_is_refused(app, client, auth, course, db):
    auth.login()
    big = b"# padding\n" * (app.config["TFGRADER_MAX_SUBMISSION_KB"] * 110)
    response = submit_file(client, course["assignment_id"], "big.py", big)
    assert b"too large" in client.get(response.headers["Location"]).data
    assert submission_count(db) == 0


def notebook_with_outputs(size: int) -> bytes:
    """``correct.ipynb`` saved with a large image output, as Jupyter does after a plot."""
    notebook = json.loads((FILES / "correct.ipynb").read_text())
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    cell["outputs"] = [
        {
            "output_type": "display_data",
            "data": {"image/png": "A" * size, "text/plain": ["<Figure>"]},
            "metadata": {},
        }
    ]
    return json.dumps(notebook).encode()


def test_a_notebook_with_outputs_up_to_the_graders_limit_is_accepted(app, client, auth, course, db):
    data = notebook_with_outputs(MAX_SUBMISSION_BYTES - 100_000)
    assert 2048 * 1024 < len(data) <= MAX_SUBMISSION_BYTES
    prepare("big.ipynb", data)  # the grader takes it too (and strips the outputs)
    auth.login()
    response = submit_file(client, course["assignment_id"], "big.ipynb", data)
    assert response.status_code == 303 and "/submissions/" in response.headers["Location"]
    assert db.scalars(select(Submission)).one().status == "graded"


def test_the_submission_limit_is_the_graders_and_the_page_shows_it(app, client, auth, course):
    assert app.config["TFGRADER_MAX_SUBMISSION_KB"] * 1024 == MAX_SUBMISSION_BYTES
    auth.login()
    page = client.get(f"/assignments/{course['assignment_id']}").data.decode()
    assert f"at most {MAX_SUBMISSION_BYTES // 1024} KB" in page


def test_the_submission_limit_can_be_lowered_from_the_environment(app_config, monkeypatch):
    monkeypatch.setenv("TFGRADER_MAX_SUBMISSION_KB", "64")
    assert create_app(app_config).config["TFGRADER_MAX_SUBMISSION_KB"] == 64


def test_a_submission_limit_above_the_graders_is_refused_at_startup(app_config):
    with pytest.raises(ValueError, match="above the grader's limit"):
        create_app({**app_config, "TFGRADER_MAX_SUBMISSION_KB": MAX_SUBMISSION_BYTES // 1024 + 1})


def test_a_request_over_the_upload_limit_gets_a_friendly_413_page(app, client, auth, course):
    auth.login()
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = submit_file(client, course["assignment_id"], "big.py", b"x = 1\n" * 5000)
    assert response.status_code == 413
    assert b"The upload is too large" in response.data and b"<html" in response.data


def test_late_submission_after_the_last_step_is_refused(client, auth, course, db):
    assignment = db.get(Assignment, course["assignment_id"])
    assignment.due_at = utcnow() - timedelta(hours=30)  # late policy allows 24 h
    db.commit()
    auth.login()
    response = submit_file(client, course["assignment_id"], "correct.py")
    assert b"no longer accepted" in client.get(response.headers["Location"]).data
    assert submission_count(db) == 0


def test_late_submission_within_a_step_earns_partial_credit(client, auth, course, db):
    assignment = db.get(Assignment, course["assignment_id"])
    assignment.due_at = utcnow() - timedelta(hours=2)
    db.commit()
    auth.login()
    response = submit_file(client, course["assignment_id"], "correct.py")
    page = client.get(response.headers["Location"]).data
    assert b"80% credit" in page and b"= 8" in page


def test_cooldown_refuses_a_second_submission_right_away(client, auth, course, db):
    db.get(Assignment, course["assignment_id"]).cooldown_minutes = 5
    db.commit()
    auth.login()
    submit_file(client, course["assignment_id"], "wrong.py")
    response = submit_file(client, course["assignment_id"], "correct.py")
    assert b"wait 5 more minute" in client.get(response.headers["Location"]).data
    assert submission_count(db) == 1


def test_instructors_are_not_limited_by_the_deadline(client, auth, course, db):
    db.get(Assignment, course["assignment_id"]).due_at = utcnow() - timedelta(days=30)
    db.commit()
    auth.login("teacher")
    assert submit_file(client, course["assignment_id"], "correct.py").status_code == 303
    assert submission_count(db) == 1


def test_the_row_is_committed_before_the_job_is_queued(app, client, auth, course):
    from webapp.db import session_scope
    from webapp.queue import ManualQueue

    seen = []
    queue = app.extensions["tfgrader_queue"] = ManualQueue(app)
    original = queue.enqueue

    def enqueue(submission_id, delay=0.0):
        with session_scope(app) as other:  # a worker's own session must already see the row
            seen.append(other.get(Submission, submission_id).status)
        original(submission_id, delay)

    queue.enqueue = enqueue
    auth.login()
    submit_file(client, course["assignment_id"], "correct.py")
    assert seen == ["queued"]


def test_a_file_is_removed_again_when_its_row_cannot_be_committed(
    app, client, auth, course, monkeypatch
):
    from sqlalchemy.orm import Session

    def broken_commit(self):
        raise RuntimeError("database went away")

    auth.login()
    monkeypatch.setattr(Session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        client.post(
            f"/assignments/{course['assignment_id']}/submit",
            data={"file": (io.BytesIO(b"x = 1\n"), "a.py")},
            content_type="multipart/form-data",
        )
    assert stored_files(app) == []
