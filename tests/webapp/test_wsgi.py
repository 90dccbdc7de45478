"""``webapp.wsgi:app``, what gunicorn serves: configured from the environment, and it starts
grading threads only for the local queue."""

from __future__ import annotations

import importlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from grader.exercise import PROJECT_ROOT
from webapp.queue import get_queue

VENV_BIN = Path(sys.executable).parent


def worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("tfgrader-worker")]


class FakeCeleryQueue:
    """Stands in for webapp.celery_queue.CeleryQueue: no broker in these tests."""

    def __init__(self, app):
        self.app = app
        self.started = False

    def enqueue(self, submission_id: int, delay: float = 0.0) -> None:
        raise AssertionError("nothing is submitted in these tests")

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        pass


@pytest.fixture
def wsgi_env(monkeypatch, tmp_path: Path, sqlite_template: Path) -> dict[str, str]:
    database = tmp_path / "tfgrader.sqlite3"
    shutil.copy(sqlite_template, database)
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "TFGRADER_STORAGE": str(tmp_path / "storage"),
        "SECRET_KEY": "wsgi-test",
        "TFGRADER_WORKERS": "1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def import_wsgi(monkeypatch, wsgi_env):
    imported = []

    def _import(queue: str):
        monkeypatch.setenv("TFGRADER_QUEUE", queue)
        sys.modules.pop("webapp.wsgi", None)
        module = importlib.import_module("webapp.wsgi")
        imported.append(module.app)
        return module.app

    yield _import
    sys.modules.pop("webapp.wsgi", None)
    for app in imported:
        get_queue(app).stop()


def test_the_wsgi_app_serves_the_login_page_from_the_environment(import_wsgi, wsgi_env):
    app = import_wsgi("local")
    assert app.config["DATABASE_URL"] == wsgi_env["DATABASE_URL"]
    response = app.test_client().get("/auth/login")
    assert response.status_code == 200 and b'name="password"' in response.data


def test_under_celery_the_wsgi_app_starts_no_grading(import_wsgi, monkeypatch):
    celery_queue = types.ModuleType("webapp.celery_queue")
    celery_queue.CeleryQueue = FakeCeleryQueue  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "webapp.celery_queue", celery_queue)
    before = worker_threads()
    app = import_wsgi("celery")
    queue = get_queue(app)
    assert isinstance(queue, FakeCeleryQueue) and not queue.started
    assert worker_threads() == before
    assert app.test_client().get("/auth/login").status_code == 200


def test_with_the_local_queue_the_wsgi_app_starts_its_workers(import_wsgi):
    before = worker_threads()
    import_wsgi("local")
    assert len(worker_threads()) == len(before) + 1  # TFGRADER_WORKERS=1


def test_gunicorn_serves_the_wsgi_app(wsgi_env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "webapp.wsgi:app"],
        env={**os.environ, **wsgi_env, "TFGRADER_QUEUE": "local"},
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/auth/login") as response:
                    assert response.status == 200
                    break
            except urllib.error.HTTPError:
                raise
            except OSError:  # not listening yet
                assert server.poll() is None, server.communicate()[0].decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(10)
