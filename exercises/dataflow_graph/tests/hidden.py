"""Hidden tests for dataflow_graph: node types, edges, and the second graph."""

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.compare import as_array
from grader.checker.graphs import find_op, run, unwrap_identity

OPS = {"c": ({"Mul"}, {"a", "b"}), "d": ({"Add", "AddV2"}, {"a", "b"}),
       "e": ({"Sub"}, {"c", "d"})}


def _sources(op: dict) -> set[str]:
    return {name.split(":")[0] for name in op["inputs"]}


@test(points=3, name="operations and edges / 操作与边")
def edges(sub: Submission) -> Partial:
    problems = []
    ops = sub.graph_ops()
    for name, (types, inputs) in OPS.items():
        op = unwrap_identity(ops, find_op(sub, name))
        if op["type"] not in types:
            problems.append(f"`{name}` is a {op['type']} op, expected {'/'.join(sorted(types))}")
        if _sources(op) != inputs:
            problems.append(f"the inputs of `{name}` are {sorted(_sources(op))}, expected "
                            f"{sorted(inputs)} (edges {' and '.join(sorted(inputs))} → {name})")
    return Partial(1 - len(problems) / len(OPS), "; ".join(problems))


@test(points=1, name="the default graph holds only this computation / 默认图")
def default_graph_is_small(sub: Submission) -> None:
    find_op(sub, "e")
    names = {op["name"] for op in sub.graph_ops()}
    if {"x", "y", "out"} & names:
        raise Fail("x, y or out were built in the default graph: build them inside "
                   "`with g.as_default():`.")


@test(points=1, name="g is a separate graph with placeholders / 独立的图 g")
def separate_graph(sub: Submission) -> None:
    if sub.describe("g").get("type") != "graph":
        raise Fail("`g` should be a tf.Graph().")
    for name in ("x", "y"):
        op = find_op(sub, name, graph="g")
        if op["type"] != "Placeholder":
            raise Fail(f"`{name}` in g is a {op['type']} node, expected a placeholder.")
        if op["outputs"][0]["shape"] != [None] or op["outputs"][0]["dtype"] != "float32":
            raise Fail(f"`{name}` should be float32 with shape [None].")


@test(points=2, name="out = x² − y² on hidden inputs / out 的值")
def out_values(sub: Submission) -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(0, 4, (2, 9)).astype(np.float32)
    (out,) = run(sub, ["out"], {"x": x, "y": y}, graph="g")
    got = as_array(out, "out", shape=(9,))
    expected = x.astype(np.float64) ** 2 - y.astype(np.float64) ** 2
    if not np.allclose(got, expected, rtol=1e-4, atol=1e-3):
        raise Fail("out should be (x + y)(x − y) = x² − y²; for "
                   f"x = {x[0]:.3f}, y = {y[0]:.3f} expected {expected[0]:.4f}, got {got[0]:.4f}.")
    if find_op(sub, "out", graph="g")["type"] == "Const":
        raise Fail("out is a constant: compute it from the placeholders x and y.")
