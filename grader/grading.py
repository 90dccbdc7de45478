"""Grade one submission of one exercise: the single entry point the CLI, web app and workers use."""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from grader.checker.api import AgentLost, TestSpec
from grader.checker.runner import TestFileError, load_tests, run_tests
from grader.exercise import Exercise
from grader.result import (
    VERDICT_MESSAGES,
    FeedbackImage,
    GradingResult,
    RunInfo,
    Status,
    TestResult,
    Verdict,
)
from grader.sandbox import Sandbox, SandboxError, make_sandbox
from grader.session import AgentSession, InfrastructureError
from grader.submission_file import InvalidSubmission, prepare

Suite = Literal["all", "public"]


def collect_tests(exercise: Exercise, suite: Suite) -> list[TestSpec]:
    tests: list[TestSpec] = []
    if exercise.public_tests.is_file():
        tests += load_tests(exercise.public_tests, prefix="P")
    if suite == "all":
        tests += load_tests(exercise.hidden_tests, prefix="H")
    return tests


def grade(
    exercise: Exercise,
    submission: Path,
    *,
    sandbox: Sandbox | None = None,
    artifacts_dir: Path | None = None,
    suite: Suite = "all",
) -> GradingResult:
    """Run ``submission`` (a .py or .ipynb file) in a sandbox; score it with the exercise's tests.

    Always returns a result: problems with the submission are part of the grade (with feedback);
    problems of the infrastructure give ``status=error`` and ``run.verdict=internal_error`` so the
    caller retries instead of recording a zero. Feedback images are written to ``artifacts_dir``
    (named in ``result.images``); without it they are not kept. Every string of the result is
    valid Unicode (see :meth:`GradingResult.with_valid_unicode`).
    """
    return _grade(exercise, submission, sandbox, artifacts_dir, suite).with_valid_unicode()


def _grade(
    exercise: Exercise,
    submission: Path,
    sandbox: Sandbox | None,
    artifacts_dir: Path | None,
    suite: Suite,
) -> GradingResult:
    started = time.monotonic()
    try:
        tests = collect_tests(exercise, suite)
    except TestFileError as exc:
        return _infrastructure_error(exercise, submission, [], str(exc), started)
    try:
        prepared = prepare(submission.name, submission.read_bytes())
    except InvalidSubmission as exc:
        return _not_run(exercise, submission, tests, str(exc), started)
    except OSError as exc:
        return _infrastructure_error(exercise, submission, tests, f"cannot read: {exc}", started)
    try:
        engine = sandbox or make_sandbox()
        session = AgentSession.start(
            engine,
            prepared.payload,
            prepared.kind,
            exercise.limits,
            data=exercise.data,
            gpu=exercise.device == "gpu",
        )
    except SandboxError as exc:
        return _infrastructure_error(exercise, submission, tests, str(exc), started)
    try:
        return _grade_in_session(exercise, submission, tests, session, artifacts_dir, started)
    except InfrastructureError as exc:
        return _infrastructure_error(exercise, submission, tests, str(exc), started)
    finally:
        session.close()


def _grade_in_session(
    exercise: Exercise,
    submission: Path,
    tests: list[TestSpec],
    session: AgentSession,
    artifacts_dir: Path | None,
    started: float,
) -> GradingResult:
    lost: str | None = None
    try:
        load = session.wait_loaded()
    except AgentLost as exc:
        lost = str(exc)
        load = session.load
    if load.load_error and not lost:
        lost = load.load_error
    results, lost = run_tests(tests, session, lost)
    run = session.finish()
    run = _refine(run, session.finished, lost, exercise)
    student_output, truncated = session.process.student_output()
    run.output_truncated = truncated
    result = GradingResult(
        exercise=exercise.name,
        submission=submission.name,
        status=Status.GRADED,
        score=round(sum(t.score for t in results), 4),
        max_score=sum(t.max_score for t in results),
        execution_time=round(time.monotonic() - started, 3),
        output="",
        tests=results,
        run=run,
        cell_errors=load.cell_errors,
        load_error=load.load_error,
        student_output=student_output,
        images=_save_images(session.images, artifacts_dir),
    )
    notes = list(load.notes)
    if not lost:
        notes += missing_required(exercise.required, load.names)
    result.output = summarize(result, notes)
    return result


