"""Public tests for placeholders_feed_dict."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_array
from grader.checker.graphs import find_op, run


@test(points=1, visibility="visible", name="x is a placeholder / x 是占位符")
def x_is_placeholder(sub: Submission) -> None:
    op = find_op(sub, "x")
    if op["type"] not in ("Placeholder", "PlaceholderWithDefault"):
        raise Fail(f"`x` is a {op['type']} node; it must be created with "
                   "tf.compat.v1.placeholder so that it can be fed.")


@test(points=1, visibility="visible", name="y for x = [0, 1, 2] / 计算 y")
def y_small_feed(sub: Submission) -> None:
    (y,) = run(sub, ["y"], {"x": np.array([0, 1, 2], dtype=np.float32)})
    got = as_array(y, "y", shape=(3,))
    if not np.allclose(got, [1, 0, 3], atol=1e-5):
        raise Fail(f"For x = [0, 1, 2], y should be [1, 0, 3]; got {got.tolist()}.")
