"""Turn a returned gradient into an array, naming the usual cause when it is missing."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checker.api import Fail
from grader.checker.compare import as_array

NONE_GRADIENT = (
    "{what} is None: TensorFlow found no path from the result to the input. A tape only "
    "watches tf.Variable objects; for a constant call tape.watch(x) inside the `with` block, "
    "and compute the result inside it too."
)


def gradient_array(value: Any, what: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """``as_array`` with a helpful message for ``None`` (an unwatched tensor's gradient)."""
    if value is None or (isinstance(value, list) and any(v is None for v in value)):
        raise Fail(NONE_GRADIENT.format(what=what))
    return as_array(value, what, shape)
