"""Public tests for line_fitting: run them yourself with `tfgrader check`."""

import weakref

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_numbers

X = np.linspace(-2, 2, 50, dtype=np.float32)
_answers: "weakref.WeakKeyDictionary[Submission, list[float]]" = weakref.WeakKeyDictionary()


def _fit_simple_line(sub: Submission) -> list[float]:
    """fit_line on y = 2x + 1, asked once per submission: training takes seconds, and both
    tests look at the same answer."""
    if sub not in _answers:
        _answers[sub] = as_numbers(sub.call("fit_line", X, 2 * X + 1), 2, "fit_line's result")
    return _answers[sub]


@test(points=1, visibility="visible", name="fit_line returns two numbers / 返回两个数")
def returns_two_numbers(sub: Submission) -> None:
    _fit_simple_line(sub)


@test(points=2, visibility="visible", name="fits y = 2x + 1 without noise / 拟合无噪声直线")
def fits_simple_line(sub: Submission) -> None:
    a, b = _fit_simple_line(sub)
    if abs(a - 2) > 0.05 or abs(b - 1) > 0.05:
        raise Fail(f"Expected a ≈ 2 and b ≈ 1, got a = {a:.4f}, b = {b:.4f}.")
