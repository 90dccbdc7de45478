"""Framing and plain-data encoding for the agent channel (stdin/stdout of the sandbox).

A frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON. Values are JSON
plus a few tagged forms: numpy arrays travel as ``.npy`` bytes (loaded with
``allow_pickle=False``), bytes as base64, complex numbers and non-string dict keys explicitly.
Nothing decoded here can carry behaviour: only dict, list, str, int, float, bool, None, bytes,
complex and plain ``numpy.ndarray`` come out.
"""

from __future__ import annotations

import base64
import io
import json
import math
import struct
from typing import IO, Any

import numpy as np

MAX_FRAME_BYTES = 64 << 20
MAX_ARRAY_BYTES = 48 << 20
MAX_DEPTH = 32
MAX_JSON_VALUES = 2_000_000
"""At most this many JSON values in one frame, counted from its commas, brackets and braces
(an upper bound: a comma inside a string counts too). The byte cap alone does not bound the
decoded size: 64 MB of ``[],[],`` is 21 million lists, 3 GB and 34 s of the trusted worker.
A million-item list (the agent's own sequence cap) fits; arrays travel as ``.npy`` bytes."""
_HEADER = struct.Struct(">I")


class ProtocolError(Exception):
    """A frame or value that does not follow the protocol (or breaks a size cap)."""


def encode_frame(message: Any) -> bytes:
    """The frame for ``message``. The agent checks the same caps as the trusted side, so that
    an honest value over them is answered with a clear 'unsupported' error."""
    text = json.dumps(_tag(message, 0), ensure_ascii=False, allow_nan=True)
    try:
        payload = text.encode()
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a non-UTF-8 file name
        raise ProtocolError(
            f"text that is not valid Unicode cannot be sent ({exc.reason})"
        ) from exc
    if len(payload) > MAX_FRAME_BYTES:
        raise ProtocolError(f"message of {len(payload)} bytes exceeds {MAX_FRAME_BYTES}")
    _check_value_count(payload)
    return _HEADER.pack(len(payload)) + payload


def _check_value_count(payload: bytes) -> None:
    count = payload.count(b",") + payload.count(b"[") + payload.count(b"{")
    if count > MAX_JSON_VALUES:
        raise ProtocolError(
            f"a message of about {count} values exceeds the {MAX_JSON_VALUES} values the "
            "grader accepts; return large data as a numpy array"
        )


def write_frame(stream: IO[bytes], message: Any) -> None:
    stream.write(encode_frame(message))
    stream.flush()


def frame_length(header: bytes) -> int:
    (length,) = _HEADER.unpack(header)
    if length > MAX_FRAME_BYTES:
        raise ProtocolError(f"frame of {length} bytes exceeds the {MAX_FRAME_BYTES}-byte cap")
    return int(length)


def decode_payload(payload: bytes) -> Any:
    """Plain data from one frame's bytes, or :class:`ProtocolError`.

    On the trusted side the bytes come from the submission's process, so any failure at all
    (a tagged form used wrongly, an integer over Python's 4300-digit limit, nesting past the
    recursion limit) is the sender's protocol error: no other exception may escape to the
    grader, where it would turn the run into an internal error instead of a grade.
    """
    _check_value_count(payload)
    try:
        raw = json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError, JSONDecodeError too
        raise ProtocolError(f"frame is not UTF-8 JSON: {str(exc)[:200]}") from exc
    try:
        return _untag(raw, 0)
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - any malformed tagged form
        raise ProtocolError(f"malformed value: {type(exc).__name__}: {str(exc)[:200]}") from exc


def read_frame(stream: IO[bytes]) -> Any:
    """Blocking read of one frame (the agent side; the host reads with deadlines instead)."""
    header = _read_exact(stream, _HEADER.size)
    return decode_payload(_read_exact(stream, frame_length(header)))


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = stream.read(size - len(chunks))
        if not chunk:
            raise EOFError("channel closed")
        chunks += chunk
    return bytes(chunks)


def _tag(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode()}
    if isinstance(value, complex):
        return {"__complex__": [value.real, value.imag]}
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise ProtocolError("arrays of Python objects cannot be sent")
        if value.nbytes > MAX_ARRAY_BYTES:
            raise ProtocolError(
                f"an array of {value.nbytes >> 20} MB is larger than the "
                f"{MAX_ARRAY_BYTES >> 20} MB the grader accepts"
            )
        buffer = io.BytesIO()
        np.save(buffer, value, allow_pickle=False)
        return {"__ndarray__": base64.b64encode(buffer.getvalue()).decode()}
    if isinstance(value, list | tuple):
        return [_tag(v, depth + 1) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            if any(k.startswith("__") and k.endswith("__") for k in value):
                return {"__dict__": [[k, _tag(v, depth + 1)] for k, v in value.items()]}
            return {k: _tag(v, depth + 1) for k, v in value.items()}
        return {"__dict__": [[_tag(k, depth + 1), _tag(v, depth + 1)] for k, v in value.items()]}
    raise ProtocolError(f"{type(value).__name__} is not plain data")


def _untag(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if isinstance(value, list):
        return [_untag(v, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (key, inner), = value.items()
        if key == "__ndarray__":
            return _load_array(base64.b64decode(inner))
        if key == "__bytes__":
            return base64.b64decode(inner)
        if key == "__complex__":
            return complex(float(inner[0]), float(inner[1]))
        if key == "__dict__":
            return {_hashable(_untag(k, depth + 1)): _untag(v, depth + 1) for k, v in inner}
    return {k: _untag(v, depth + 1) for k, v in value.items()}


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        return tuple(_hashable(k) for k in key)
    if isinstance(key, np.ndarray | dict):
        raise ProtocolError("dict keys must be numbers, strings or tuples")
    return key


def _load_array(data: bytes) -> np.ndarray:
    """Load ``.npy`` bytes after checking the header, so a huge shape cannot exhaust memory."""
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, _, dtype = np.lib.format.read_array_header_1_0(stream)
        else:
            shape, _, dtype = np.lib.format.read_array_header_2_0(stream)
    except ValueError as exc:
        raise ProtocolError(f"bad array header: {exc}") from exc
    if dtype.hasobject:
        raise ProtocolError("arrays of Python objects are refused")
    # Python integers: numpy's int64 product of a crafted shape wraps round to a small number.
    if math.prod(int(n) for n in shape) * dtype.itemsize > MAX_ARRAY_BYTES:
        raise ProtocolError(f"array of shape {shape} exceeds the size cap")
    stream.seek(0)
    try:
        array = np.load(stream, allow_pickle=False)
    except ValueError as exc:
        raise ProtocolError(f"bad array: {exc}") from exc
    return np.asarray(array)
