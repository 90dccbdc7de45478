"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest

from grader.exercise import PROJECT_ROOT


def require_services() -> bool:
    """True under .ci/run: a missing PostgreSQL/Redis/podman is a failure there, not a skip."""
    return os.environ.get("TFGRADER_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    if require_services():
        pytest.fail(f"{reason} (TFGRADER_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def project_root():
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def bwrap_sandbox():
    """The real bubblewrap engine; skips (or fails under CI) when the host cannot run it."""
    from grader.sandbox import make_sandbox

    sandbox = make_sandbox("bwrap")
    problems = sandbox.check()
    if problems:
        skip_or_fail("bubblewrap sandbox unavailable: " + "; ".join(problems))
    return sandbox
