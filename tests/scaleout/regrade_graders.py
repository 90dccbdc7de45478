"""Module-level stand-ins for grade() that a spawned process pool can pickle by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.webapp.fake_grader import fake_grade


def stricter_grade(exercise: Any, submission: Path, **kwargs: Any) -> Any:
    """The fake grader with half the points: every graded submission's score changes."""
    result = fake_grade(exercise, submission, **kwargs)
    result.score = result.score / 2
    return result
