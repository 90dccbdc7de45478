"""Health endpoints answer without a login, and readiness follows the database."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError


def test_liveness_answers_without_login(client) -> None:
    response = client.get("/healthz/live")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readiness_checks_the_database(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["database"] == "ok"


def test_readiness_fails_while_the_database_is_away(client, monkeypatch) -> None:
    from webapp import health

    class Broken:
        def execute(self, *args, **kwargs):
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(health, "get_db", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] == "unreachable"
