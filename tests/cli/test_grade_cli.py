"""`tfgrader grade` and `tfgrader check`: exit codes and output formats, graded for real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tfgrader.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
SOLUTION = ROOT / "solutions" / "placeholders_feed_dict.py"
STARTER = ROOT / "exercises" / "placeholders_feed_dict" / "starter" / "starter.py"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.sandbox
def test_grade_prints_a_json_result_and_exits_zero(runner: CliRunner, bwrap_sandbox) -> None:
    outcome = runner.invoke(cli, ["grade", "-e", "placeholders_feed_dict", str(SOLUTION),
                                  "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.stdout)
    assert result["score"] == result["max_score"] > 0
    assert result["run"]["verdict"] == "finished"
    assert {t["visibility"] for t in result["tests"]} == {"visible", "hidden"}


@pytest.mark.sandbox
def test_a_zero_score_still_exits_zero_with_a_readable_table(runner: CliRunner,
                                                             bwrap_sandbox) -> None:
    outcome = runner.invoke(cli, ["grade", "-e", "placeholders_feed_dict", str(STARTER)])
    assert outcome.exit_code == 0, outcome.output
    assert "placeholders_feed_dict" in outcome.output and "0/" in outcome.output
    assert "x is a placeholder" in outcome.output


@pytest.mark.sandbox
def test_check_runs_only_the_public_tests(runner: CliRunner, bwrap_sandbox) -> None:
    outcome = runner.invoke(cli, ["check", "-e", "placeholders_feed_dict", str(SOLUTION),
                                  "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    tests = json.loads(outcome.stdout)["tests"]
    assert tests and all(t["number"].startswith("P") for t in tests)


def test_an_unknown_exercise_is_a_usage_error(runner: CliRunner) -> None:
    outcome = runner.invoke(cli, ["grade", "-e", "no_such_exercise", str(SOLUTION)])
    assert outcome.exit_code == 2
    assert "no exercise named 'no_such_exercise'" in outcome.output
    assert "line_fitting" in outcome.output  # lists the known ones


def test_a_missing_file_is_a_usage_error(runner: CliRunner) -> None:
    outcome = runner.invoke(cli, ["grade", "-e", "line_fitting", "/nonexistent.py"])
    assert outcome.exit_code == 2 and "does not exist" in outcome.output


def test_a_broken_sandbox_is_an_infrastructure_error_not_a_grade(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGRADER_RUNTIME", "/nonexistent/runtime")
    outcome = runner.invoke(cli, ["grade", "-e", "placeholders_feed_dict", str(SOLUTION)])
    assert outcome.exit_code != 0
    assert "cannot run here" in outcome.output and "runtime" in outcome.output


def test_exercise_list_shows_bilingual_titles(runner: CliRunner) -> None:
    outcome = runner.invoke(cli, ["exercise", "list"])
    assert outcome.exit_code == 0
    assert "直线参数估计 / Line fitting" in outcome.output


@pytest.mark.sandbox
@pytest.mark.slow
def test_demo_grades_the_reference_solution_and_a_broken_submission(runner: CliRunner,
                                                                   bwrap_sandbox) -> None:
    outcome = runner.invoke(cli, ["demo"])
    assert outcome.exit_code == 0, outcome.output
    assert "line_fitting.py · 12/12" in outcome.output
    assert "diverging_learning_rate.py · 0/12" in outcome.output
    assert "diverged" in outcome.output
