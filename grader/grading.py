"""Grade one submission of one exercise: the single entry point the CLI, web app and workers use."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from grader.exercise import Exercise
from grader.result import GradingResult
from grader.sandbox import Sandbox


def grade(
    exercise: Exercise,
    submission: Path,
    *,
    sandbox: Sandbox | None = None,
    artifacts_dir: Path | None = None,
    suite: Literal["all", "public"] = "all",
) -> GradingResult:
    """Run ``submission`` (a .py or .ipynb file) in a sandbox and score it with the exercise's tests.

    Always returns a result: problems with the submission are part of the grade (with feedback);
    problems of the infrastructure give ``status=error`` and ``run.verdict=internal_error`` so the
    caller retries instead of recording a zero. Feedback images are written to ``artifacts_dir``
    (named in ``result.images``); without it they are not kept.
    """
    raise NotImplementedError("being written")
