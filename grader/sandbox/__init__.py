"""Sandbox engines behind one interface (see :mod:`grader.sandbox.base`)."""

from __future__ import annotations

import os

from grader.sandbox.base import Sandbox, SandboxError, SandboxProcess, SandboxSpec

__all__ = ["Sandbox", "SandboxError", "SandboxProcess", "SandboxSpec", "make_sandbox"]


def make_sandbox(name: str | None = None) -> Sandbox:
    """The engine named here, else by ``TFGRADER_SANDBOX``, else bubblewrap."""
    name = name or os.environ.get("TFGRADER_SANDBOX") or "bwrap"
    if name == "bwrap":
        from grader.sandbox.bwrap import BwrapSandbox

        return BwrapSandbox()
    if name == "container":
        from grader.sandbox.container import ContainerSandbox

        return ContainerSandbox()
    raise SandboxError(f"unknown sandbox engine {name!r} (expected 'bwrap' or 'container')")
