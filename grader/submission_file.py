"""Checks on the uploaded file itself, before anything runs: the student learns exactly what is
wrong with the file (and where) instead of seeing a crash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

MAX_SUBMISSION_BYTES = 5 << 20
KINDS = {".py": "py", ".ipynb": "ipynb"}


class InvalidSubmission(Exception):
    """A file that cannot be graded; the message is for the student."""


@dataclass(frozen=True)
class PreparedSubmission:
    kind: str
    payload: bytes
    """What enters the sandbox: the script as UTF-8, or a notebook reduced to its code cells."""


def prepare(name: str, data: bytes) -> PreparedSubmission:
    """Validate a submitted file and return what the sandbox will run."""
    suffix = Path(name).suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        raise InvalidSubmission(
            f"{name!r} is not a Python script (.py) or a Jupyter notebook (.ipynb)."
        )
    if len(data) > MAX_SUBMISSION_BYTES:
        raise InvalidSubmission(
            f"The file is {len(data) / 1e6:.1f} MB; the limit is "
            f"{MAX_SUBMISSION_BYTES / 1e6:.0f} MB. Clear the notebook's outputs and try again."
        )
    if not data.strip():
        raise InvalidSubmission("The file is empty.")
    if b"\x00" in data[:8192]:
        raise InvalidSubmission("This is a binary file, not Python source or a notebook.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidSubmission(
            f"The file is not UTF-8 text (invalid byte at line {line}). Save it as UTF-8 "
            "(in most editors: 'Save with encoding' → UTF-8)."
        ) from None
    if kind == "py":
        return PreparedSubmission("py", text.encode("utf-8"))
    return PreparedSubmission("ipynb", _notebook_code(text))


def _notebook_code(text: str) -> bytes:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidSubmission(
            f"The notebook is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
            " Was it saved completely? Download it again from Jupyter with File → Download."
        ) from None
    except (ValueError, RecursionError) as exc:
        # Valid JSON syntax that Python refuses: nesting past the recursion limit, an integer
        # over 4300 digits. No notebook looks like this; it must not crash the grader.
        raise InvalidSubmission(
            f"The notebook is not valid JSON ({str(exc)[:120]})."
        ) from None
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several unrelated types for bad notebooks
        raise InvalidSubmission(f"This is not a valid Jupyter notebook: {exc}") from None
    # ``index`` is the cell's 1-based position among all cells, as the student counts them
    # when scrolling the notebook, so that error reports point at the right place.
    cells = [
        {"cell_type": "code", "source": cell.source, "index": index}
        for index, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code"
    ]
    if not any(c["source"].strip() for c in cells):
        raise InvalidSubmission("The notebook has no code cells.")
    return json.dumps({"cells": cells}, ensure_ascii=False).encode("utf-8")
