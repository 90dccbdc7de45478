"""Public tests for constants_variables_placeholders."""

import numpy as np

from grader.checker import Fail, Submission, SubmissionError, test
from grader.checker.compare import as_array
from grader.checker.graphs import explain, find_op


@test(points=1, visibility="visible", name="c is a constant, x a placeholder / 常量与占位符")
def node_kinds(sub: Submission) -> None:
    if find_op(sub, "c")["type"] != "Const":
        raise Fail("`c` should be created with tf.constant.")
    op = find_op(sub, "x")
    if op["type"] != "Placeholder":
        raise Fail(f"`x` is a {op['type']} node; it must be a placeholder so that it can be fed.")


@test(points=1, visibility="visible", name="predict_in_batches on 4 rows / 4 行数据")
def small_batches(sub: Submission) -> None:
    data = np.array([[1, 0], [0, 1], [1, 1], [2, 0]], dtype=np.float32)
    try:
        answer = sub.call("predict_in_batches", data, 2)
    except SubmissionError as exc:
        raise Fail(explain(exc)) from None
    got = as_array(answer, "predict_in_batches", (4, 2))
    try:  # w as it is now in your session (running double_w once to try it doubles it)
        w = sub.variables().get("w")
    except SubmissionError:
        w = None
    if w is None or np.shape(w) != (2,):
        w = np.array([0.5, -0.5])
    expected = data @ np.array([[1, 2], [3, 4]]) + w
    if not np.allclose(got, expected, atol=1e-4):
        raise Fail(f"Expected {expected.tolist()}, got {got.tolist()}.")
