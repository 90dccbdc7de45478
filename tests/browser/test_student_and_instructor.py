"""A student submits a notebook and watches it being graded; an instructor regrades and exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from grader.exercise import PROJECT_ROOT
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.sandbox]


def solution_notebook(tmp_path):
    source = (PROJECT_ROOT / "solutions" / "line_fitting.py").read_text()
    notebook = {
        "cells": [
            {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# Line fitting"]},
            {
                "cell_type": "code",
                "id": "solution",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": source.splitlines(True),
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "line_fitting.ipynb"
    path.write_text(json.dumps(notebook))
    return path


def test_a_student_submits_a_notebook_and_sees_the_score_arrive(page, live_server, tmp_path):
    page.goto(live_server.url + "/auth/login")
    screenshot(page, "01-login")
    login(page, live_server, "alice")
    screenshot(page, "02-assignments")
    page.goto(f"{live_server.url}/assignments/{live_server.assignment_id}")
    screenshot(page, "03-exercise-page-with-editor")

    page.set_input_files("#upload-form input[type=file]", str(solution_notebook(tmp_path)))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/submissions/*")
    page.evaluate("window.__notReloaded = true")
    assert page.text_content("#status-badge").strip() in ("queued", "running", "graded")
    screenshot(page, "04-submission-waiting")

    page.wait_for_selector("#status-badge.graded", timeout=180_000)
    page.wait_for_selector("#score")
    assert page.evaluate("window.__notReloaded") is True  # updated live, without a reload
    score = page.text_content("#score").strip()
    earned, maximum = (float(x) for x in score.split("/"))
    assert earned == maximum > 0, score
    assert "hidden test" in page.text_content("#result")
    screenshot(page, "05-submission-graded")


def test_the_chinese_interface_switch(page, live_server):
    login(page, live_server, "alice")
    page.click("a[lang=zh]")
    page.wait_for_selector("text=退出")
    page.goto(f"{live_server.url}/assignments/{live_server.assignment_id}?statement=zh")
    screenshot(page, "06-exercise-page-zh")


def test_an_instructor_regrades_and_downloads_the_gradebook(page, live_server, tmp_path):
    login(page, live_server, "alice")  # make sure there is something to regrade
    page.goto(f"{live_server.url}/assignments/{live_server.assignment_id}")
    if not page.is_visible("#editor-form"):
        page.click("details.editor-box summary")
    page.fill("#editor-form textarea", (PROJECT_ROOT / "solutions" / "line_fitting.py").read_text())
    page.click("#editor-form button[type=submit]")
    page.wait_for_selector("#status-badge.graded", timeout=180_000)
    page.click("form[action$='/auth/logout'] button")

    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/instructor/")
    page.click("text=TensorFlow 101")
    page.wait_for_selector("table.gradebook")
    screenshot(page, "07-gradebook")

    page.click("table.gradebook td.score a")
    page.wait_for_selector("#regrade-button")
    page.click("#regrade-button")
    page.wait_for_selector("text=Regrade queued.")
    page.wait_for_selector("#status-badge.graded", timeout=180_000)
    page.reload()
    history = page.locator("section:has(h2:text('Grading history')) tbody tr")
    assert history.count() == 2  # the first grading is kept beside the regrade
    screenshot(page, "08-submission-history-after-regrade")

    page.goto(f"{live_server.url}/instructor/assignments/{live_server.assignment_id}")
    screenshot(page, "09-assignment-statistics")

    page.goto(f"{live_server.url}/instructor/")
    page.click("text=TensorFlow 101")
    with page.expect_download() as download_info:
        page.click("#csv-export")
    content = tmp_path / "grades.csv"
    download_info.value.save_as(content)
    rows = list(csv.DictReader(io.StringIO(content.read_text())))
    assert [r["username"] for r in rows] == ["alice"]
    assert float(rows[0]["line_fitting"]) > 0
