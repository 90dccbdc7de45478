"""The agent's load report is read as untrusted data: the submission shares the agent's process
and can write a report of its own on the channel."""

from __future__ import annotations

from typing import Any

import pytest

from grader.session import MAX_CELL_ERRORS, MAX_ERROR_TEXT, parse_load_report


def report(**fields: Any) -> dict[str, Any]:
    return {"kind": "py", "cell_errors": [], "load_error": None, "notes": [], "names": [],
            "seconds": 0.5, **fields}


def cell_error(**fields: Any) -> dict[str, Any]:
    return {"cell": 1, "line": 2, "ename": "ValueError", "evalue": "bad", "traceback": "tb",
            **fields}


def test_an_honest_report_is_read_as_sent() -> None:
    info = parse_load_report(report(cell_errors=[cell_error()], notes=["n"], names=["f"]), "py")
    assert info.cell_errors[0].ename == "ValueError" and info.names == ["f"]
    assert info.seconds == 0.5


@pytest.mark.parametrize(
    "fields",
    [
        {"load_error": ["not", "text"]},
        {"cell_errors": "not a list"},
        {"cell_errors": ["not a record"]},
        {"cell_errors": [cell_error(cell="1")]},
        {"cell_errors": [cell_error(line=True)]},
        {"cell_errors": [cell_error(traceback=7)]},
        {"notes": "not a list"},
        {"names": [{"a": 1}]},
        {"seconds": [1]},
    ],
)
def test_fields_of_the_wrong_type_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises((TypeError, ValueError)):
        parse_load_report(report(**fields), "py")


def test_a_forged_report_cannot_make_the_stored_result_huge() -> None:
    huge = "x" * (10 * MAX_ERROR_TEXT)
    info = parse_load_report(
        report(load_error=huge, cell_errors=[cell_error(traceback=huge)] * 10_000), "py"
    )
    assert len(info.cell_errors) == MAX_CELL_ERRORS
    assert len(info.cell_errors[0].traceback) == MAX_ERROR_TEXT
    assert info.load_error is not None and len(info.load_error) == MAX_ERROR_TEXT
