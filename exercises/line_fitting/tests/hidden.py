"""Hidden tests for line_fitting: data sets students never see, points by accuracy."""

import weakref

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.compare import as_numbers, graded_by_error
from grader.checker.plots import fitted_line


def _data(seed: int, a: float, b: float, noise: float, n: int, low: float = -2, high: float = 2):
    rng = np.random.default_rng(seed)
    x = rng.uniform(low, high, n).astype(np.float32)
    y = (a * x + b + rng.normal(0, noise, n)).astype(np.float32)
    best_a, best_b = np.polyfit(x.astype(np.float64), y.astype(np.float64), 1)
    return x, y, float(best_a), float(best_b)


_answers: "weakref.WeakKeyDictionary[Submission, dict[int, list[float]]]" = (
    weakref.WeakKeyDictionary())


def _fit(sub: Submission, seed: int, x: np.ndarray, y: np.ndarray) -> list[float]:
    """fit_line's answer on data set ``seed``, asked once per submission: a call trains for
    seconds, and the last test only needs to know that one call worked."""
    answers = _answers.setdefault(sub, {})
    if seed not in answers:
        answers[seed] = as_numbers(sub.call("fit_line", x, y), 2, "fit_line's result")
    return answers[seed]


def _check(sub: Submission, seed: int, a: float, b: float, noise: float, n: int,
           low: float = -2, high: float = 2, picture: str | None = None) -> Partial:
    x, y, best_a, best_b = _data(seed, a, b, noise, n, low, high)
    got_a, got_b = _fit(sub, seed, x, y)
    if picture:
        sub.add_image(picture, fitted_line(x, y, got_a, got_b, best_a, best_b, picture))
    if abs(got_a - best_b) < 0.05 and abs(got_b - best_a) < 0.05 and abs(best_a - best_b) > 0.5:
        raise Fail("a and b look swapped: return (slope, intercept) in that order.")
    error = max(abs(got_a - best_a), abs(got_b - best_b))
    fraction = graded_by_error(error, full=0.02, partial=0.3)
    message = "" if fraction == 1 else (
        f"Your line y = {got_a:.4f}x + {got_b:.4f} is off the least-squares line by up to "
        f"{error:.3f}. Train longer, check the learning rate, and make sure the loss is the "
        "MEAN of SQUARED errors."
    )
    return Partial(fraction, message)


@test(points=2, name="negative slope with noise / 负斜率含噪声")
def negative_slope(sub: Submission) -> Partial:
    return _check(sub, 11, -3.0, 0.5, 0.2, 200, picture="Your line on hidden data set 1")


@test(points=2, name="large intercept, x not centred / 大截距、x 不居中")
def large_intercept(sub: Submission) -> Partial:
    return _check(sub, 12, 0.5, 4.5, 0.1, 150, low=0.0, high=2.0)


@test(points=2, name="steep line, scaled data / 陡峭直线")
def steep_line(sub: Submission) -> Partial:
    return _check(sub, 13, 5.0, -4.0, 0.5, 300)


@test(points=1, name="flat line / 水平直线")
def flat_line(sub: Submission) -> Partial:
    return _check(sub, 14, 0.0, -1.5, 0.05, 80)


@test(points=1, name="few points / 少量数据点")
def few_points(sub: Submission) -> Partial:
    return _check(sub, 15, 1.5, 2.0, 0.3, 8)


@test(points=1, name="uses TensorFlow / 使用 TensorFlow")
def uses_tensorflow(sub: Submission) -> None:
    x, y, _, _ = _data(15, 1.5, 2.0, 0.3, 8)
    _fit(sub, 15, x, y)  # it must work at all (the answer of "few points", asked once)
    if "tensorflow" not in sub.modules():
        raise Fail("Your submission never imported TensorFlow: fit the line with TensorFlow "
                   "gradient descent, not with a closed-form formula.")
