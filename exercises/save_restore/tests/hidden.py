"""Hidden tests for save_restore: two models, restore the first; read files without the code."""

import weakref

import numpy as np

from grader.checker import Partial, Submission, test
from grader.checker.checkpoints import checkpoint_files, stored_numbers
from grader.checker.compare import as_array

X = np.linspace(-2, 2, 60, dtype=np.float32)
A = (-1.5, 0.7)  # first model: w, b
B = (2.5, -3.0)  # second model
PROBE = np.array([-1.0, 0.0, 2.0], dtype=np.float32)


_trained: "weakref.WeakSet[Submission]" = weakref.WeakSet()


def _train_both(sub: Submission) -> None:
    """Two trainings in a row, once per submission (the second test reuses the files)."""
    if sub in _trained:
        return
    _trained.add(sub)
    sub.call("train_and_save", X, A[0] * X + A[1], "hidden/first/model")
    sub.call("train_and_save", X, B[0] * X + B[1], "hidden/second/model")


def _line(params: tuple[float, float]) -> np.ndarray:
    return params[0] * PROBE + params[1]


@test(points=3, name="restores the first model after training a second / 还原第一个模型")
def restores_first(sub: Submission) -> Partial:
    _train_both(sub)
    got = as_array(sub.call("restore_and_predict", "hidden/first/model", PROBE), "predictions",
                   (3,))
    if np.allclose(got, _line(A), atol=0.05):
        return Partial(1.0)
    if np.allclose(got, _line(B), atol=0.05):
        return Partial(0, "restore_and_predict returned the LAST trained model, not the one in "
                          "the checkpoint it was given: create new variables and restore them "
                          "from `prefix` (Checkpoint(...).read(prefix) or saver.restore).")
    return Partial(0, f"Predictions {np.round(got, 3).tolist()} match neither model; expected "
                      f"{np.round(_line(A), 3).tolist()}.")


@test(points=3, name="the checkpoint holds the trained values / 检查点里的值")
def checkpoint_contents(sub: Submission) -> Partial:
    _train_both(sub)
    found, files = checkpoint_files(sub, "hidden/first/model")
    values = sub.inspect_artifacts("checkpoint_variables", files, prefix=found)
    numbers = stored_numbers(values)
    has_w = any(abs(v - A[0]) < 0.05 for v in numbers.values())
    has_b = any(abs(v - A[1]) < 0.05 for v in numbers.values())
    if has_w and has_b:
        return Partial(1.0)
    if numbers and all(abs(v) < 1e-6 for v in numbers.values()):
        return Partial(0, "The checkpoint holds only zeros: you saved before training. Save "
                          "after the training loop.")
    return Partial(0.5 * (has_w + has_b),
                   f"The checkpoint should hold w ≈ {A[0]} and b ≈ {A[1]}; it holds "
                   f"{ {k: round(v, 4) for k, v in list(numbers.items())[:6]} }.")
