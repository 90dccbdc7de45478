"""How an ended run becomes a :class:`grader.result.Verdict`: one pure function, so every engine
maps exit statuses the same way and the mapping is tested without starting anything.

bwrap (like a shell, and like ``podman run``) does not die of its child's signal: it exits with
``128 + n`` when the command was killed by signal ``n``. So an exit status above 128 that names a
signal is read as that signal. A program that calls ``sys.exit(137)`` is therefore reported as
killed by SIGKILL; the ambiguity is bwrap's (its ``--json-status-fd`` uses the same encoding) and
harmless, since both verdicts mean the run did not finish.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass

from grader.limits import Limits
from grader.result import VERDICT_MESSAGES, Verdict

SIGNAL_BASE = 128
MAX_SIGNAL = 64


@dataclass(frozen=True)
class Ending:
    """What the engine saw when the run ended."""

    returncode: int
    """The direct child's status in Popen's encoding (negative: killed by that signal)."""
    wall_timeout: bool = False
    """The engine killed the run at the wall-clock limit."""
    cpu_exceeded: bool = False
    """The run used its CPU time (RLIMIT_CPU or the control group's total)."""
    oom_killed: bool = False
    """The kernel's OOM killer acted inside the run's memory limit."""
    stopped_by_grader: bool = False
    """The trusted side called ``kill()`` before the run ended by itself."""


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    exit_code: int | None
    signal: int | None
    message: str


def signal_of(returncode: int) -> int | None:
    """The signal that ended the program, from either encoding; None for a plain exit."""
    if returncode < 0:
        return -returncode
    if SIGNAL_BASE < returncode <= SIGNAL_BASE + MAX_SIGNAL:
        return returncode - SIGNAL_BASE
    return None


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"SIG{number}"


def classify(ending: Ending, limits: Limits) -> Outcome:
    """The verdict, most specific cause first: time, then memory, then how the program ended."""
    sig = signal_of(ending.returncode)
    if ending.wall_timeout:
        limit = f"{limits.wall_time_s:g} s"
        return Outcome(Verdict.TIMED_OUT, None, sig, _message(Verdict.TIMED_OUT, limit=limit))
    if ending.cpu_exceeded or sig == signal.SIGXCPU:
        limit = f"{limits.cpu_time_s} s of CPU time"
        return Outcome(Verdict.TIMED_OUT, None, sig, _message(Verdict.TIMED_OUT, limit=limit))
    if ending.returncode != 0 and ending.oom_killed:
        limit = f"{limits.memory_mb} MB"
        return Outcome(Verdict.MEMORY_LIMIT, None, sig, _message(Verdict.MEMORY_LIMIT, limit=limit))
    if ending.returncode == 0:
        return Outcome(Verdict.FINISHED, 0, None, _message(Verdict.FINISHED))
    if ending.stopped_by_grader:
        return Outcome(Verdict.KILLED, None, signal.SIGKILL, "The grader stopped the program.")
    if sig is not None:
        text = _message(Verdict.KILLED, signal=sig, signal_name=signal_name(sig))
        return Outcome(Verdict.KILLED, None, sig, text)
    text = _message(Verdict.EXITED_EARLY, exit_code=ending.returncode)
    return Outcome(Verdict.EXITED_EARLY, ending.returncode, None, text)


def _message(verdict: Verdict, **values: object) -> str:
    return VERDICT_MESSAGES[verdict].format(**values)
