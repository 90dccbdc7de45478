"""A submission whose every student-controlled string is an HTML/script payload (the uploaded
file's name, what it prints, its exception messages and tracebacks) is graded for real; neither
the student's live-updating page nor the instructor's view of it runs any of it.

Escaping, not the CSP, must be what stops it: the test also fails on a CSP violation report,
which would mean markup reached the DOM and only the header saved the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveServer, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.sandbox]

MARK = "PWNED-7f3a"
PAYLOAD = (
    f"<img src=x onerror=\"alert('{MARK}')\">"
    f"<script>alert('{MARK}')</script>"
    f"<svg onload=\"alert('{MARK}')\"></svg>"
    f"</pre></details><iframe srcdoc=\"<script>parent.alert('{MARK}')</script>\"></iframe>"
)
SOURCE = f'''
import sys
P = {PAYLOAD!r}
print(P)
print(P, file=sys.stderr)


def fit_line(x, y):
    raise ValueError(P)


raise RuntimeError(P)
'''
FILENAME = "x\"'><img src=x onerror=alert(1)>.py"


class Watch:
    """Records what would show that a payload ran or reached the DOM as markup."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda message: self.console.append(message.text))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_inert(self, page: Any) -> None:
        assert self.dialogs == []
        assert not [m for m in self.console if "Content Security Policy" in m or MARK in m]
        injected = page.evaluate(
            """() => document.querySelectorAll(
                   '#result img[src="x"], #result script, #result svg[onload], #result iframe,'
                   + ' [onerror], [onload]').length"""
        )
        assert injected == 0
        assert MARK in page.text_content("body")  # shown as text, not dropped


def test_payloads_in_a_submission_stay_text_for_student_and_instructor(
    page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    path = tmp_path / FILENAME
    path.write_text(SOURCE)
    watch = Watch(page)

    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/assignments/{live_server.assignment_id}")
    page.set_input_files("#upload-form input[type=file]", str(path))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/submissions/*")
    submission_url = page.url
    # The result arrives through the live update (fetched HTML put into the page).
    page.wait_for_selector("#status-badge.graded", timeout=180_000)
    page.wait_for_selector("#score")
    page.click("text=Output of your program")
    watch.assert_inert(page)
    screenshot(page, "10-hostile-submission-student")
    page.click("form[action$='/auth/logout'] button")

    login(page, live_server, "teacher")
    page.goto(submission_url)
    page.wait_for_selector("#score")
    for summary in page.locator("#result details summary").all():
        summary.click()
    watch.assert_inert(page)
    assert "onerror=alert(1)>.py" in page.text_content("body")  # the file name, as text
    screenshot(page, "11-hostile-submission-instructor")
