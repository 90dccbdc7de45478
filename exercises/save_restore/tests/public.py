"""Public tests for save_restore."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.checkpoints import checkpoint_files
from grader.checker.compare import as_array

X = np.linspace(-1, 1, 40, dtype=np.float32)


@test(points=1, visibility="visible", name="a checkpoint is written at the prefix / 写出检查点")
def writes_checkpoint(sub: Submission) -> None:
    sub.call("train_and_save", X, 2 * X + 1, "ckpt/public/model")
    checkpoint_files(sub, "ckpt/public/model")


@test(points=1, visibility="visible", name="restore_and_predict ≈ 2x + 1 / 还原后预测")
def restores(sub: Submission) -> None:
    got = as_array(sub.call("restore_and_predict", "ckpt/public/model",
                            np.array([0.0, 1.0], np.float32)), "predictions", (2,))
    if not np.allclose(got, [1.0, 3.0], atol=0.05):
        raise Fail(f"After training on y = 2x + 1, predictions at x = [0, 1] should be ≈ [1, 3]; "
                   f"got {got.tolist()}.")
