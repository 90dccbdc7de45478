"""Public tests for line_fitting: run them yourself with `tfgrader check`."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_numbers


@test(points=1, visibility="visible", name="fit_line returns two numbers / 返回两个数")
def returns_two_numbers(sub: Submission) -> None:
    x = np.linspace(-1, 1, 20, dtype=np.float32)
    as_numbers(sub.call("fit_line", x, 2 * x + 1), 2, "fit_line's result")


@test(points=2, visibility="visible", name="fits y = 2x + 1 without noise / 拟合无噪声直线")
def fits_simple_line(sub: Submission) -> None:
    x = np.linspace(-2, 2, 50, dtype=np.float32)
    a, b = as_numbers(sub.call("fit_line", x, 2 * x + 1), 2, "fit_line's result")
    if abs(a - 2) > 0.05 or abs(b - 1) > 0.05:
        raise Fail(f"Expected a ≈ 2 and b ≈ 1, got a = {a:.4f}, b = {b:.4f}.")
