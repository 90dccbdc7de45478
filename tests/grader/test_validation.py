"""Every exercise of the course is valid: its reference solution earns full marks and every
starter earns zero, graded for real (this is `tfgrader exercise validate --all`)."""

from __future__ import annotations

from typing import Any

import pytest

from grader.exercise import list_exercises
from grader.validation import validate_exercise

EXERCISES = list_exercises()


COURSE = {
    "dataflow_graph", "graph_and_session", "constants_variables_placeholders",
    "placeholders_feed_dict", "tf_data_datasets", "line_fitting", "mnist_softmax",
    "sigmoid_vs_softmax", "autodiff", "save_restore", "tensorboard_summaries",
}


def test_the_course_covers_every_topic_of_the_notes() -> None:
    assert {e.name for e in EXERCISES} >= COURSE


@pytest.mark.sandbox
@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_exercise_is_valid(exercise: Any, bwrap_sandbox: Any) -> None:
    report = validate_exercise(exercise, bwrap_sandbox)
    assert report.ok, "\n".join(report.problems)
    assert "solution" in report.results and len(report.results) >= 2
