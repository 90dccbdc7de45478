"""Collect an exercise's tests and score them against a :class:`Submission`.

Runs in the trusted process. A test's outcome is turned into points here and only here; the
values the tests compare come from the sandbox as plain data.
"""

from __future__ import annotations

import importlib.util
import math
import sys
import traceback
from pathlib import Path
from types import ModuleType

from grader.checker.api import (
    AgentLost,
    Fail,
    MissingName,
    Outcome,
    Partial,
    Submission,
    SubmissionError,
    TestSpec,
)
from grader.checker.graphs import known_cause
from grader.result import TestResult

MAX_FEEDBACK = 4000


class TestFileError(Exception):
    """A test file that cannot be imported or declares no tests (an authoring error)."""

    __test__ = False  # not a pytest test class


def load_tests(path: Path, prefix: str = "") -> list[TestSpec]:
    """Import a test file under a private module name and return its tests in order."""
    module_name = f"tfgrader_tests_{abs(hash(str(path.resolve())))}_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise TestFileError(f"cannot import {path}")
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise TestFileError(f"{path}: {type(exc).__name__}: {exc}") from exc
    tests = [
        value.__tfgrader_test__
        for value in vars(module).values()
        if callable(value) and hasattr(value, "__tfgrader_test__")
    ]
    if not tests:
        raise TestFileError(f"{path} declares no @test functions")
    tests.sort(key=lambda t: t.func.__code__.co_firstlineno)
    for index, test in enumerate(tests, start=1):
        test.number = f"{prefix}{index}"
    return tests


def _clip(fraction: float) -> float:
    if math.isnan(fraction):
        return 0.0
    return min(1.0, max(0.0, fraction))


def _score(test: TestSpec, outcome: Outcome) -> tuple[float, str]:
    if outcome is None or outcome is True:
        return 1.0, ""
    if outcome is False:
        return 0.0, ""
    if isinstance(outcome, Partial):
        return _clip(outcome.fraction), outcome.message
    if isinstance(outcome, int | float):
        return _clip(float(outcome)), ""
    raise TypeError(f"test {test.name!r} returned {type(outcome).__name__}, not an outcome")


def describe_submission_error(exc: SubmissionError) -> str:
    if isinstance(exc, MissingName):
        return str(exc)
    text = f"Your code raised {exc.ename or 'an error'}: {exc}"
    if exc.traceback:
        text += "\n" + exc.traceback.strip()
    cause = known_cause(exc)  # TensorFlow's words name the symptom; say the usual cause first
    return f"{cause}\n{text}" if cause else text


def run_test(test: TestSpec, submission: Submission, lost: str | None) -> TestResult:
    """Score one test; ``lost`` is set when the sandbox is gone and nothing can run."""
    fraction, message = 0.0, ""
    if lost is not None:
        message = f"Not run: {lost}"
    else:
        try:
            fraction, message = _score(test, test.func(submission))
        except (Fail, AssertionError) as exc:
            message = str(exc) or "Wrong answer."
        except SubmissionError as exc:
            message = describe_submission_error(exc)
        except AgentLost:
            raise
        except Exception as exc:  # noqa: BLE001 - unexpected data from the student's code
            message = (
                "Your code returned something the test could not use "
                f"({type(exc).__name__}: {exc}). Check the return type the statement asks for."
            )
            traceback.print_exc(file=sys.stderr)
    points = round(test.points * fraction, 4)
    return TestResult(
        name=test.name,
        score=points,
        max_score=test.points,
        status="passed" if fraction >= 1.0 else "failed",
        output=message[:MAX_FEEDBACK],
        visibility=test.visibility,
        number=test.number,
    )


def run_tests(
    tests: list[TestSpec], submission: Submission, lost: str | None = None
) -> tuple[list[TestResult], str | None]:
    """Run every test in order; once the agent is lost (or was, before the first test: ``lost``)
    the rest fail with the reason."""
    results: list[TestResult] = []
    for test in tests:
        try:
            results.append(run_test(test, submission, lost))
        except AgentLost as exc:
            lost = str(exc)
            results.append(run_test(test, submission, lost))
    return results, lost
