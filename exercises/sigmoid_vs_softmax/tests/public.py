"""Public tests for sigmoid_vs_softmax."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_array


@test(points=1, visibility="visible", name="sigmoid([-2, 0, 3]) / sigmoid")
def sigmoid_small(sub: Submission) -> None:
    z = np.array([-2.0, 0.0, 3.0])
    got = as_array(sub.call("sigmoid", z), "sigmoid", (3,))
    if not np.allclose(got, 1 / (1 + np.exp(-z)), atol=1e-6):
        raise Fail(f"sigmoid([-2, 0, 3]) should be ≈ [0.1192, 0.5, 0.9526], got {got}.")


@test(points=1, visibility="visible", name="binary cross-entropy, small logits / 二元交叉熵")
def bce_small(sub: Submission) -> None:
    labels, logits = np.array([0.0, 1.0, 1.0]), np.array([-2.0, 0.0, 3.0])
    got = float(as_array(sub.call("binary_cross_entropy", labels, logits), "the loss"))
    expected = float(np.mean(np.logaddexp(0, logits) - labels * logits))
    if not np.isclose(got, expected, rtol=1e-5):
        raise Fail(f"Expected the mean cross-entropy {expected:.5f}, got {got:.5f}.")
