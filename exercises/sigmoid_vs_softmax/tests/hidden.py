"""Hidden tests for sigmoid_vs_softmax: values on hidden inputs and the equivalence."""

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.compare import as_array, as_number

RNG_SEED = 41


def _bce(labels: np.ndarray, logits: np.ndarray) -> float:
    return float(np.mean(np.logaddexp(0, logits) - labels * logits))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0, -z))


@test(points=1, name="sigmoid on hidden inputs, large |z| too / 大数值输入")
def sigmoid_hidden(sub: Submission) -> None:
    z = np.concatenate([np.random.default_rng(RNG_SEED).normal(0, 4, 20), [-60.0, 60.0]])
    got = as_array(sub.call("sigmoid", z), "sigmoid", (22,))
    if not np.allclose(got, _sigmoid(z), rtol=1e-4, atol=1e-6):
        raise Fail("sigmoid is wrong on hidden inputs (σ(z) = 1 / (1 + exp(−z))).")


@test(points=2, name="binary cross-entropy: mean, stable / 平均且数值稳定")
def bce_hidden(sub: Submission) -> Partial:
    rng = np.random.default_rng(RNG_SEED + 1)
    labels = rng.integers(0, 2, 30).astype(np.float64)
    logits = rng.normal(0, 3, 30)
    got = float(as_array(sub.call("binary_cross_entropy", labels, logits), "the loss"))
    expected = _bce(labels, logits)
    if np.isclose(got, expected * len(labels), rtol=1e-4):
        return Partial(0, "Your loss is the SUM over examples; take the mean (reduce_mean).")
    if not np.isclose(got, expected, rtol=1e-4):
        return Partial(0, f"The mean binary cross-entropy should be {expected:.5f}, got "
                          f"{got:.5f}.")
    extreme_labels, extreme_logits = np.array([1.0, 0.0, 0.0]), np.array([-100.0, 100.0, -100.0])
    extreme = float(as_array(sub.call("binary_cross_entropy", extreme_labels, extreme_logits),
                             "the loss"))
    if not np.isfinite(extreme) or not np.isclose(extreme, _bce(extreme_labels, extreme_logits),
                                                  rtol=1e-3):
        return Partial(0.5, f"For logits ±100 your loss is {extreme} instead of "
                            f"{_bce(extreme_labels, extreme_logits):.3f}: log(sigmoid(z)) "
                            "underflows. Use tf.nn.sigmoid_cross_entropy_with_logits.")
    return Partial(1.0)


@test(points=1, name="softmax rows sum to 1 / softmax 每行和为 1")
def softmax_rows(sub: Submission) -> None:
    logits = np.random.default_rng(RNG_SEED + 2).normal(0, 3, (9, 2))
    got = as_array(sub.call("softmax_pair", logits), "softmax_pair", (9, 2))
    if not np.allclose(got.sum(axis=1), 1, atol=1e-6):
        raise Fail("The rows of softmax_pair do not sum to 1: apply softmax along axis=1 "
                   "(each example's two logits), not along the examples.")
    expected = np.exp(logits - np.logaddexp(logits[:, :1], logits[:, 1:]))
    if not np.allclose(got, expected, atol=1e-6):
        raise Fail("softmax_pair values are wrong on hidden logits.")


@test(points=2, name="softmax of two logits equals sigmoid of their difference / 等价性")
def equivalence(sub: Submission) -> None:
    rng = np.random.default_rng(RNG_SEED + 3)
    logits = rng.normal(0, 5, (15, 2))
    pair = as_array(sub.call("softmax_pair", logits), "softmax_pair", (15, 2))
    single = as_array(sub.call("sigmoid", logits[:, 1] - logits[:, 0]), "sigmoid", (15,))
    if not np.allclose(pair[:, 1], single, atol=1e-5):
        worst = int(np.argmax(np.abs(pair[:, 1] - single)))
        raise Fail(f"softmax_pair(z)[:, 1] and sigmoid(z1 − z0) differ, e.g. {pair[worst, 1]:.5f}"
                   f" vs {single[worst]:.5f}: for two classes they must be equal.")


@test(points=3, name="logistic regression on hidden data / 逻辑回归")
def logistic(sub: Submission) -> Partial:
    rng = np.random.default_rng(RNG_SEED + 4)
    true_w, true_b = np.array([2.0, -3.0, 1.0]), 0.5

    def sample(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rng.normal(0, 1, (n, 3))
        y = (x @ true_w + true_b + rng.normal(0, 0.3, n) > 0).astype(np.float64)
        return x.astype(np.float32), y.astype(np.float32)

    x_train, y_train = sample(300)
    x_test, y_test = sample(500)
    answer = sub.call("train_logistic", x_train, y_train)
    if not isinstance(answer, list) or len(answer) != 2:
        raise Fail("train_logistic should return (w, b).")
    w = as_array(answer[0], "w").reshape(-1)
    b = as_number(answer[1], "b")
    if w.shape != (3,) or not np.all(np.isfinite(w)):
        raise Fail(f"w should be 3 finite numbers, got {w}.")
    accuracy = float(np.mean(((x_test @ w + b) > 0) == (y_test > 0.5)))
    fraction = float(np.clip((accuracy - 0.6) / (0.9 - 0.6), 0, 1))
    return Partial(fraction, "" if fraction == 1 else
                   f"Test accuracy {accuracy:.3f} (full marks from 0.90): check the sign of the "
                   "gradient step, the labels, and train longer.")
