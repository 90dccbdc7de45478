"""Click commands of the web platform: ``serve``, ``db``, ``user``, ``submit``.

``tfgrader/cli.py`` registers them; each verb calls one library function. Flask and SQLAlchemy
are imported inside the commands, so ``tfgrader grade`` does not pay for them.
"""

from __future__ import annotations

import json
import mimetypes
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import click


def _app() -> Any:
    from webapp import create_app

    return create_app()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", type=int, default=None,
              help="Local grading workers (default: TFGRADER_WORKERS or 2).")
@click.option("--demo", is_flag=True, help="Create a demo course and accounts, print the logins.")
def serve(host: str, port: int, workers: int | None, demo: bool) -> None:
    """Run the web platform and its grading workers (migrates the database first)."""
    from werkzeug.serving import make_server

    from webapp import create_app
    from webapp.db import upgrade
    from webapp.queue import get_queue

    if workers is not None:
        os.environ["TFGRADER_WORKERS"] = str(workers)
    app = create_app()
    upgrade(app.config["DATABASE_URL"])
    if demo:
        from webapp.demo import setup_demo

        logins = setup_demo(app)
        click.secho("Demo course 'demo' is ready. Log in with:", bold=True)
        for login in logins:
            click.echo(f"  {login.role:<10} {login.username:<11} password: {login.password}")
    queue = get_queue(app)
    queue.start()
    server = make_server(host, port, app, threaded=True)
    click.secho(
        f"tfgrader is running on http://{host}:{port}/ "
        f"(queue: {app.config['TFGRADER_QUEUE']}, workers: {app.config['TFGRADER_WORKERS']}, "
        f"data: {app.config['TFGRADER_STORAGE']}). Ctrl-C stops it.",
        fg="green",
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        queue.stop()


@click.group()
def db() -> None:
    """Database schema (Alembic migrations)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Create or migrate the database named by DATABASE_URL."""
    from webapp.db import upgrade

    app = _app()
    upgrade(app.config["DATABASE_URL"], revision)
    click.echo(f"database at revision {revision}: {_redacted(app.config['DATABASE_URL'])}")


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.group()
def user() -> None:
    """Accounts, enrollments and API tokens."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["student", "instructor", "admin"]), default="student",
              show_default=True)
@click.option("--password", help="At least 8 characters (prompted for when omitted).")
@click.option("--course", help="Enroll in this course (created when it does not exist).")
@click.option("--full-name", default="")
@click.option("--email", default="")
@click.option("--update", is_flag=True, help="Change an existing account instead of failing.")
def user_add(name: str, role: str, password: str | None, course: str | None,
             full_name: str, email: str, update: bool) -> None:
    """Create an account."""
    from webapp.accounts import AccountError, add_user
    from webapp.db import session_scope, upgrade

    if password is None and not update:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    app = _app()
    upgrade(app.config["DATABASE_URL"])
    with app.app_context(), session_scope(app) as session:
        try:
            add_user(session, name, role=role, password=password, course=course,
                     full_name=full_name, email=email, update=update)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{'updated' if update else 'created'} {role} {name}"
               + (f" in course {course}" if course else ""))


@user.command("token")
@click.argument("name")
def user_token(name: str) -> None:
    """Print a new API token for NAME (only its hash is stored: keep it)."""
    from sqlalchemy import select

    from webapp.accounts import create_token
    from webapp.db import session_scope
    from webapp.models import User

    app = _app()
    with app.app_context(), session_scope(app) as session:
        account = session.scalar(select(User).where(User.username == name))
        if account is None:
            raise click.ClickException(f"no user named {name!r}")
        click.echo(create_token(session, account, name="cli"))


@user.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--course", required=True, help="Course to enroll everyone in (created if new).")
def user_import(file: Path, course: str) -> None:
    """Import a CSV roster (header: username[,full_name,email,password,role])."""
    from webapp.accounts import AccountError, import_roster
    from webapp.db import session_scope, upgrade

    app = _app()
    upgrade(app.config["DATABASE_URL"])
    with app.app_context(), session_scope(app) as session:
        try:
            report = import_roster(session, file.read_text(encoding="utf-8-sig"), course=course)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(report.created)} created, {len(report.enrolled)} enrolled in {course}")
    for username, password in report.passwords.items():
        click.echo(f"  {username}: {password}")
    for error in report.errors:
        click.secho(f"  skipped {error}", fg="yellow", err=True)
    if report.errors:
        sys.exit(1)


def _multipart(fields: dict[str, str], file_field: str, path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            .encode()
        )
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{path.name}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        + path.read_bytes()
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _request(url: str, token: str, data: bytes | None = None,
             content_type: str | None = None) -> dict[str, Any]:
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("Authorization", f"Bearer {token}")
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            result: dict[str, Any] = json.loads(response.read())
            return result
    except urllib.error.HTTPError as exc:
        try:
            message = json.loads(exc.read()).get("message", exc.reason)
        except (ValueError, AttributeError):
            message = exc.reason
        raise click.ClickException(f"{exc.code}: {message}") from exc
    except urllib.error.URLError as exc:
        raise click.ClickException(f"cannot reach {url}: {exc.reason}") from exc


@click.command()
@click.option("--exercise", required=True, help="Exercise name (as in your course).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", envvar="TFGRADER_URL", default="http://127.0.0.1:5000", show_default=True)
@click.option("--token", envvar="TFGRADER_TOKEN", required=True,
              help="API token (tfgrader user token NAME), or set TFGRADER_TOKEN.")
@click.option("--course", default=None, help="Course name, when the exercise is in several.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait for the result and print it.")
def submit(exercise: str, file: Path, url: str, token: str, course: str | None,
           wait: bool) -> None:
    """Submit FILE to a running tfgrader server through its API."""
    fields = {"exercise": exercise} | ({"course": course} if course else {})
    body, content_type = _multipart(fields, "file", file)
    base = url.rstrip("/") + "/api/v1/submissions"
    created = _request(base, token, body, content_type)
    click.echo(f"submission {created['id']}: {created['status']}")
    if not wait:
        return
    status = created["status"]
    while True:
        data = _request(f"{base}/{created['id']}", token)
        if data["status"] != status:
            status = data["status"]
            click.echo(f"  {status}")
        if status == "graded":
            break
        if status == "error" and "will retry" not in (data.get("message") or ""):
            raise click.ClickException(data["message"])
        time.sleep(1)
    for test in data["tests"]:
        click.echo(f"  {test['status']:<7} {test['score']:g}/{test['max_score']:g}  {test['name']}")
    if data.get("hidden_summary"):
        hidden = data["hidden_summary"]
        click.echo(f"  hidden  {hidden['score']:g}/{hidden['max_score']:g}  "
                   f"({hidden['count']} hidden tests)")
    click.secho(f"score: {data['score']:g} / {data['max_score']:g}", bold=True)


COMMANDS = [serve, db, user, submit]
