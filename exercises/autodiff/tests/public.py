"""Public tests for autodiff."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.gradients import gradient_array


@test(points=1, visibility="visible", name="d/dx x² = 2x / 一阶导数")
def square(sub: Submission) -> None:
    got = gradient_array(sub.call("poly_grad", [1.0, 0.0, 0.0], np.array([1.0, 2.0])),
                         "poly_grad", (2,))
    if not np.allclose(got, [2, 4], atol=1e-6):
        raise Fail(f"The derivative of x² at [1, 2] is [2, 4], got {got}.")


@test(points=1, visibility="visible", name="loss_grads on one point / 损失的梯度")
def one_point(sub: Submission) -> None:
    answer = sub.call("loss_grads", np.array([1.0]), 0.0, np.array([[2.0]]), np.array([1.0]))
    if not isinstance(answer, list) or len(answer) != 2:
        raise Fail("loss_grads should return (dL/dw, dL/db).")
    dw = gradient_array(answer[0], "dL/dw", (1,))
    db = gradient_array(answer[1], "dL/db")
    if not (np.allclose(dw, [4.0]) and np.isclose(float(db), 2.0)):
        raise Fail(f"For L = (2w + b − 1)² at w = 1, b = 0: dL/dw = 4, dL/db = 2; got "
                   f"{dw.tolist()}, {float(db)}.")
