"""Web app fixtures: a fresh app per test on SQLite and on PostgreSQL, with the schema made by the
Alembic migrations (never create_all), a client, a CLI runner and helpers to log in and submit.

SQLite: the migrations run once into a template file that each test copies.
PostgreSQL: one throwaway database per test session (``tfgrader_test_<random>``), migrated once;
each test starts from empty tables (TRUNCATE). Without a reachable server those tests skip, and
under ``TFGRADER_REQUIRE_SERVICES=1`` (.ci/run) they fail.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from tests.conftest import skip_or_fail
from tests.webapp.fake_grader import fake_grade
from webapp import create_app
from webapp.accounts import add_user, enroll, get_or_create_course
from webapp.db import session_scope, upgrade
from webapp.models import Assignment, Base, GradingRun, User, utcnow
from webapp.submissions import accept_submission

HERE = Path(__file__).resolve().parent
EXERCISES = HERE / "exercises"
FILES = HERE / "files"
PG_ADMIN_URL = "postgresql+psycopg://postgres@localhost:5432/postgres"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    name = f"tfgrader_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        skip_or_fail(f"PostgreSQL not reachable on localhost:5432 ({type(exc).__name__})")
    url = f"postgresql+psycopg://postgres@localhost:5432/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "tfgrader.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_database")
    _empty_postgres(url)
    return url


@pytest.fixture
def app_config(database_url: str, tmp_path: Path) -> dict:
    """Override in a test module to change settings (the queue, limits...)."""
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test",
        "TFGRADER_STORAGE": str(tmp_path / "storage"),
        "TFGRADER_EXERCISES": str(EXERCISES),
        "TFGRADER_QUEUE": "inline",
        "GRADE_FUNCTION": fake_grade,
        "WTF_CSRF_ENABLED": False,
        "TFGRADER_RETRY_BASE_S": 0.01,
    }


@pytest.fixture
def app(app_config: dict):
    app = create_app(app_config)
    yield app
    from webapp.db import get_database
    from webapp.queue import get_queue

    get_queue(app).stop()
    get_database(app).engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    with app.app_context(), session_scope(app) as session:
        yield session


@pytest.fixture
def course(app):
    """Course ``tf101`` with instructor ``teacher``, students ``alice`` and ``bob`` and one open
    assignment of ``toy_sum`` (due tomorrow, late policy 24 h: 80 %)."""
    with app.app_context(), session_scope(app) as session:
        the_course = get_or_create_course(session, "tf101", "TensorFlow 101")
        for name, role in (("teacher", "instructor"), ("alice", "student"), ("bob", "student")):
            user = add_user(session, name, role=role, password=PASSWORD)
            enroll(session, user, the_course)
        assignment = Assignment(
            course_id=the_course.id,
            exercise="toy_sum",
            title="Sum",
            opens_at=utcnow() - timedelta(days=1),
            due_at=utcnow() + timedelta(days=1),
            late_policy=[[24.0, 80.0]],
        )
        session.add(assignment)
        session.commit()
        return {"course_id": the_course.id, "assignment_id": assignment.id}


@pytest.fixture
def store(app, course):
    """Store submissions by alice without grading them: the queue only records their ids."""
    from webapp.queue import ManualQueue

    queue = app.extensions["tfgrader_queue"] = ManualQueue(app)

    def _store(name: str) -> int:
        with app.test_request_context(), session_scope(app) as session:
            alice = session.scalar(select(User).where(User.username == "alice"))
            assignment = session.get(Assignment, course["assignment_id"])
            return accept_submission(
                session,
                user=alice,
                assignment=assignment,
                filename=name,
                data=(FILES / name).read_bytes(),
            ).id

    _store.queue = queue  # type: ignore[attr-defined]
    return _store


def runs_of(session, submission_id: int) -> list[GradingRun]:
    session.expire_all()
    return list(
        session.scalars(select(GradingRun).where(GradingRun.submission_id == submission_id))
    )


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username: str = "alice", password: str = PASSWORD):
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def submit_file(client, assignment_id: int, name: str, data: bytes | None = None):
    """Upload ``tests/webapp/files/<name>`` (or ``data`` under that name) as the logged-in user."""
    import io

    content = data if data is not None else (FILES / name).read_bytes()
    return client.post(
        f"/assignments/{assignment_id}/submit",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )
