"""Event files are parsed on the trusted side without TensorFlow, checked and size-capped."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

from grader.checker import events


def _record(payload: bytes) -> bytes:
    length = struct.pack("<Q", len(payload))
    return (length + struct.pack("<I", masked_crc32c(length)) + payload
            + struct.pack("<I", masked_crc32c(payload)))


def _tf1_event(step: int, value: float, tag: str = "loss") -> bytes:
    summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)])
    return event_pb2.Event(step=step, wall_time=1.0 + step, summary=summary).SerializeToString()


def _tf2_event(step: int, value: float, tag: str = "loss") -> bytes:
    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT,
                                    tensor_shape=tensor_shape_pb2.TensorShapeProto(),
                                    float_val=[value])
    summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, tensor=tensor)])
    return event_pb2.Event(step=step, wall_time=1.0 + step, summary=summary).SerializeToString()


def _file(*payloads: bytes) -> bytes:
    header = event_pb2.Event(file_version="brain.Event:2").SerializeToString()
    return b"".join(_record(p) for p in (header, *payloads))


def test_tf1_simple_values_are_read_by_tag_and_step() -> None:
    found, truncated = events.scalars(_file(_tf1_event(0, 3.0), _tf1_event(1, 2.0)))
    assert not truncated
    assert found["loss"].steps == [0, 1]
    assert found["loss"].values == [3.0, 2.0]


def test_tf2_scalar_tensors_are_read_too() -> None:
    found, _ = events.scalars(_file(_tf2_event(0, 1.5), _tf2_event(1, 0.5, tag="acc")))
    assert found["loss"].values == [1.5]
    assert found["acc"].steps == [1]


def test_a_file_written_by_tensorboards_own_writer_is_read(tmp_path: Path) -> None:
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    writer = EventFileWriter(str(tmp_path))
    for step in range(5):
        writer.add_event(event_pb2.Event.FromString(_tf1_event(step, 10.0 - step)))
    writer.close()
    (path,) = tmp_path.glob("events.out.tfevents.*")
    found, truncated = events.scalars(path.read_bytes())
    assert found["loss"].values == [10.0, 9.0, 8.0, 7.0, 6.0] and not truncated


def test_a_cut_off_last_record_keeps_the_complete_ones_and_says_so() -> None:
    data = _file(_tf1_event(0, 3.0), _tf1_event(1, 2.0))
    found, truncated = events.scalars(data[:-7])
    assert truncated
    assert found["loss"].values == [3.0]


def test_a_bad_checksum_is_an_error() -> None:
    data = bytearray(_file(_tf1_event(0, 3.0)))
    data[-6] ^= 0xFF
    with pytest.raises(events.EventFileError, match="checksum"):
        events.scalars(bytes(data))


def test_a_huge_declared_record_is_refused_before_reading_it() -> None:
    length = struct.pack("<Q", 1 << 40)
    data = length + struct.pack("<I", masked_crc32c(length)) + b"x" * 16
    with pytest.raises(events.EventFileError, match="too large"):
        events.records(data)


def test_merge_orders_each_tag_by_step() -> None:
    first, _ = events.scalars(_file(_tf1_event(2, 1.0)))
    second, _ = events.scalars(_file(_tf1_event(0, 3.0), _tf1_event(1, 2.0)))
    merged = events.merge([first, second])
    assert merged["loss"].steps == [0, 1, 2] and merged["loss"].values == [3.0, 2.0, 1.0]
