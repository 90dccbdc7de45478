"""Render a :class:`GradingResult` for a person at a terminal (the CLI's table format).

Much of a result is the submission's own text: what it printed, its exception messages (in the
feedback and the cell tracebacks), the uploaded file's name. A terminal obeys escape sequences
in what it is sent (clear the screen and draw a fake report, set the title, write the
clipboard with OSC 52, plant hyperlinks), and rich reads ``[...]`` in a plain ``str`` as markup.
So every string here goes through :func:`terminal_safe` into a :class:`rich.text.Text`, which
rich prints as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from grader.result import GradingResult, Status, Verdict

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1 (0x9b is a one-byte CSI)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidirectional controls: reorder a line
)


def terminal_safe(text: str) -> str:
    """``text`` with every control character written out as a visible escape (``\\x1b``), so
    that it can neither steer the terminal nor hide what it tried."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


def _text(text: str, style: str = "") -> Text:
    return Text(terminal_safe(text), style=style)


def print_result(
    result: GradingResult, console: Console, artifacts_dir: Path | None = None
) -> None:
    colour = "green" if result.score >= result.max_score else (
        "yellow" if result.score > 0 else "red")
    if result.status == Status.ERROR:
        colour = "magenta"
    header = Text.assemble(
        _text(result.exercise, "bold"), " · ", _text(result.submission), " · ",
        (f"{result.score:g}/{result.max_score:g}", f"bold {colour}"),
        f" · {result.execution_time:.1f}s",
    )
    console.print(header)
    verdict_style = "green" if result.run.verdict == Verdict.FINISHED else "yellow"
    console.print(Text(f"[{result.run.verdict}] ", style=verdict_style) + _text(result.output))
    table = Table(show_header=True, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("test")
    table.add_column("score", justify="right")
    table.add_column("visibility")
    table.add_column("feedback", overflow="fold")
    for test in result.tests:
        mark = "✔" if test.status == "passed" else ("◐" if test.score > 0 else "✘")
        style = "green" if test.status == "passed" else ("yellow" if test.score > 0 else "red")
        table.add_row(
            _text(test.number),
            _text(f"{mark} {test.name}", style),
            Text(f"{test.score:g}/{test.max_score:g}"),
            Text(str(test.visibility)),
            _text(test.output),
        )
    console.print(table)
    for error in result.cell_errors:
        where = f"cell {error.cell}" if error.cell is not None else "script"
        console.print(Text(f"{where}, line {error.line}:", style="bold red"))
        console.print(_text(error.traceback.rstrip()))
    if result.student_output.strip():
        console.print(Text("output:", style="bold"))
        console.print(_text(result.student_output[-2000:].rstrip()))
    for image in result.images:
        path = (artifacts_dir / image.filename) if artifacts_dir else Path(image.filename)
        console.print(_text(f"picture: {image.title}: {path}", "cyan"))