def missing_required(required: Sequence[str], defined: Sequence[str]) -> list[str]:
    """Say up front which names the exercise needs are not defined, with a likely typo."""
    notes = []
    for name in required:
        if name in defined:
            continue
        close = difflib.get_close_matches(name, defined, n=1, cutoff=0.75)
        hint = f" Did you mean to call `{close[0]}` `{name}`?" if close else ""
        notes.append(
            f"Your submission does not define `{name}`, which this exercise asks for: the tests "
            f"that use it fail.{hint}"
        )
    return notes


def _refine(run: RunInfo, said_goodbye: bool, lost: str | None, exercise: Exercise) -> RunInfo:
    """The sandbox only sees an exit status; the session knows whether grading completed."""
    if said_goodbye and run.verdict in (Verdict.FINISHED, Verdict.KILLED, Verdict.EXITED_EARLY):
        run.verdict = Verdict.FINISHED
    elif run.verdict == Verdict.FINISHED:
        run.verdict = Verdict.EXITED_EARLY
    values = {
        "exit_code": run.exit_code,
        "signal": run.signal,
        "signal_name": _signal_name(run.signal),
        "limit": _limit_text(run.verdict, exercise),
        "message": lost or "",
    }
    run.message = VERDICT_MESSAGES[run.verdict].format(**values)
    if lost and run.verdict in (Verdict.KILLED, Verdict.EXITED_EARLY):
        run.message += f" ({lost})"
    return run


def _signal_name(number: int | None) -> str:
    import signal

    if number is None:
        return ""
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _limit_text(verdict: Verdict, exercise: Exercise) -> str:
    if verdict == Verdict.TIMED_OUT:
        return f"{exercise.limits.wall_time_s:g} s"
    if verdict == Verdict.MEMORY_LIMIT:
        return f"{exercise.limits.memory_mb} MB"
    return ""


def _save_images(images: list[tuple[str, bytes]], directory: Path | None) -> list[FeedbackImage]:
    if directory is None or not images:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    saved = []
    for index, (title, png) in enumerate(images, start=1):
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "image"
        filename = f"{index:02d}-{slug}.png"
        (directory / filename).write_bytes(png)
        saved.append(FeedbackImage(title=title, filename=filename))
    return saved


def summarize(result: GradingResult, notes: Sequence[str] = ()) -> str:
    """The text a student reads first: how the run ended, errors by cell, then notes."""
    lines = [result.run.message]
    if result.load_error:
        lines.append(result.load_error)
    for error in result.cell_errors:
        where = f"cell {error.cell}" if error.cell is not None else "your script"
        line = f", line {error.line}" if error.line else ""
        lines.append(f"Error in {where}{line}: {error.ename}: {error.evalue}")
    if result.run.output_truncated:
        lines.append("Your program printed a lot; only the beginning of its output was kept.")
    lines.extend(notes)
    return "\n".join(line for line in lines if line)


def _failed_tests(tests: list[TestSpec], reason: str) -> list[TestResult]:
    return [
        TestResult(
            name=t.name, score=0.0, max_score=t.points, status="failed",
            output=f"Not run: {reason}", visibility=t.visibility, number=t.number,
        )
        for t in tests
    ]


def _without_run(
    exercise: Exercise, submission: Path, tests: list[TestSpec], started: float, *,
    status: Status, run: RunInfo, output: str, test_reason: str, load_error: str | None = None,
) -> GradingResult:
    """A result for a submission that never reached its tests: every test fails with why."""
    return GradingResult(
        exercise=exercise.name, submission=submission.name, status=status, score=0.0,
        max_score=sum(t.points for t in tests), execution_time=time.monotonic() - started,
        output=output, tests=_failed_tests(tests, test_reason), run=run, load_error=load_error,
    )


def _not_run(
    exercise: Exercise, submission: Path, tests: list[TestSpec], reason: str, started: float
) -> GradingResult:
    return _without_run(
        exercise, submission, tests, started, status=Status.GRADED,
        run=RunInfo(verdict=Verdict.NOT_RUN, message=reason),
        output=VERDICT_MESSAGES[Verdict.NOT_RUN].format(message=reason),
        test_reason=reason, load_error=reason,
    )


def _infrastructure_error(
    exercise: Exercise, submission: Path, tests: list[TestSpec], reason: str, started: float
) -> GradingResult:
    return _without_run(
        exercise, submission, tests, started, status=Status.ERROR,
        run=RunInfo(verdict=Verdict.INTERNAL_ERROR, message=reason),
        output=VERDICT_MESSAGES[Verdict.INTERNAL_ERROR],
        test_reason="the grader had an internal problem",
    )
