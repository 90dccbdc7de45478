"""Hidden tests for autodiff: derivatives the checker computes analytically."""

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.gradients import gradient_array, not_finite_feedback

COEFFS = [0.5, -1.0, 2.0, 0.0, -3.0, 1.5]  # degree 5


@test(points=2, name="f'(x) of a hidden polynomial / 隐藏多项式的导数")
def first_derivative(sub: Submission) -> Partial | None:
    x = np.linspace(-2.5, 2.5, 13)
    got = gradient_array(sub.call("poly_grad", COEFFS, x), "poly_grad", (13,))
    expected = np.polyval(np.polyder(COEFFS), x)
    if (not_finite := not_finite_feedback(got, expected, x, "poly_grad")) is not None:
        return Partial(*not_finite)
    if not np.allclose(got, expected, rtol=1e-5, atol=1e-5):
        raise Fail("poly_grad is wrong on a hidden polynomial of degree 5; differentiate the "
                   "polynomial as given (coefficients from the highest power).")


@test(points=3, name="gradients of the mean squared error / 均方误差的梯度")
def mse_gradients(sub: Submission) -> Partial:
    rng = np.random.default_rng(17)
    x = rng.normal(0, 1, (25, 3))
    y = rng.normal(0, 1, 25)
    w, b = rng.normal(0, 1, 3), 0.7
    residual = x @ w + b - y
    expected_dw, expected_db = 2 * x.T @ residual / len(y), 2 * residual.mean()
    answer = sub.call("loss_grads", w, b, x, y)
    if not isinstance(answer, list) or len(answer) != 2:
        raise Fail("loss_grads should return (dL/dw, dL/db).")
    dw = gradient_array(answer[0], "dL/dw", (3,))
    db = float(gradient_array(answer[1], "dL/db"))
    if np.allclose(dw, expected_dw * len(y), rtol=1e-4):
        return Partial(0.3, "Your gradients are 25 times too large: the loss is the MEAN of the "
                            "squared errors (reduce_mean), not the sum.")
    if np.allclose(dw, -expected_dw, rtol=1e-4):
        return Partial(0.3, "Your gradients have the wrong sign: residual = x·w + b − y.")
    right = int(np.allclose(dw, expected_dw, rtol=1e-4, atol=1e-6)) + int(
        np.isclose(db, expected_db, rtol=1e-4))
    return Partial(right / 2, "" if right == 2 else
                   f"Expected dL/dw = {np.round(expected_dw, 4).tolist()} and dL/db = "
                   f"{expected_db:.4f}; got {np.round(dw, 4).tolist()} and {db:.4f}.")


@test(points=2, name="f''(x) with nested tapes / 二阶导数")
def second(sub: Submission) -> Partial | None:
    x = np.linspace(-2, 2, 9)
    got = gradient_array(sub.call("second_derivative", COEFFS, x), "second_derivative", (9,))
    expected = np.polyval(np.polyder(COEFFS, 2), x)
    if (not_finite := not_finite_feedback(got, expected, x, "second_derivative")) is not None:
        return Partial(*not_finite)
    if np.allclose(got, np.polyval(np.polyder(COEFFS), x), rtol=1e-5):
        raise Fail("second_derivative returns the FIRST derivative: differentiate the inner "
                   "tape's gradient again with an outer tape.")
    if not np.allclose(got, expected, rtol=1e-5, atol=1e-5):
        raise Fail("second_derivative is wrong on a hidden polynomial.")
