"""Browser tests: the real platform (real grader, local workers, SQLite) served on a free port and
driven by Debian's headless Chromium through Playwright. Screenshots go to
``test-artifacts/screenshots/`` for people to look at."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from grader.exercise import EXERCISES_DIR, PROJECT_ROOT
from tests.conftest import skip_or_fail
from webapp import create_app
from webapp.accounts import add_user, enroll, get_or_create_course
from webapp.db import session_scope, upgrade
from webapp.models import Assignment, utcnow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
PASSWORD = "browser-test-password"


@dataclass
class LiveServer:
    url: str
    app: object
    assignment_id: int


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, bwrap_sandbox) -> Iterator[LiveServer]:
    storage = tmp_path_factory.mktemp("browser-storage")
    url = f"sqlite:///{storage / 'tfgrader.sqlite3'}"
    upgrade(url)
    app = create_app(
        {
            "DATABASE_URL": url,
            "TFGRADER_STORAGE": str(storage),
            "SECRET_KEY": "browser-tests",
            "TFGRADER_EXERCISES": str(EXERCISES_DIR),
            "TFGRADER_QUEUE": "local",
            "TFGRADER_WORKERS": 2,
        }
    )
    with app.app_context(), session_scope(app) as db:
        course = get_or_create_course(db, "tf101", "TensorFlow 101")
        for name, role in (("teacher", "instructor"), ("alice", "student")):
            enroll(
                db, add_user(db, name, role=role, password=PASSWORD, full_name=name.title()), course
            )
        assignment = Assignment(
            course_id=course.id,
            exercise="line_fitting",
            title="Line fitting",
            opens_at=utcnow() - timedelta(days=1),
            due_at=utcnow() + timedelta(days=7),
            late_policy=[[24.0, 80.0]],
        )
        db.add(assignment)
        db.commit()
        assignment_id = assignment.id
    queue = app.extensions["tfgrader_queue"]
    queue.start()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, assignment_id)
    server.shutdown()
    queue.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        skip_or_fail(f"{CHROMIUM} is not installed (apt-get install chromium)")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def login(page, server: LiveServer, username: str) -> None:
    page.goto(server.url + "/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/assignments")
