"""Logging in: passwords, throttling, CSRF, safe redirects, and pages that need a login."""

from __future__ import annotations

from tests.webapp.conftest import PASSWORD


def test_login_with_the_right_password_opens_the_assignments(client, auth, course):
    response = auth.login("alice", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/assignments")
    assert b"TensorFlow 101" in client.get("/assignments").data


def test_login_with_a_wrong_password_is_refused(client, auth, course):
    response = auth.login("alice", "not the password")
    assert response.status_code == 401
    assert b"Wrong user name or password" in response.data
    assert client.get("/assignments").status_code == 302


def test_repeated_failures_lock_the_account_even_for_the_right_password(app, auth, course):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        auth.login("alice", "guess")
    response = auth.login("alice", PASSWORD)
    assert response.status_code == 429
    assert b"Too many failed logins" in response.data


def test_pages_redirect_to_login_when_logged_out(client, course):
    response = client.get(f"/assignments/{course['assignment_id']}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_logout_needs_a_post(client, auth, course):
    auth.login()
    assert client.get("/auth/logout").status_code == 405
