"""Hidden tests for graph_and_session: state lives in the session, the graph stays fixed."""

import numpy as np

from grader.checker import Fail, Submission, SubmissionError, test
from grader.checker.compare import as_array
from grader.checker.graphs import explain, find_op


@test(points=2, name="compute on hidden inputs / 隐藏输入")
def compute_hidden(sub: Submission) -> None:
    rng = np.random.default_rng(5)
    a, b = rng.normal(0, 3, (2, 11)).astype(np.float32)
    result = sub.call("compute", a, b)
    if not isinstance(result, list) or len(result) != 2:
        raise Fail("compute should return (total, product).")
    total, product = as_array(result[0], "total", (11,)), as_array(result[1], "product", (11,))
    if not np.allclose(total, a + b, rtol=1e-5, atol=1e-5):
        raise Fail("total is not a + b for hidden inputs.")
    if not np.allclose(product, a * b, rtol=1e-5, atol=1e-5):
        raise Fail("product is not a * b for hidden inputs (check which fetch you return).")


@test(points=2, name="the counter accumulates in the session / 计数在会话中累积")
def counter_accumulates(sub: Submission) -> None:
    try:
        first = sub.call("run_steps", 3)
        second = sub.call("run_steps", 2)
        third = sub.call("run_steps", 0)
    except SubmissionError as exc:
        raise Fail(explain(exc)) from None
    if [first, second, third] == [3, 2, 0]:
        raise Fail("The counter restarts at 0 on every call: do not re-initialise the variables "
                   "or open a new Session inside run_steps; reuse the global sess.")
    if not (second == first + 2 and third == second):
        raise Fail(f"run_steps(3), run_steps(2), run_steps(0) returned {first}, {second}, "
                   f"{third}; each call should add n to the same counter.")


@test(points=2, name="functions do not grow the graph / 调用函数不增加节点")
def graph_does_not_grow(sub: Submission) -> None:
    before = len(sub.graph_ops())
    try:
        sub.call("run_steps", 2)
    except SubmissionError as exc:
        raise Fail(explain(exc)) from None
    sub.call("compute", np.ones(2, np.float32), np.ones(2, np.float32))
    after = len(sub.graph_ops())
    if after > before:
        raise Fail(f"Calling run_steps and compute added {after - before} nodes to the graph: "
                   "build every op once at the top level and only sess.run it in functions.")


@test(points=1, name="counter is an int32 variable / counter 是 int32 变量")
def counter_is_variable(sub: Submission) -> None:
    counter = find_op(sub, "counter")
    if counter["type"] not in ("VariableV2", "VarHandleOp", "Variable"):
        raise Fail(f"`counter` is a {counter['type']} node; create it with tf.Variable so that "
                   "its value lives in the session and can change.")
    dtype = counter["attrs"].get("dtype", "")
    if dtype.replace("_ref", "") != "int32":
        raise Fail(f"`counter` should be int32, it is {dtype}.")
