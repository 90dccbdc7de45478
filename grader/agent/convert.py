"""Turn whatever the submission returns into plain data, or say clearly why it cannot.

Anything with behaviour (a class instance, a custom ``__eq__``) is refused here, inside the
sandbox; the host decodes only plain types anyway, so this is for a helpful message, not safety.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import numpy as np

MAX_ITEMS = 1_000_000


class Unsupported(Exception):
    """A value that has no plain-data form."""


def _tf() -> Any:
    """TensorFlow if the submission imported it (never import it ourselves: 2.5 s)."""
    return sys.modules.get("tensorflow")


def to_plain(value: Any, evaluate: Callable[[Any], Any] | None = None, depth: int = 0) -> Any:
    """Convert ``value``; ``evaluate`` turns a symbolic (graph-mode) tensor into a value."""
    if depth > 30:
        raise Unsupported("value nested too deeply")
    if value is None or isinstance(value, bool | int | float | str | bytes | complex):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return _plain_array(value)
    tf = _tf()
    if tf is not None:
        converted = _convert_tf(tf, value, evaluate)
        if converted is not _NOT_TF:
            return to_plain(converted, evaluate, depth + 1)
    if isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise Unsupported(f"sequence of {len(value)} items is too long")
        return [to_plain(v, evaluate, depth + 1) for v in value]
    if isinstance(value, dict):
        return {
            _plain_key(k): to_plain(v, evaluate, depth + 1) for k, v in value.items()
        }
    if isinstance(value, range):
        return list(value)
    if isinstance(value, set | frozenset):
        return [to_plain(v, evaluate, depth + 1) for v in sorted(value, key=repr)]
    raise Unsupported(
        f"a value of type {type(value).__module__}.{type(value).__qualname__} cannot be "
        "returned to the grader; return numbers, strings, lists, dicts or numpy arrays"
    )


_NOT_TF = object()


def _convert_tf(tf: Any, value: Any, evaluate: Callable[[Any], Any] | None) -> Any:
    if isinstance(value, tf.TensorShape):
        return value.as_list() if value.rank is not None else None
    if isinstance(value, tf.dtypes.DType):
        return value.name
    if isinstance(value, tf.Variable | tf.Tensor) or _is_symbolic(tf, value):
        if hasattr(value, "numpy") and tf.executing_eagerly():
            try:
                return value.numpy()
            except (AttributeError, NotImplementedError, ValueError):
                pass
        if evaluate is None:
            raise Unsupported("a graph tensor cannot be evaluated here")
        return evaluate(value)
    if isinstance(value, tf.SparseTensor) and evaluate is not None:
        return {"indices": value.indices, "values": value.values, "shape": value.dense_shape}
    return _NOT_TF


def _is_symbolic(tf: Any, value: Any) -> bool:
    try:
        return bool(tf.is_tensor(value))
    except Exception:
        return False


def _plain_array(array: np.ndarray) -> Any:
    if array.dtype.hasobject:
        try:
            array = np.asarray(array.tolist())
        except (ValueError, TypeError) as exc:
            raise Unsupported("an array of Python objects cannot be returned") from exc
        if array.dtype.hasobject:
            raise Unsupported("an array of Python objects cannot be returned")
    if array.dtype.kind == "V":
        raise Unsupported("structured arrays cannot be returned")
    return np.ascontiguousarray(array)


def _plain_key(key: Any) -> Any:
    if isinstance(key, str | int | float | bool) or key is None:
        return key
    if isinstance(key, np.generic):
        return key.item()
    if isinstance(key, tuple):
        return tuple(_plain_key(k) for k in key)
    raise Unsupported(f"dict key of type {type(key).__name__} cannot be returned")
