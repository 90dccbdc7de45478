"""Scoring of test outcomes on the trusted side, with a scripted fake proxy (no sandbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grader.checker import AgentLost, Fail, MissingName, Partial, SubmissionError
from grader.checker import test as graded_test
from grader.checker.api import TestSpec
from grader.checker.runner import TestFileError, load_tests, run_tests
from grader.result import Visibility


class Scripted:
    """Only ``call`` is used by these tests; it returns or raises what the script says."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    def call(self, name: str, *args: Any) -> Any:
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


def spec(func, points: float = 2, visibility: str = "hidden") -> TestSpec:
    return graded_test(points=points, visibility=visibility)(func).__tfgrader_test__


def outcome_of(func, answer: Any = None):
    results, lost = run_tests([spec(func)], Scripted(answer))  # type: ignore[arg-type]
    return results[0], lost


def test_returning_none_earns_full_points() -> None:
    result, _ = outcome_of(lambda sub: None)
    assert (result.score, result.status) == (2, "passed")


def test_partial_credit_scales_points_and_keeps_feedback() -> None:
    result, _ = outcome_of(lambda sub: Partial(0.25, "close"))
    assert (result.score, result.status, result.output) == (0.5, "failed", "close")


def test_fractions_are_clipped_to_zero_and_one() -> None:
    assert outcome_of(lambda sub: 7.0)[0].score == 2
    assert outcome_of(lambda sub: -1.0)[0].score == 0
    assert outcome_of(lambda sub: float("nan"))[0].score == 0


def test_fail_and_assert_give_zero_with_their_message() -> None:
    def failing(sub):
        raise Fail("look at the learning rate")

    def asserting(sub):
        assert sub.call("f") == 3, "f should be 3"

    assert outcome_of(failing)[0].output == "look at the learning rate"
    result, _ = outcome_of(asserting, 4)
    assert result.score == 0 and result.output.startswith("f should be 3")


def test_student_exceptions_are_shown_with_their_traceback() -> None:
    error = SubmissionError("division by zero", ename="ZeroDivisionError",
                            traceback='File "/work/submission.py", line 3')
    result, _ = outcome_of(lambda sub: sub.call("f"), error)
    assert "ZeroDivisionError" in result.output and "line 3" in result.output


def test_a_missing_name_says_what_is_missing() -> None:
    result, _ = outcome_of(lambda sub: sub.call("fit_line"), MissingName("`fit_line` is not "
                                                                         "defined"))
    assert result.output == "`fit_line` is not defined"


def test_unexpected_return_types_fail_only_that_test() -> None:
    def unpack(sub):
        a, b = sub.call("f")

    result, _ = outcome_of(unpack, 5)
    assert result.score == 0 and "could not use" in result.output


def test_once_the_agent_is_lost_remaining_tests_are_not_run() -> None:
    calls = []

    def first(sub):
        raise AgentLost("time limit exceeded")

    def second(sub):
        calls.append(1)

    results, lost = run_tests([spec(first), spec(second)], Scripted(None))  # type: ignore[arg-type]
    assert lost == "time limit exceeded" and calls == []
    assert all(r.output == "Not run: time limit exceeded" for r in results)


def test_load_tests_keeps_source_order_numbering_and_visibility(tmp_path: Path) -> None:
    path = tmp_path / "hidden.py"
    path.write_text(
        "from grader.checker import test\n"
        "@test(points=1, visibility='visible')\ndef zeta(sub): pass\n"
        "@test(points=2, name='Alpha 一')\ndef alpha(sub): pass\n"
    )
    tests = load_tests(path, prefix="H")
    assert [(t.name, t.number, t.points) for t in tests] == [
        ("zeta", "H1", 1.0), ("Alpha 一", "H2", 2.0)]
    assert tests[0].visibility == Visibility.VISIBLE


def test_a_test_file_without_tests_is_an_authoring_error(tmp_path: Path) -> None:
    path = tmp_path / "hidden.py"
    path.write_text("x = 1\n")
    with pytest.raises(TestFileError, match="no @test"):
        load_tests(path)


def test_nothing_runs_when_the_agent_was_lost_before_the_first_test() -> None:
    calls = []
    results, lost = run_tests([spec(lambda sub: calls.append(1))], Scripted(None),  # type: ignore[arg-type]
                              lost="your program stopped while loading")
    assert calls == [] and lost == "your program stopped while loading"
    assert results[0].output == "Not run: your program stopped while loading"


def test_missing_required_names_are_announced_with_a_typo_hint() -> None:
    from grader.grading import missing_required

    notes = missing_required(["fit_line", "predict"], ["fitline", "predict", "np"])
    assert len(notes) == 1
    assert "`fit_line`" in notes[0] and "Did you mean to call `fitline` `fit_line`?" in notes[0]
