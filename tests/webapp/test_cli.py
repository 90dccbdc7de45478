"""The web platform's CLI verbs: user add/token/import, db upgrade, submit, and the demo."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.webapp.conftest import FILES
from webapp.cli_commands import db as db_command
from webapp.cli_commands import submit, user
from webapp.demo import setup_demo
from webapp.models import Assignment, Enrollment, User


@pytest.fixture
def cli(app, monkeypatch):
    """Runs commands against the test app's database and storage through the environment."""
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("TFGRADER_STORAGE", app.config["TFGRADER_STORAGE"])
    monkeypatch.setenv("TFGRADER_EXERCISES", app.config["TFGRADER_EXERCISES"])
    return CliRunner()


def test_user_add_creates_an_enrolled_account(cli, db):
    result = cli.invoke(
        user, ["add", "dana", "--role", "student", "--password", "pass-word-1", "--course", "tf101"]
    )
    assert result.exit_code == 0, result.output
    dana = db.scalar(select(User).where(User.username == "dana"))
    assert dana.check_password("pass-word-1")
    assert db.scalar(select(Enrollment.role).where(Enrollment.user_id == dana.id)) == "student"


def test_user_add_refuses_a_duplicate(cli, course):
    result = cli.invoke(user, ["add", "alice", "--password", "pass-word-1"])
    assert result.exit_code != 0 and "already exists" in result.output


def test_user_token_prints_a_token_that_the_api_accepts(cli, client, course):
    result = cli.invoke(user, ["token", "alice"])
    assert result.exit_code == 0
    token = result.output.strip()
    response = client.get("/api/v1/assignments", headers={"Authorization": f"Bearer {token}"})
    assert response.get_json()["assignments"][0]["exercise"] == "toy_sum"


def test_user_import_reads_a_csv_roster(cli, db, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("username,full_name\nerin,Erin E\nfrank,Frank F\n")
    result = cli.invoke(user, ["import", str(roster), "--course", "tf101"])
    assert result.exit_code == 0, result.output
    assert "2 created, 2 enrolled" in result.output
    assert db.scalar(select(User).where(User.username == "erin")).full_name == "Erin E"


def test_db_upgrade_migrates_an_empty_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.sqlite3'}")
    monkeypatch.setenv("TFGRADER_STORAGE", str(tmp_path))
    result = CliRunner().invoke(db_command, ["upgrade"])
    assert result.exit_code == 0 and "revision head" in result.output


def test_submit_sends_a_file_through_the_api_and_prints_the_score(app, cli, course):
    token = cli.invoke(user, ["token", "alice"]).output.strip()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = cli.invoke(
            submit,
            [
                "--exercise",
                "toy_sum",
                str(FILES / "correct.py"),
                "--url",
                f"http://127.0.0.1:{server.server_port}",
                "--token",
                token,
            ],
        )
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "score: 10 / 10" in result.output and "2 hidden tests" in result.output


def test_submit_reports_a_refusal(app, cli, course):
    token = cli.invoke(user, ["token", "alice"]).output.strip()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = cli.invoke(
            submit,
            [
                "--exercise",
                "toy_sum",
                str(FILES / "empty.py"),
                "--url",
                f"http://127.0.0.1:{server.server_port}",
                "--token",
                token,
            ],
        )
    finally:
        server.shutdown()
    assert result.exit_code != 0 and "is empty" in result.output


def test_the_demo_creates_a_course_with_every_exercise_and_three_logins(app, db):
    logins = setup_demo(app)
    assert [(x.username, x.role) for x in logins] == [
        ("instructor", "instructor"),
        ("alice", "student"),
        ("bob", "student"),
    ]
    assert [a.exercise for a in db.scalars(select(Assignment))] == ["toy_sum"]
    again = setup_demo(app)  # idempotent, new passwords
    assert len(list(db.scalars(select(Assignment)))) == 1
    alice = db.scalar(select(User).where(User.username == "alice"))
    db.refresh(alice)
    assert alice.check_password(again[1].password)
    assert Path(app.config["TFGRADER_STORAGE"]).is_dir()
