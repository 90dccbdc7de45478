"""Public tests for tf_data_datasets."""

import numpy as np

from grader.checker import Fail, Submission, test
from grader.checker.compare import as_array


@test(points=1, visibility="visible", name="squares(5) / 平方数")
def squares_five(sub: Submission) -> None:
    got = [float(as_array(e, "element")) for e in sub.dataset("squares", 100, 5)]
    if got != [0, 1, 4, 9, 16]:
        raise Fail(f"squares(5) should give [0, 1, 4, 9, 16], got {got}.")


@test(points=1, visibility="visible", name="make_batches yields (features, labels) / 批的结构")
def batch_structure(sub: Submission) -> None:
    features = np.arange(12, dtype=np.float32).reshape(6, 2)
    elements = sub.dataset("make_batches", 10, features, np.arange(6), 4, 1)
    if not elements or not isinstance(elements[0], list) or len(elements[0]) != 2:
        raise Fail("Each element should be a pair (features batch, labels batch): build the "
                   "dataset with from_tensor_slices((features, labels)).")
    first = as_array(elements[0][0], "features batch")
    if first.shape != (4, 2):
        raise Fail(f"The first features batch has shape {first.shape}, expected (4, 2).")
