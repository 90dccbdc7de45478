"""The agent channel's encoding: plain data round-trips, anything with behaviour is refused."""

from __future__ import annotations

import io
import pickle
import struct

import numpy as np
import pytest

from grader.agent import protocol


def roundtrip(value):
    frame = protocol.encode_frame(value)
    return protocol.read_frame(io.BytesIO(frame))


def test_plain_values_round_trip() -> None:
    value = {"a": [1, 2.5, "三", None, True], "b": b"\x00\xff", "c": complex(1, -2)}
    assert roundtrip(value) == value


def test_arrays_round_trip_with_dtype_and_shape() -> None:
    array = np.arange(12, dtype=np.float32).reshape(3, 4)
    back = roundtrip({"x": array})["x"]
    assert back.dtype == np.float32 and back.shape == (3, 4)
    np.testing.assert_array_equal(back, array)


def test_non_string_and_dunder_keys_survive() -> None:
    value = {1: "one", (2, 3): "pair", "__ndarray__": "not an array"}
    assert roundtrip(value) == value


def test_object_arrays_are_refused_on_both_sides() -> None:
    with pytest.raises(protocol.ProtocolError):
        protocol.encode_frame(np.array([object()], dtype=object))
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    import base64
    import json

    payload = json.dumps({"__ndarray__": base64.b64encode(buffer.getvalue()).decode()}).encode()
    with pytest.raises(protocol.ProtocolError):
        protocol.decode_payload(payload)


def test_pickles_are_never_loaded() -> None:
    import base64
    import json

    evil = pickle.dumps({"score": 100})
    payload = json.dumps({"__ndarray__": base64.b64encode(evil).decode()}).encode()
    with pytest.raises(protocol.ProtocolError):
        protocol.decode_payload(payload)


def test_an_array_header_claiming_a_huge_shape_is_refused_before_allocation() -> None:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)}
    )
    import base64
    import json

    payload = json.dumps({"__ndarray__": base64.b64encode(buffer.getvalue()).decode()}).encode()
    with pytest.raises(protocol.ProtocolError, match="size cap"):
        protocol.decode_payload(payload)


def test_oversized_frames_are_refused_from_the_header_alone() -> None:
    header = struct.pack(">I", protocol.MAX_FRAME_BYTES + 1)
    with pytest.raises(protocol.ProtocolError):
        protocol.frame_length(header)


def test_objects_with_behaviour_cannot_be_encoded() -> None:
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    with pytest.raises(protocol.ProtocolError, match="not plain data"):
        protocol.encode_frame({"answer": AlwaysEqual()})


def test_deep_nesting_is_refused() -> None:
    value: list = []
    for _ in range(100):
        value = [value]
    with pytest.raises(protocol.ProtocolError):
        protocol.encode_frame(value)


def test_invalid_json_is_a_protocol_error() -> None:
    with pytest.raises(protocol.ProtocolError):
        protocol.decode_payload(b"\xff\xfe not json")


# Everything below is what a submission can write on the channel itself (it shares the agent's
# process): the trusted side must answer each with ProtocolError, never another exception (which
# escaped ``grade()`` as a crash, so the run became an internal error, retried and never a zero).


@pytest.mark.parametrize(
    "payload",
    [
        b'{"__complex__": 5}',
        b'{"__complex__": []}',
        b'{"__complex__": ["one", 2]}',
        b'{"__dict__": 5}',
        b'{"__dict__": [[1]]}',
        b'{"__bytes__": "a"}',
        b'{"__bytes__": 7}',
        b'{"__ndarray__": 7}',
        b'{"__ndarray__": "AAAA"}',
        b'{"ok": true, "value": ' + b"1" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
    ],
    ids=[
        "complex-not-a-list", "complex-empty", "complex-text", "dict-not-a-list",
        "dict-pair-too-short", "bytes-bad-base64", "bytes-not-text", "ndarray-not-text",
        "ndarray-truncated", "int-over-4300-digits", "lists-100000-deep", "dicts-50000-deep",
    ],
)
def test_malformed_payloads_are_protocol_errors(payload: bytes) -> None:
    with pytest.raises(protocol.ProtocolError):
        protocol.decode_payload(payload)


def test_an_array_shape_whose_product_overflows_int64_is_refused() -> None:
    import base64
    import json

    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": "|u1", "fortran_order": False, "shape": (2**32, 2**32, 2**32)}
    )
    payload = json.dumps({"__ndarray__": base64.b64encode(buffer.getvalue()).decode()}).encode()
    with pytest.raises(protocol.ProtocolError, match="size cap"):
        protocol.decode_payload(payload)


def test_millions_of_tiny_containers_are_refused_before_decoding() -> None:
    """A 64 MB frame of ``[],[],…`` decoded into 21 million lists took 3 GB and 34 s of the
    trusted worker (measured); the count of JSON values is capped before ``json.loads``."""
    import time

    payload = b"[" + b"[]," * protocol.MAX_JSON_VALUES + b"[]]"
    started = time.monotonic()
    with pytest.raises(protocol.ProtocolError, match="values"):
        protocol.decode_payload(payload)
    assert time.monotonic() - started < 2.0


def test_honest_values_over_the_value_cap_are_refused_when_encoded() -> None:
    """So that honest code learns why (the agent answers 'unsupported') rather than the trusted
    side dropping the channel."""
    with pytest.raises(protocol.ProtocolError, match="values"):
        protocol.encode_frame([0] * (protocol.MAX_JSON_VALUES + 1))


def test_a_million_element_list_still_travels() -> None:
    """convert.MAX_ITEMS allows a sequence of a million items: it must fit under the cap."""
    assert len(roundtrip([0.5] * 1_000_000)) == 1_000_000


def test_text_with_lone_surrogates_is_a_protocol_error_when_encoded() -> None:
    """An honest exception message can hold one (a non-UTF-8 file name): the agent must answer
    'unsupported', not die on a UnicodeEncodeError."""
    with pytest.raises(protocol.ProtocolError, match="not valid Unicode"):
        protocol.encode_frame({"message": "name \udcff"})
