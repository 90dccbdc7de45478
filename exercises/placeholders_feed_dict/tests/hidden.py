"""Hidden tests for placeholders_feed_dict: other feeds and the graph's structure."""

import numpy as np

from grader.checker import Fail, Partial, Submission, SubmissionError, test
from grader.checker.compare import as_array
from grader.checker.graphs import find_op, run


def _expected(x: np.ndarray) -> np.ndarray:
    return 2 * x.astype(np.float64) ** 2 - 3 * x + 1


@test(points=1, name="x is float32 with shape [None] / x 的类型与形状")
def placeholder_signature(sub: Submission) -> Partial:
    op = find_op(sub, "x")
    output = op["outputs"][0]
    problems = []
    if output["dtype"] != "float32":
        problems.append(f"its dtype is {output['dtype']}, expected float32")
    if output["shape"] != [None]:
        problems.append(f"its shape is {output['shape']}, expected [None] (any length)")
    message = "; ".join(problems)
    return Partial(1 - 0.5 * len(problems), message[:1].upper() + message[1:])


@test(points=2, name="y on a random feed / 随机输入")
def y_random_feed(sub: Submission) -> None:
    x = np.random.default_rng(7).normal(0, 3, 7).astype(np.float32)
    (y,) = run(sub, ["y"], {"x": x})
    got = as_array(y, "y", shape=(7,))
    if not np.allclose(got, _expected(x), rtol=1e-4, atol=1e-3):
        worst = int(np.argmax(np.abs(got - _expected(x))))
        raise Fail(f"For x = {x[worst]:.3f}, y should be {_expected(x)[worst]:.4f}, "
                   f"got {got[worst]:.4f}. Check the formula 2x² − 3x + 1.")


@test(points=1, name="any length of x / 任意长度")
def y_any_length(sub: Submission) -> None:
    for length in (1, 1000):
        x = np.linspace(-5, 5, length, dtype=np.float32)
        try:
            (y,) = run(sub, ["y"], {"x": x})
        except SubmissionError as exc:
            raise Fail(f"Feeding a vector of length {length} failed ({exc}): declare x with "
                       "shape [None] so that any length fits.") from None
        got = as_array(y, "y")
        if got.shape != (length,) or not np.allclose(got, _expected(x), rtol=1e-4, atol=1e-2):
            raise Fail(f"y is wrong for a vector of length {length}: check the formula "
                       "2x² − 3x + 1 and that y keeps the shape of x.")


@test(points=2, name="y and total in one run / 一次运行取回多个值")
def multiple_fetches(sub: Submission) -> None:
    x = np.array([-1.5, 0.25, 4.0, 2.0], dtype=np.float32)
    y, total = run(sub, ["y", "total"], {"x": x})
    got_total = as_array(total, "total")
    if got_total.shape != ():
        raise Fail(f"total should be a scalar, got shape {got_total.shape}.")
    if not np.isclose(float(got_total), _expected(x).sum(), rtol=1e-4):
        raise Fail(f"total should be the sum of y ({_expected(x).sum():.4f}), "
                   f"got {float(got_total):.4f}.")


@test(points=1, name="y depends on x / y 依赖于 x")
def y_depends_on_x(sub: Submission) -> None:
    first = as_array(run(sub, ["y"], {"x": np.zeros(3, np.float32)})[0], "y")
    second = as_array(run(sub, ["y"], {"x": np.ones(3, np.float32)})[0], "y")
    if np.allclose(first, second):
        raise Fail("y does not change when x changes: compute y from the placeholder x.")
