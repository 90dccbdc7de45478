"""The CLI table shows what a submission wrote (its output, its exception messages, the file
name) as inert text: no terminal control sequence and no rich markup from it reaches the
instructor's terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from grader.render import print_result, terminal_safe
from grader.result import (
    CellError,
    FeedbackImage,
    GradingResult,
    RunInfo,
    Status,
    TestResult,
    Verdict,
)

CLEAR_SCREEN = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\"  # OSC 52: write the terminal's clipboard
TITLE = "\x1b]0;pwned\x07"
C1_CSI = "\x9b2J"  # the one-byte CSI that some terminals honour
HOSTILE = f"{CLEAR_SCREEN}{CLIPBOARD}{TITLE}{C1_CSI}\rline_fitting 10/10\u202eevil"
MARKUP = "[link=https://evil.example]click[/link] [green]✔ passed[/green]"


def hostile_result() -> GradingResult:
    test = TestResult("fits a line", 0, 2, "failed",
                      f"Your code raised ValueError: {HOSTILE} {MARKUP}", number="P1")
    return GradingResult(
        exercise="line_fitting", submission=f"x{CLEAR_SCREEN}[bold].py", status=Status.GRADED,
        score=0, max_score=2, execution_time=1.0, output=f"ran {HOSTILE}", tests=[test],
        run=RunInfo(Verdict.FINISHED),
        cell_errors=[CellError(1, 2, "E", HOSTILE, f"Traceback {HOSTILE} {MARKUP}")],
        student_output=f"printed {HOSTILE} {MARKUP}",
        images=[FeedbackImage(title=f"fit {MARKUP}", filename="01-fit.png")],
    )


def rendered(*, terminal: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=200,
                      color_system="truecolor" if terminal else None)
    print_result(hostile_result(), console)
    return buffer.getvalue()


@pytest.mark.parametrize("sequence", [CLEAR_SCREEN, "\x1b]52", "\x1b]0;", "\x1b]8;", "\x9b",
                                      "\r", "\u202e"])
def test_no_control_sequence_of_the_submission_reaches_the_terminal(sequence: str) -> None:
    assert sequence not in rendered(terminal=True)


def test_rich_markup_in_student_text_is_shown_literally() -> None:
    text = rendered(terminal=False)
    assert text.count("[link=https://evil.example]") >= 3  # feedback, traceback, output
    assert "[green]✔ passed[/green]" in text
    assert "[bold].py" in text


def test_the_escapes_stay_visible_so_an_instructor_sees_the_attempt() -> None:
    text = rendered(terminal=False)
    assert "\\x1b[2J" in text and "\\u202e" in text


def test_terminal_safe_keeps_newlines_tabs_and_ordinary_unicode() -> None:
    assert terminal_safe("a\tb\n拟合 ✔ é") == "a\tb\n拟合 ✔ é"
