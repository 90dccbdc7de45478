"""End to end with the real grader: real sandbox, real TensorFlow, the project's exercises."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grader.exercise import EXERCISES_DIR, PROJECT_ROOT
from tests.webapp.conftest import submit_file
from webapp.db import session_scope
from webapp.models import Assignment, Submission
from webapp.queue import LocalQueue

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]


@pytest.fixture
def app_config(app_config, bwrap_sandbox):
    return app_config | {
        "GRADE_FUNCTION": None,  # grader.grading.grade
        "TFGRADER_EXERCISES": str(EXERCISES_DIR),
        "TFGRADER_QUEUE": "local",
        "TFGRADER_WORKERS": 2,
    }


@pytest.fixture
def line_fitting(app, course):
    with session_scope(app) as db:
        assignment = db.get(Assignment, course["assignment_id"])
        assignment.exercise = "line_fitting"
        db.commit()
    return course["assignment_id"]


def grade_all(app) -> None:
    queue = app.extensions["tfgrader_queue"]
    assert isinstance(queue, LocalQueue)
    assert queue.wait_idle(240)


def test_the_reference_solution_gets_full_marks_through_the_web(app, client, auth, line_fitting):
    auth.login("alice")
    solution = (PROJECT_ROOT / "solutions" / "line_fitting.py").read_bytes()
    response = submit_file(client, line_fitting, "line_fitting.py", solution)
    grade_all(app)
    data = client.get(response.headers["Location"] + "/status.json").get_json()
    assert data["status"] == "graded", data
    assert data["score"] == data["max_score"] > 0
    assert data["hidden_summary"]["count"] > 0
    assert all(t["status"] == "passed" for t in data["tests"])


def test_the_starter_is_graded_without_crashing_and_scores_low(app, client, auth, line_fitting):
    auth.login("alice")
    starter = (EXERCISES_DIR / "line_fitting" / "starter" / "starter.py").read_bytes()
    response = submit_file(client, line_fitting, "starter.py", starter)
    grade_all(app)
    data = client.get(response.headers["Location"] + "/status.json").get_json()
    assert data["status"] == "graded", data
    assert data["score"] < data["max_score"]
    with session_scope(app) as db:
        assert db.scalar(select(Submission.status)) == "graded"
