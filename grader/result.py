"""The one result type of a grading run, and how it renders (dict, Gradescope JSON, student view).

A result is plain data: the CLI table, the web pages, the API and the CSV export all read this.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """How the sandboxed run ended. Each one is a distinct message to the student."""

    FINISHED = "finished"
    """The submission loaded and answered every request of the tests."""
    EXITED_EARLY = "exited_early"
    """The process exited on its own (``sys.exit``, ``os._exit``) before grading was over."""
    KILLED = "killed"
    """A signal ended the process (segmentation fault, abort, killed by itself)."""
    TIMED_OUT = "timed_out"
    """Wall-clock or CPU-time limit reached."""
    MEMORY_LIMIT = "memory_limit"
    """The cgroup memory limit was reached and the kernel killed the process."""
    NOT_RUN = "not_run"
    """The file could not be run at all (not UTF-8, invalid notebook, empty...)."""
    INTERNAL_ERROR = "internal_error"
    """The grading infrastructure failed: not the student's fault, never a zero."""


class Visibility(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"
    AFTER_DUE_DATE = "after_due_date"


class Status(StrEnum):
    """Whether a result is a real grade or an infrastructure failure to retry."""

    GRADED = "graded"
    ERROR = "error"


VERDICT_MESSAGES: dict[Verdict, str] = {
    Verdict.FINISHED: "Your code ran to the end.",
    Verdict.EXITED_EARLY: (
        "Your code stopped the program (exit code {exit_code}) before grading finished. "
        "Remove sys.exit()/exit()/os._exit() calls from your submission."
    ),
    Verdict.KILLED: "Your program was killed by signal {signal} ({signal_name}).",
    Verdict.TIMED_OUT: (
        "Time limit exceeded ({limit}). Look for infinite loops, too many training steps or "
        "sleeping code."
    ),
    Verdict.MEMORY_LIMIT: (
        "Memory limit exceeded ({limit}). Use smaller batches or fewer/lighter tensors."
    ),
    Verdict.NOT_RUN: "Your file could not be run: {message}",
    Verdict.INTERNAL_ERROR: (
        "The grader had an internal problem. This is not your fault; the submission will be "
        "graded again."
    ),
}


@dataclass
class RunInfo:
    """What the sandbox observed about the run: verdict, exit details and resources used."""

    verdict: Verdict
    exit_code: int | None = None
    signal: int | None = None
    message: str = ""
    wall_time_s: float = 0.0
    cpu_time_s: float | None = None
    memory_peak_mb: float | None = None
    output_truncated: bool = False
    limits: dict[str, Any] = field(default_factory=dict)
    backend: str = ""


@dataclass
class CellError:
    """An exception raised while loading the submission: a notebook cell or the script itself."""

    cell: int | None
    """1-based index among the notebook's code cells; None for a .py script."""
    line: int | None
    ename: str
    evalue: str
    traceback: str


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class

    name: str
    score: float
    max_score: float
    status: str
    """``passed`` or ``failed`` as in Gradescope; partial credit is ``failed`` with score > 0."""
    output: str = ""
    visibility: Visibility = Visibility.VISIBLE
    number: str = ""


@dataclass
class FeedbackImage:
    """A PNG made on the trusted side from returned data (e.g. the fitted line over the data)."""

    title: str
    filename: str
    """File name inside the result's artifact directory."""


@dataclass
class GradingResult:
    exercise: str
    submission: str
    status: Status
    score: float
    max_score: float
    execution_time: float
    output: str
    tests: list[TestResult]
    run: RunInfo
    cell_errors: list[CellError] = field(default_factory=list)
    load_error: str | None = None
    """A problem with the file itself (invalid notebook JSON, not UTF-8, ...), shown first."""
    student_output: str = ""
    """What the submission printed (stdout and stderr in order), capped by the limits."""
    images: list[FeedbackImage] = field(default_factory=list)
    grader_version: str = "1"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_valid_unicode(self) -> GradingResult:
        """A copy in which every string can be encoded as UTF-8.

        Much of a result is text from the submission (its exception messages, the names of
        files it wrote), and Python decodes undecodable input into lone surrogates
        (``"\\udcff"`` in JSON, a non-UTF-8 file name) that no page, terminal or PostgreSQL
        column accepts. Each one becomes U+FFFD here, before anything stores or renders it.
        """
        return GradingResult.from_dict(_valid_unicode(self.to_dict()))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradingResult:
        data = dict(data)
        data["status"] = Status(data["status"])
        run = dict(data["run"])
        run["verdict"] = Verdict(run["verdict"])
        data["run"] = RunInfo(**run)
        data["tests"] = [
            TestResult(**{**t, "visibility": Visibility(t["visibility"])}) for t in data["tests"]
        ]
        data["cell_errors"] = [CellError(**c) for c in data.get("cell_errors", [])]
        data["images"] = [FeedbackImage(**i) for i in data.get("images", [])]
        return cls(**data)

    def to_gradescope(self) -> dict[str, Any]:
        """The fields of Gradescope's results.json, for LMS/autograder interoperability."""
        return {
            "score": self.score,
            "max_score": self.max_score,
            "execution_time": self.execution_time,
            "output": self.output,
            "tests": [
                {
                    "name": t.name,
                    "number": t.number,
                    "score": t.score,
                    "max_score": t.max_score,
                    "status": t.status,
                    "output": t.output,
                    "visibility": str(t.visibility),
                }
                for t in self.tests
            ],
        }

    def student_view(self, *, after_due_date: bool) -> dict[str, Any]:
        """What a student may see: hidden tests are folded into one line without any detail.

        The total score still counts hidden tests (the student knows how many points they
        earned), but their names, inputs and messages never leave the grader.
        """
        shown: list[dict[str, Any]] = []
        hidden_score = hidden_max = 0.0
        hidden_count = 0
        for t in self.tests:
            visible = t.visibility == Visibility.VISIBLE or (
                t.visibility == Visibility.AFTER_DUE_DATE and after_due_date
            )
            if visible:
                shown.append(asdict(t))
            else:
                hidden_count += 1
                hidden_score += t.score
                hidden_max += t.max_score
        data = self.to_dict()
        data["tests"] = shown
        data["hidden_summary"] = (
            {"count": hidden_count, "score": hidden_score, "max_score": hidden_max}
            if hidden_count
            else None
        )
        return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_valid_unicode(k): _valid_unicode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_valid_unicode(v) for v in value]
    return value
