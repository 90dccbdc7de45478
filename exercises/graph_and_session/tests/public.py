"""Public tests for graph_and_session: run them yourself with `tfgrader check`."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_array
from grader.checker.graphs import EAGER_HINT


@test(points=1, visibility="visible", name="total is a graph node, not a value / total 是图中节点")
def total_is_symbolic(sub: Submission) -> None:
    info = sub.describe("total")
    if info.get("type") != "tensor":
        raise Fail(f"`total` should be a tensor, it is a {info.get('type')}.")
    if not info.get("symbolic"):
        raise Fail(EAGER_HINT.format(name="total"))


@test(points=1, visibility="visible", name="compute([1, 2], [3, 4]) / 计算")
def compute_small(sub: Submission) -> None:
    result = sub.call("compute", np.array([1, 2], np.float32), np.array([3, 4], np.float32))
    if not isinstance(result, list) or len(result) != 2:
        raise Fail("compute should return two arrays: (total, product).")
    total, product = (as_array(v, name, (2,)) for v, name in zip(result, ("total", "product"),
                                                                 strict=True))
    if not (np.allclose(total, [4, 6]) and np.allclose(product, [3, 8])):
        raise Fail(f"Expected total [4, 6] and product [3, 8], got {total} and {product}.")
