"""Small helpers test authors use to turn returned plain data into scores and feedback."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checker.api import Fail


def as_numbers(value: Any, count: int, what: str) -> list[float]:
    """Exactly ``count`` finite numbers from a returned tuple/list/array, or a clear Fail."""
    if isinstance(value, np.ndarray):
        value = value.reshape(-1).tolist()
    if not isinstance(value, list | tuple) or len(value) != count:
        raise Fail(f"{what} should be {count} numbers, but your code returned {_short(value)}.")
    numbers = []
    for item in value:
        if isinstance(item, np.ndarray) and item.size == 1:
            item = item.reshape(-1)[0].item()
        if isinstance(item, bool) or not isinstance(item, int | float):
            raise Fail(f"{what} should contain numbers, not {_short(item)}.")
        if not np.isfinite(item):
            raise Fail(
                f"{what} contains {item}: training diverged (learning rate too large?) or "
                "divided by zero."
            )
        numbers.append(float(item))
    return numbers


def as_number(value: Any, what: str) -> float:
    """One finite number from a number, a 0-d or one-element array (a Keras bias has shape
    (1,)) or a one-item list, or a clear Fail."""
    if isinstance(value, list | tuple | np.ndarray):
        if np.size(value) != 1:
            raise Fail(f"{what} should be one number, but your code returned {_short(value)}.")
        value = np.asarray(value).reshape(-1)[0]
        value = value.item() if isinstance(value, np.generic) else value
    (number,) = as_numbers([value], 1, what)
    return number


def as_array(value: Any, what: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """A numeric numpy array (from an array, list or number), optionally of a given shape."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Fail(f"{what} should be numbers, but your code returned {_short(value)}.") from None
    if shape is not None and array.shape != shape:
        raise Fail(f"{what} has shape {array.shape}, expected {shape}.")
    return array


def graded_by_error(error: float, full: float, partial: float) -> float:
    """1 when ``error <= full``, 0 when ``error >= partial``, linear in between."""
    if not np.isfinite(error) or error >= partial:
        return 0.0
    if error <= full:
        return 1.0
    return float((partial - error) / (partial - full))


def _short(value: Any) -> str:
    text = repr(value)
    kind = type(value).__name__
    return f"{kind} {text[:80]}{'…' if len(text) > 80 else ''}"
