"""Public tests for dataflow_graph: run them yourself with `tfgrader check`."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_array
from grader.checker.graphs import find_op, run


@test(points=1, visibility="visible", name="a and b are constants / a、b 是常量")
def constants(sub: Submission) -> None:
    for name, value in (("a", 5.0), ("b", 3.0)):
        op = find_op(sub, name)
        if op["type"] != "Const":
            raise Fail(f"`{name}` is a {op['type']} node, expected a constant (tf.constant).")
        if not np.isclose(float(as_array(op["attrs"].get("value"), name)), value):
            raise Fail(f"`{name}` should hold {value}.")


@test(points=1, visibility="visible", name="e evaluates to 7 / e 的值为 7")
def e_value(sub: Submission) -> None:
    (value,) = run(sub, ["e"])
    if not np.isclose(float(as_array(value, "e")), 7.0):
        raise Fail(f"e = c − d = 15 − 8 = 7, got {value}.")
