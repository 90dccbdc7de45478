"""Bad uploads get a clear message saying what is wrong and where, before anything runs."""

from __future__ import annotations

import json

import pytest

from grader.submission_file import MAX_SUBMISSION_BYTES, InvalidSubmission, prepare


def test_python_source_is_passed_through_as_utf8() -> None:
    prepared = prepare("a.py", "# 中文\nx = 1\n".encode())
    assert prepared.kind == "py" and "中文" in prepared.payload.decode()


def test_a_utf8_bom_is_accepted() -> None:
    assert prepare("a.py", b"\xef\xbb\xbfx = 1\n").payload == b"x = 1\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"x = 1", "not a Python script"),
        ("a.py", b"   \n", "empty"),
        ("a.py", b"\x7fELF\x00\x00binary", "binary"),
        ("a.py", "x = '中'\n".encode("gbk"), "not UTF-8 text (invalid byte at line 1)"),
        ("a.py", b"x = 1\n" * 2 + b"y = '\xff'\n", "line 3"),
        ("a.ipynb", b'{"cells": [', "not valid JSON (line 1"),
        ("a.ipynb", b'{"cells": 3}', "not a valid Jupyter notebook"),
    ],
)
def test_bad_files_are_explained(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InvalidSubmission, match=None) as info:
        prepare(name, data)
    assert message.lower() in str(info.value).lower()


def test_oversized_files_are_refused_with_the_limit() -> None:
    with pytest.raises(InvalidSubmission, match="limit"):
        prepare("a.py", b"#" * (MAX_SUBMISSION_BYTES + 1))


def _notebook(*cells: dict) -> bytes:
    return json.dumps(
        {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    ).encode()


def test_notebooks_keep_only_code_with_their_position_among_all_cells() -> None:
    data = _notebook(
        {"cell_type": "markdown", "metadata": {}, "source": "# title", "id": "a"},
        {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [{"output_type":
         "stream", "name": "stdout", "text": "big output"}], "execution_count": 1, "id": "b"},
    )
    cells = json.loads(prepare("n.ipynb", data).payload)["cells"]
    assert cells == [{"cell_type": "code", "source": "x = 1", "index": 2}]


def test_a_notebook_without_code_is_refused() -> None:
    data = _notebook({"cell_type": "markdown", "metadata": {}, "source": "only text", "id": "a"})
    with pytest.raises(InvalidSubmission, match="no code cells"):
        prepare("n.ipynb", data)


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000 + b"]" * 100_000, b'{"cells": [], "n": ' + b"1" * 5000 + b"}"],
    ids=["nested-100000-deep", "int-over-4300-digits"],
)
def test_a_notebook_json_bomb_is_an_invalid_submission_not_a_crash(data: bytes) -> None:
    """json.loads raises RecursionError or a plain ValueError for these, not JSONDecodeError:
    uncaught, they made ``grade()`` crash (an internal error) instead of explaining."""
    with pytest.raises(InvalidSubmission, match="not valid JSON"):
        prepare("bomb.ipynb", data)
