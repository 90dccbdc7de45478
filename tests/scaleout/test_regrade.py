"""Batch regrade through a local process pool and through the queue: every submission gets a
new result, the history is kept, and the report lists the score changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from click.testing import CliRunner

from tests.scaleout.regrade_graders import stricter_grade
from tests.webapp.conftest import runs_of
from webapp.jobs import run_grading_job
from webapp.regrade import regrade, select_submissions


def graded_once(app: Any, store: Callable[[str], int], names: list[str]) -> list[int]:
    ids = [store(name) for name in names]
    for sid in ids:
        run_grading_job(app, sid)
    return ids


def test_local_pool_regrades_everything_and_reports_score_changes(
    app: Any, store: Callable[[str], int], db: Any
) -> None:
    ids = graded_once(app, store, ["correct.py", "correct.py", "wrong.py"])
    app.config["GRADE_FUNCTION"] = stricter_grade
    seen: list[int] = []
    report = regrade(
        app, exercise="toy_sum", local_jobs=2, on_progress=lambda p: seen.append(p.done)
    )
    assert report.complete and (report.total, report.graded, report.failed) == (3, 3, 0)
    assert seen[-1] == 3
    assert {c.submission_id for c in report.changes} >= set(ids[:2])
    assert all(c.after == (c.before or 0) / 2 for c in report.changes)  # every score halved
    for sid in ids:
        runs = runs_of(db, sid)
        assert [r.reason for r in runs] == ["submit", "regrade"]


def test_queue_regrade_waits_for_every_result(
    app: Any, store: Callable[[str], int], db: Any
) -> None:
    """Through the app's queue (here the inline one: jobs run as they are queued)."""
    from webapp.queue import InlineQueue

    ids = graded_once(app, store, ["correct.py", "wrong.py"])
    app.extensions["tfgrader_queue"] = InlineQueue(app)
    report = regrade(app, exercise="toy_sum", timeout=30)
    assert report.complete and report.changes == []
    assert all(len(runs_of(db, sid)) == 2 for sid in ids)


def test_selection_by_course_and_date(app: Any, store: Callable[[str], int]) -> None:
    from datetime import UTC, datetime, timedelta

    ids = [store("correct.py"), store("wrong.py")]
    assert select_submissions(app, exercise="toy_sum") == ids
    assert select_submissions(app, exercise="toy_sum", course="tf101") == ids
    assert select_submissions(app, exercise="toy_sum", course="other") == []
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert select_submissions(app, exercise="toy_sum", since=tomorrow) == []


def test_cli_exits_zero_when_there_is_nothing_to_regrade(app: Any, monkeypatch: Any) -> None:
    from tfgrader.cli import cli

    for key in ("DATABASE_URL", "TFGRADER_STORAGE", "TFGRADER_EXERCISES"):
        monkeypatch.setenv(key, str(app.config[key]))
    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.setenv("TFGRADER_QUEUE", "manual")
    result = CliRunner().invoke(cli, ["regrade", "--exercise", "toy_sum"])
    assert result.exit_code == 0, result.output
    assert "0 submissions" in result.output
