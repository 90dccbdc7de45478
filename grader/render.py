"""Render a :class:`GradingResult` for a person at a terminal (the CLI's table format)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from grader.result import GradingResult, Status, Verdict


def print_result(
    result: GradingResult, console: Console, artifacts_dir: Path | None = None
) -> None:
    colour = "green" if result.score >= result.max_score else (
        "yellow" if result.score > 0 else "red")
    if result.status == Status.ERROR:
        colour = "magenta"
    header = Text.assemble(
        (f"{result.exercise}", "bold"), f" · {result.submission} · ",
        (f"{result.score:g}/{result.max_score:g}", f"bold {colour}"),
        f" · {result.execution_time:.1f}s",
    )
    console.print(header)
    verdict_style = "green" if result.run.verdict == Verdict.FINISHED else "yellow"
    console.print(Text(f"[{result.run.verdict}] ", style=verdict_style) + Text(result.output))
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
            test.number,
            Text(f"{mark} {test.name}", style=style),
            f"{test.score:g}/{test.max_score:g}",
            str(test.visibility),
            test.output,
        )
    console.print(table)
    for error in result.cell_errors:
        where = f"cell {error.cell}" if error.cell is not None else "script"
        console.print(Text(f"{where}, line {error.line}:", style="bold red"))
        console.print(Text(error.traceback.rstrip()))
    if result.student_output.strip():
        console.print(Text("output:", style="bold"))
        console.print(Text(result.student_output[-2000:].rstrip()))
    for image in result.images:
        path = (artifacts_dir / image.filename) if artifacts_dir else Path(image.filename)
        console.print(Text(f"picture: {image.title}: {path}", style="cyan"))
