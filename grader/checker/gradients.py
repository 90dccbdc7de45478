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


POWER_AT_ZERO = (
    "{what} is NaN at x = {points}. TensorFlow differentiates x**k as k * x**(k - 1), which is "
    "0 * inf = NaN at x = 0 when k = 0 (the constant term c * x**0) and, for f'', k = 1: write "
    "those terms without a power of x, or evaluate the polynomial by Horner's rule "
    "(y = y * x + c) or with tf.math.polyval."
)


def not_finite_feedback(
    got: np.ndarray, expected: np.ndarray, x: np.ndarray, what: str
) -> tuple[float, str] | None:
    """(fraction, feedback) when ``got`` holds NaN/inf where ``expected`` is finite, else None.

    Half the credit when every other point is right: the derivative is right but for one
    numerical pitfall (a power of x differentiated at 0), which the feedback names."""
    bad = ~np.isfinite(got) & np.isfinite(expected)
    if got.shape != expected.shape or not bad.any():
        return None
    right_elsewhere = bool(np.allclose(got[~bad], expected[~bad], rtol=1e-5, atol=1e-5))
    points = ", ".join(f"{value:g}" for value in x[bad][:5])
    if np.all(x[bad] == 0):
        return 0.5 if right_elsewhere else 0.0, POWER_AT_ZERO.format(what=what, points=points)
    return 0.5 if right_elsewhere else 0.0, f"{what} is NaN or infinite at x = {points}."
