"""Fixtures for sandbox tests: a ready engine, a run starter that always cleans up, and a
census of what runs leave on the host (cgroups, mounts, work dirs, processes)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.limits import Limits
from grader.sandbox import cgroups, workdir
from grader.sandbox.base import SandboxSpec
from grader.sandbox.bwrap import BwrapProcess, BwrapSandbox, runtime_dir
from tests.conftest import skip_or_fail

PROGRAMS = Path(__file__).parent / "programs"
MOUNTS = Path("/proc/self/mounts")
RUNTIME_PYTHON = runtime_dir() / "bin" / "python3"

TEST_LIMITS = Limits(
    wall_time_s=10,
    cpu_time_s=10,
    memory_mb=256,
    pids=32,
    output_kb=64,
    disk_mb=16,
    file_size_mb=16,
)
"""Small limits so that attacks end quickly; tests override what they exercise."""


def run_tag(pid: int | None = None) -> str:
    """The prefix of a worker's cgroup and work dir names, this test process's by default
    (others may run beside us)."""
    return f"run-{os.getpid() if pid is None else pid}-"


def leftovers(tag: str | None = None) -> dict[str, list[str]]:
    """Everything of this process's runs (or those named ``tag...``) still on the host; all
    lists are empty after close."""
    tag = tag or run_tag()
    parents = [cgroups.CGROUP_ROOT / cgroups.PARENT_NAME]
    parents += [p / cgroups.PARENT_NAME for p in cgroups.CGROUP_ROOT.iterdir() if p.is_dir()]
    found: dict[str, list[str]] = {
        "cgroups": [
            str(child)
            for parent in parents
            if parent.is_dir()
            for child in parent.iterdir()
            if child.name.startswith(tag)
        ],
        "work_dirs": [str(p) for p in workdir.BASE_DIR.glob(f"{tag}*")]
        if workdir.BASE_DIR.exists()
        else [],
        "mounts": [line for line in MOUNTS.read_text().splitlines() if tag in line],
        "processes": [],
    }
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if tag in (proc / "cgroup").read_text():
                    found["processes"].append(proc.name)
            except OSError:
                continue
    return found


def processes_with(token: str) -> list[int]:
    """Host pids of sandboxed Python programs whose command line contains ``token`` (the
    launcher's and bwrap's command lines hold it too; they are not counted)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv[0] == bytes(RUNTIME_PYTHON) and token.encode() in argv:
                pids.append(int(proc.name))
    return pids


NOTHING_LEFT: dict[str, list[str]] = {"cgroups": [], "work_dirs": [], "mounts": [], "processes": []}


@pytest.fixture(scope="session")
def sandbox() -> BwrapSandbox:
    engine = BwrapSandbox()
    problems = engine.check()
    if problems:
        skip_or_fail("bwrap sandbox not available here: " + "; ".join(problems))
    return engine


def program_spec(
    program: str, *args: str, limits: Limits = TEST_LIMITS, **overrides: Any
) -> SandboxSpec:
    """A spec that runs one of ``programs/`` with the runtime's Python from /work."""
    return SandboxSpec(
        command=["{python}", program, *args],
        files={program: (PROGRAMS / program).read_bytes()},
        limits=limits,
        **overrides,
    )


Start = Callable[..., BwrapProcess]


@pytest.fixture
def start(sandbox: BwrapSandbox) -> Iterator[Start]:
    """Start a program from ``programs/``; every run is closed, and checked to leave nothing."""
    opened: list[BwrapProcess] = []

    def _start(program: str, *args: str, **overrides: Any) -> BwrapProcess:
        process = sandbox.start(program_spec(program, *args, **overrides))
        opened.append(process)
        return process

    yield _start
    for process in opened:
        process.close()
    assert leftovers() == NOTHING_LEFT


@pytest.fixture
def token() -> str:
    """A unique argument to find a run's processes on the host by their command line."""
    return f"tfgrader-test-{uuid.uuid4().hex}"
