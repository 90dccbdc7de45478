"""Read TensorBoard event files on the trusted side, safely and without TensorFlow.

Event files are untrusted bytes written by the submission. They are TFRecord files: each record
is ``uint64 length | uint32 masked CRC32C(length) | data | uint32 masked CRC32C(data)``, and each
record's data is one ``tensorboard.Event`` protobuf. This reader checks the framing and both
checksums, caps sizes, and decodes only the Event message with TensorBoard's own protobuf classes
(pure data, no graph import, no checkpoint reader).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import numpy as np
from tensorboard.compat.proto import event_pb2, types_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

MAX_FILE_BYTES = 16 << 20
MAX_RECORD_BYTES = 4 << 20
MAX_RECORDS = 200_000


class EventFileError(Exception):
    """An event file that is not a well-formed TFRecord of Event messages."""


@dataclass
class Scalars:
    """Every scalar logged under one tag, in file order."""

    tag: str
    steps: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    wall_times: list[float] = field(default_factory=list)


def records(data: bytes) -> tuple[list[bytes], bool]:
    """The payloads of a TFRecord byte string, and whether its last record is cut short.

    A writer that was never flushed or closed leaves a partial record at the end; TensorBoard
    reads up to it, and so do we (the caller tells the student to close the writer). A bad
    checksum anywhere is an error: that is not a file being written but a damaged one.
    """
    if len(data) > MAX_FILE_BYTES:
        raise EventFileError(f"event file of {len(data)} bytes exceeds {MAX_FILE_BYTES}")
    payloads: list[bytes] = []
    offset = 0
    while offset < len(data):
        if len(payloads) >= MAX_RECORDS:
            raise EventFileError(f"more than {MAX_RECORDS} records")
        header = data[offset:offset + 12]
        if len(header) < 12:
            return payloads, True
        (length,) = struct.unpack("<Q", header[:8])
        (length_crc,) = struct.unpack("<I", header[8:12])
        if masked_crc32c(header[:8]) != length_crc:
            raise EventFileError(f"bad length checksum at byte {offset}")
        if length > MAX_RECORD_BYTES:
            raise EventFileError(f"record of {length} bytes at byte {offset} is too large")
        start, end = offset + 12, offset + 12 + length
        if end + 4 > len(data):
            return payloads, True
        payload = data[start:end]
        (data_crc,) = struct.unpack("<I", data[end:end + 4])
        if masked_crc32c(payload) != data_crc:
            raise EventFileError(f"bad data checksum in the record at byte {offset}")
        payloads.append(payload)
        offset = end + 4
    return payloads, False


def _tensor_scalar(tensor: object) -> float | None:
    """The single number in a TensorProto (TF2 ``tf.summary.scalar`` stores these)."""
    dims = [d.size for d in tensor.tensor_shape.dim]  # type: ignore[attr-defined]
    if int(np.prod(dims)) != 1:
        return None
    dtype = tensor.dtype  # type: ignore[attr-defined]
    for field_name in ("float_val", "double_val", "int_val", "int64_val", "half_val"):
        values = getattr(tensor, field_name)
        if len(values):
            return float(values[0])
    content = tensor.tensor_content  # type: ignore[attr-defined]
    numpy_type = {
        types_pb2.DT_FLOAT: "<f4", types_pb2.DT_DOUBLE: "<f8", types_pb2.DT_INT32: "<i4",
        types_pb2.DT_INT64: "<i8", types_pb2.DT_HALF: "<f2",
    }.get(dtype)
    if numpy_type and len(content) == np.dtype(numpy_type).itemsize:
        return float(np.frombuffer(content, dtype=numpy_type)[0])
    return None


def scalars(data: bytes) -> tuple[dict[str, Scalars], bool]:
    """Scalars by tag from one event file (TF1 ``simple_value`` and TF2 scalar tensors), and
    whether the file ends in a partial record (a writer that was not closed)."""
    found: dict[str, Scalars] = {}
    payloads, truncated = records(data)
    for payload in payloads:
        event = event_pb2.Event()
        try:
            event.ParseFromString(payload)
        except Exception as exc:  # noqa: BLE001 - protobuf raises DecodeError subclasses
            raise EventFileError(f"a record is not an Event message: {exc}") from exc
        if not event.HasField("summary"):
            continue
        for value in event.summary.value:
            number: float | None = None
            if value.HasField("simple_value"):
                number = float(value.simple_value)
            elif value.HasField("tensor"):
                number = _tensor_scalar(value.tensor)
            if number is None:
                continue
            series = found.setdefault(value.tag, Scalars(value.tag))
            series.steps.append(int(event.step))
            series.values.append(number)
            series.wall_times.append(float(event.wall_time))
    return found, truncated


def merge(parts: list[dict[str, Scalars]]) -> dict[str, Scalars]:
    """Scalars of several event files of one run, each tag sorted by step."""
    merged: dict[str, Scalars] = {}
    for part in parts:
        for tag, series in part.items():
            target = merged.setdefault(tag, Scalars(tag))
            target.steps += series.steps
            target.values += series.values
            target.wall_times += series.wall_times
    for series in merged.values():
        order = sorted(range(len(series.steps)), key=lambda i: (series.steps[i],
                                                                series.wall_times[i]))
        series.steps = [series.steps[i] for i in order]
        series.values = [series.values[i] for i in order]
        series.wall_times = [series.wall_times[i] for i in order]
    return merged
