"""The one interface every sandbox engine implements, and the data that crosses it.

A sandbox runs one command over a private work directory with the exercise's limits, speaks to
the trusted side over the process's stdin/stdout (the agent protocol), and reports how the run
ended as a :class:`grader.result.RunInfo`. Nothing else in tfgrader starts processes or
containers.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from grader.limits import Limits
from grader.result import RunInfo


@dataclass
class SandboxSpec:
    """Everything a run needs. Paths inside the sandbox are absolute, e.g. ``/work/sub.py``."""

    command: list[str]
    """argv inside the sandbox; ``{python}`` is replaced by the runtime's interpreter."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Files placed in the work dir (``/work``) before start, by relative path."""
    limits: Limits = field(default_factory=Limits)
    readonly_mounts: dict[str, Path] = field(default_factory=dict)
    """Inside path -> host path, mounted read-only (e.g. ``/data/mnist``)."""
    env: dict[str, str] = field(default_factory=dict)
    """Extra environment; the sandbox starts from an empty one (``env -i``)."""
    gpu: bool = False


class SandboxError(Exception):
    """The sandbox itself could not be set up: an infrastructure failure, never the student's."""


class SandboxProcess(abc.ABC):
    """A running sandboxed command. Always use it as a context manager: ``close`` cleans up."""

    stdin: IO[bytes]
    """Requests to the agent."""
    stdout: IO[bytes]
    """Responses from the agent (the protocol channel)."""

    @abc.abstractmethod
    def student_output(self) -> tuple[str, bool]:
        """(text, truncated): the process's stderr captured so far, capped at the output limit.

        The agent points the submission's stdout at stderr too, so this is everything the
        student's code printed, in order, while stdout stays the protocol channel.
        """

    @abc.abstractmethod
    def deadline_left(self) -> float:
        """Seconds left of the wall-clock limit (never negative)."""

    @abc.abstractmethod
    def kill(self) -> None:
        """Kill every process of the run (the whole cgroup / container), idempotently."""

    @abc.abstractmethod
    def wait(self, timeout: float | None = None) -> RunInfo:
        """Wait for the end (killing at the wall-clock limit) and say how the run ended."""

    @abc.abstractmethod
    def read_file(self, relative_path: str, max_bytes: int) -> bytes | None:
        """Read a regular file the run left in its work dir, without following symlinks."""

    @abc.abstractmethod
    def list_files(self, max_files: int = 1000) -> list[tuple[str, int]]:
        """(relative path, size) of regular files in the work dir, symlinks skipped."""

    @abc.abstractmethod
    def close(self) -> None:
        """Kill what is left, remove the work dir, cgroups and mounts."""

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Sandbox(abc.ABC):
    """An engine (bubblewrap, container) that starts :class:`SandboxProcess` runs."""

    name: str

    @abc.abstractmethod
    def start(self, spec: SandboxSpec) -> SandboxProcess:
        """Start the command; raises :class:`SandboxError` when the engine cannot."""

    @abc.abstractmethod
    def check(self) -> list[str]:
        """Problems that stop this engine from working on this host (empty when ready)."""

    def sweep(self) -> int:
        """Remove what runs of dead workers left on this host; how many runs that was.

        Call it once at worker start-up: a worker that is SIGKILLed cannot clean up after its
        runs. Engines whose runs cannot outlive their worker (or that have nothing to clean)
        keep this default.
        """
        return 0
