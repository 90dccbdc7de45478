"""tfgrader's web platform: students submit and read feedback, instructors run the course.

:func:`create_app` builds everything (Flask tutorial style): configuration from the environment,
the database, accounts, translations, the grading queue and one blueprint per role.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.exercise import EXERCISES_DIR
from grader.submission_file import MAX_SUBMISSION_BYTES

if TYPE_CHECKING:  # Flask is imported by create_app: `tfgrader grade` loads this package only
    from flask import Flask, Response

HERE = Path(__file__).resolve().parent


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def default_config(instance_path: str) -> dict[str, Any]:
    """Settings with their environment variables; safe defaults give the embedded platform."""
    return {
        "TFGRADER_STORAGE": os.environ.get("TFGRADER_STORAGE") or instance_path,
        "DATABASE_URL": os.environ.get("DATABASE_URL"),  # default: SQLite in the storage dir
        "SECRET_KEY": os.environ.get("SECRET_KEY"),  # default: generated once, kept in storage
        "TFGRADER_QUEUE": os.environ.get("TFGRADER_QUEUE", "local"),
        "TFGRADER_WORKERS": _env_int("TFGRADER_WORKERS", 2),
        "TFGRADER_EXERCISES": os.environ.get("TFGRADER_EXERCISES") or str(EXERCISES_DIR),
        # A request body larger than this is refused with 413 before it is read (exercise zips
        # are the largest uploads); a submission has its own, smaller limit: by default what the
        # grader accepts (it strips notebook outputs, so notebooks saved with outputs fit).
        "MAX_CONTENT_LENGTH": _env_int("TFGRADER_MAX_UPLOAD_MB", 20) * 1024 * 1024,
        "TFGRADER_MAX_SUBMISSION_KB": _env_int(
            "TFGRADER_MAX_SUBMISSION_KB", MAX_SUBMISSION_BYTES // 1024
        ),
        "TFGRADER_MAX_ATTEMPTS": _env_int("TFGRADER_MAX_ATTEMPTS", 4),
        "TFGRADER_RETRY_BASE_S": float(os.environ.get("TFGRADER_RETRY_BASE_S", "30")),
        "TFGRADER_LEASE_S": _env_int("TFGRADER_LEASE_S", 900),
        "TFGRADER_SANDBOX": os.environ.get("TFGRADER_SANDBOX"),
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_MAX_FAILURES_PER_IP": 30,
        "LOGIN_WINDOW_S": 15 * 60,
        # Tests inject a fake here; None means grader.grading.grade.
        "GRADE_FUNCTION": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(HERE / "translations"),
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


def _persistent_secret_key(storage: Path) -> str:
    """One random key per installation, kept with mode 0600 so sessions survive restarts."""
    path = storage / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32))
    return path.read_text().strip()


def _check_submission_limit(config: dict[str, Any]) -> None:
    """The web limit may be lower than the grader's, never higher: the grader would refuse the
    file only after the student was told it was accepted."""
    limit = int(config["TFGRADER_MAX_SUBMISSION_KB"]) * 1024
    if limit > MAX_SUBMISSION_BYTES:
        raise ValueError(
            f"TFGRADER_MAX_SUBMISSION_KB={config['TFGRADER_MAX_SUBMISSION_KB']} is above the "
            f"grader's limit of {MAX_SUBMISSION_BYTES // 1024} KB "
            "(grader.submission_file.MAX_SUBMISSION_BYTES): lower it or leave it unset."
        )


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    from flask import Flask

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(default_config(app.instance_path))
    if test_config:
        app.config.update(test_config)

    storage = Path(app.config["TFGRADER_STORAGE"]).resolve()
    storage.mkdir(parents=True, exist_ok=True)
    app.config["TFGRADER_STORAGE"] = str(storage)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = f"sqlite:///{storage / 'tfgrader.sqlite3'}"
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _persistent_secret_key(storage)
    _check_submission_limit(app.config)

    from webapp import auth, db, i18n, queue, views

    db.init_app(app)
    auth.init_app(app)
    i18n.init_app(app)
    queue.init_app(app)
    views.init_app(app)

    from webapp import api, health, instructor, student

    app.register_blueprint(auth.bp)
    app.register_blueprint(student.bp)
    app.register_blueprint(instructor.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; frame-ancestors 'none'; base-uri 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app
