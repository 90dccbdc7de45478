"""Database engine and sessions: one engine per app, one session per request or job.

Like the Flask tutorial's ``db.py``: nothing connects at import, :func:`init_app` registers the
engine on the app, :func:`get_db` hands out the request's session and closes it at teardown.
Jobs and CLI commands use :func:`session_scope`, which does not need a request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def normalize_url(url: str) -> str:
    """Accept the usual ``postgres://``/``postgresql://`` spellings and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        # The web server and the local workers are threads of one process: they share the
        # engine. WAL lets readers proceed while a worker writes; busy_timeout makes concurrent
        # writers wait instead of failing with "database is locked".
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)


def get_database(app: Flask | None = None) -> Database:
    app = app or current_app
    database: Database = app.extensions["tfgrader_db"]
    return database


def get_db() -> Session:
    """The current request's session, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = get_database().sessionmaker()
    session: Session = g.db
    return session


@contextmanager
def session_scope(app: Flask) -> Iterator[Session]:
    """A session outside any request (jobs, CLI); commits are explicit, closing is automatic."""
    session = get_database(app).sessionmaker()
    try:
        yield session
    finally:
        session.close()


def close_db(_exc: BaseException | None = None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` by running the Alembic migrations."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation would choke on a '%' in a password.
    config.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return config


def init_app(app: Flask) -> None:
    app.extensions["tfgrader_db"] = Database(app.config["DATABASE_URL"])
    app.teardown_appcontext(close_db)
