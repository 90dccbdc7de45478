"""Hidden tests for constants_variables_placeholders."""

import numpy as np

from grader.checker import Fail, Partial, Submission, SubmissionError, test
from grader.checker.compare import as_array
from grader.checker.graphs import closed_session_hint, explain, find_op, run

C = np.array([[1, 2], [3, 4]], dtype=np.float64)
W0 = np.array([0.5, -0.5])
DOUBLINGS = [W0 * 2**k for k in range(31)]


def _current_w(sub: Submission) -> np.ndarray:
    """w as it is now in the student's session: trying ``sess.run(double_w)`` once in the
    script or a notebook cell is what the statement invites, and y = x @ c + w uses that w."""
    try:
        value = sub.variables().get("w")
    except SubmissionError:
        value = None
    if value is None or np.shape(value) != (2,):
        return W0
    return np.asarray(value, dtype=np.float64)


@test(points=1, name="c holds [[1, 2], [3, 4]] / 常量的值")
def constant_value(sub: Submission) -> None:
    value = find_op(sub, "c")["attrs"].get("value")
    if value is None or not np.allclose(as_array(value, "c"), C):
        raise Fail(f"c should be [[1, 2], [3, 4]], got {value!r}.")


@test(points=1, name="x has shape [None, 2] / x 的形状")
def placeholder_shape(sub: Submission) -> None:
    output = find_op(sub, "x")["outputs"][0]
    if output["shape"] != [None, 2] or output["dtype"] != "float32":
        raise Fail(f"x is {output['dtype']} with shape {output['shape']}; expected float32 "
                   "[None, 2], so that batches of any size can be fed.")


@test(points=1, name="w is a variable with the right initial value / 变量 w")
def variable_initial(sub: Submission) -> None:
    op = find_op(sub, "w")
    if op["type"] not in ("VariableV2", "VarHandleOp"):
        raise Fail(f"`w` is a {op['type']} node: create it with tf.Variable so it can change.")
    try:
        values = sub.variables()
    except SubmissionError as exc:
        raise Fail(explain(exc)) from None
    if "w" not in values or not any(
        np.allclose(as_array(values["w"], "w"), start) for start in DOUBLINGS
    ):
        raise Fail(f"w should start at [0.5, -0.5] (and only double_w changes it), it is "
                   f"{values.get('w')!r}.")


@test(points=3, name="batches of any size, last one partial / 任意批大小")
def uneven_batches(sub: Submission) -> Partial:
    data = np.random.default_rng(9).normal(0, 2, (23, 2)).astype(np.float32)
    expected = data @ C + _current_w(sub)
    scores = []
    for batch_size in (5, 23, 1):
        try:
            got = as_array(sub.call("predict_in_batches", data, batch_size),
                           f"predict_in_batches(data, {batch_size})")
        except SubmissionError as exc:
            shape_hint = (f" (23 rows, batch size {batch_size}: declare x with shape "
                          "[None, 2].)" if "Cannot feed" in str(exc) else "")
            return Partial(sum(scores) / 3, explain(exc) + shape_hint)
        if got.shape != expected.shape:
            return Partial(sum(scores) / 3, f"With 23 rows and batch_size={batch_size} you "
                           f"returned shape {got.shape}, expected (23, 2): keep the last, "
                           "smaller batch and concatenate along the rows.")
        scores.append(float(np.allclose(got, expected, atol=1e-3)))
    return Partial(sum(scores) / 3, "" if all(scores) else "Wrong values: y = x @ c + w.")


@test(points=2, name="assign changes w, the session keeps it / assign 改变变量")
def assign_changes_w(sub: Submission) -> None:
    data = np.array([[1.0, 1.0]], dtype=np.float32)
    old_w = _current_w(sub)
    (before,) = run(sub, ["y"], {"x": data})
    if not sub.has("double_w"):
        raise Fail("Define double_w = w.assign(w * 2).")
    sub.get("double_w")  # evaluating the op in the submission's session runs the assignment
    (after,) = run(sub, ["y"], {"x": data})
    delta = as_array(after, "y") - as_array(before, "y")
    if not np.allclose(delta, old_w, atol=1e-4):
        raise Fail(closed_session_hint(sub) or (
            f"Running double_w should double w (y then grows by the old w = {old_w.tolist()}); "
            f"y changed by {delta.tolist()}. Create double_w with w.assign(w * 2) and keep w a "
            "tf.Variable."))
