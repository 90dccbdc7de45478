"""CSRF protection: every form needs the token that the page gave out."""

from __future__ import annotations

import pytest

from tests.webapp.conftest import PASSWORD


@pytest.fixture
def app_config(app_config):
    return app_config | {"WTF_CSRF_ENABLED": True}


def test_forms_without_a_csrf_token_are_refused(client, course):
    response = client.post("/auth/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/assignments").status_code == 302


def test_login_redirect_never_leaves_the_site(client, course):
    page = client.get("/auth/login")
    token = page.data.split(b'name="csrf_token" type="hidden" value="')[1].split(b'"')[0]
    response = client.post(
        "/auth/login?next=https://evil.example/",
        data={"username": "alice", "password": PASSWORD, "csrf_token": token.decode()},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_student_forms_without_a_csrf_token_are_refused(client, course):
    page = client.get("/auth/login")
    token = page.data.split(b'name="csrf_token" type="hidden" value="')[1].split(b'"')[0]
    client.post(
        "/auth/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": token.decode()},
    )
    response = client.post(f"/assignments/{course['assignment_id']}/submit", data={"code": "x = 1"})
    assert response.status_code == 400
