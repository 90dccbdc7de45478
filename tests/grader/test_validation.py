"""Every exercise of the course is valid: its reference solution earns full marks and every
starter earns zero, graded for real (this is `tfgrader exercise validate --all`)."""

from __future__ import annotations

from typing import Any

import pytest

from grader.exercise import list_exercises
from grader.validation import validate_exercise

EXERCISES = list_exercises()


def test_the_course_has_its_exercises() -> None:
    assert {"line_fitting", "placeholders_feed_dict"} <= {e.name for e in EXERCISES}


@pytest.mark.sandbox
@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_exercise_is_valid(exercise: Any, bwrap_sandbox: Any) -> None:
    report = validate_exercise(exercise, bwrap_sandbox)
    assert report.ok, "\n".join(report.problems)
    assert "solution" in report.results and len(report.results) >= 2
