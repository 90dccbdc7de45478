"""Fixtures for the container engine: a small grader image built here, and run starters that
always clean up and check that no container of ours is left."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.limits import Limits
from grader.sandbox.base import SandboxSpec
from grader.sandbox.container import ContainerProcess, ContainerSandbox, detect_engine
from tests.conftest import skip_or_fail
from tests.webapp.conftest import (  # noqa: F401  (the web app's fixtures, for the queue tests)
    app,
    app_config,
    course,
    database_url,
    db,
    postgres_database,
    sqlite_template,
    store,
)

PROGRAMS = Path(__file__).parents[1] / "sandbox" / "programs"
"""The bwrap engine's test programs: the same attacks must end the same way here."""
TEST_IMAGE = "localhost/tfgrader-test:numpy"
TEST_LIMITS = Limits(
    wall_time_s=10,
    cpu_time_s=10,
    memory_mb=256,
    pids=32,
    output_kb=64,
    disk_mb=16,
    file_size_mb=16,
)


def engine_usable(engine: str) -> str | None:
    """Why the container engine cannot run containers here, or None when it can."""
    if shutil.which(engine) is None:
        return f"{engine} is not installed (scripts/setup.sh installs podman and runc)"
    probe = ContainerSandbox(image=TEST_IMAGE, engine=engine)
    try:
        info = subprocess.run(probe.cli("info"), capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{engine} does not answer: {exc}"
    if info.returncode != 0:
        return f"{engine} info failed: {info.stderr.decode(errors='replace')[-300:]}"
    return None


@pytest.fixture(scope="session")
def container_sandbox() -> ContainerSandbox:
    """The container engine on the small test image (python3 + numpy), built if missing."""
    engine = detect_engine()
    problem = engine_usable(engine)
    if problem:
        skip_or_fail(f"container engine unavailable: {problem}")
    sandbox = ContainerSandbox(image=TEST_IMAGE, engine=engine)
    if sandbox.check():
        from grader.sandbox.container_image import build_image

        build_image(TEST_IMAGE, engine=engine, packages=["numpy"])
    problems = sandbox.check()
    if problems:
        skip_or_fail("container image unavailable: " + "; ".join(problems))
    return sandbox


def our_containers(sandbox: ContainerSandbox, names: list[str]) -> list[str]:
    """Those of ``names`` that the engine still lists (running or stopped)."""
    listed = subprocess.run(
        sandbox.cli("ps", "-a", "--filter", "label=tfgrader=1", "--format", "{{.Names}}"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return sorted(set(listed) & set(names))


def program_spec(
    program: str, *args: str, limits: Limits = TEST_LIMITS, **overrides: Any
) -> SandboxSpec:
    return SandboxSpec(
        command=["{python}", program, *args],
        files={program: (PROGRAMS / program).read_bytes()},
        limits=limits,
        **overrides,
    )


Start = Callable[..., ContainerProcess]


@pytest.fixture
def start(container_sandbox: ContainerSandbox) -> Iterator[Start]:
    """Start a program from ``tests/sandbox/programs``; every run is closed and leaves nothing."""
    opened: list[ContainerProcess] = []

    def _start(program: str, *args: str, **overrides: Any) -> ContainerProcess:
        process = container_sandbox.start(program_spec(program, *args, **overrides))
        opened.append(process)
        return process

    yield _start
    for process in opened:
        process.close()
    assert our_containers(container_sandbox, [p.name for p in opened]) == []


def limits(**changes: Any) -> Limits:
    return Limits(**{**TEST_LIMITS.to_dict(), **changes})
