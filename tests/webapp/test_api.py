"""The JSON API (docs/api.md): token authentication, submit, status and visible results."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tests.webapp.conftest import FILES
from tests.webapp.fake_grader import HIDDEN_SECRET
from webapp.accounts import create_token
from webapp.models import User


@pytest.fixture
def token(db, course) -> str:
    return create_token(db, db.scalar(select(User).where(User.username == "alice")))


def post_submission(client, token: str, exercise: str = "toy_sum", name: str = "correct.py"):
    return client.post(
        "/api/v1/submissions",
        data={"exercise": exercise, "file": (io.BytesIO((FILES / name).read_bytes()), name)},
        content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_submitting_without_a_token_is_refused(client, course):
    response = client.post("/api/v1/submissions", data={"exercise": "toy_sum"})
    assert response.status_code == 401 and "Bearer" in response.get_json()["message"]


def test_an_unknown_token_is_refused(client, course):
    assert post_submission(client, "tfg_not-a-token").status_code == 401


def test_submit_then_read_the_result(client, token):
    created = post_submission(client, token)
    assert created.status_code == 201
    body = created.get_json()
    assert set(body) == {"id", "status"}
    result = client.get(
        f"/api/v1/submissions/{body['id']}", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    assert result["status"] == "graded"
    assert (result["score"], result["max_score"]) == (10, 10)
    assert [t["name"] for t in result["tests"]] == ["adds small numbers"]
    assert result["hidden_summary"] == {"count": 2, "score": 6.0, "max_score": 6.0}
    assert HIDDEN_SECRET not in str(result)


def test_an_exercise_outside_the_users_courses_is_not_found(client, token):
    response = post_submission(client, token, exercise="line_fitting")
    assert response.status_code == 404 and "no assignment" in response.get_json()["message"]


def test_a_refused_file_answers_with_the_reason(client, token):
    response = client.post(
        "/api/v1/submissions",
        data={
            "exercise": "toy_sum",
            "file": (io.BytesIO((FILES / "binary.bin").read_bytes()), "b.py"),
        },
        content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400 and "UTF-8" in response.get_json()["message"]


def test_the_api_does_not_need_a_csrf_token(app, client, token):
    app.config["WTF_CSRF_ENABLED"] = True
    assert post_submission(client, token).status_code == 201


def test_tokens_are_stored_only_as_hashes(db, token):
    from webapp.models import ApiToken

    assert db.scalar(select(ApiToken.token_hash)) != token and token.startswith("tfg_")
