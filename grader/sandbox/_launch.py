"""Host-side launcher between the worker and bwrap; run as a script: standard library only.

    python -I -S _launch.py --join CGROUP_PROCS ... --rlimit NAME=SOFT:HARD ... -- ARGV...

It forks one child that joins the run's cgroups, sets the rlimits and ``exec``-s ARGV (setpriv
... bwrap ...). The launcher itself stays outside the cgroups, as a *child subreaper*: bwrap's
outer process exits without reaping the sandbox's pid 1, which would otherwise be orphaned to the
host's init and linger as a zombie (for ever where init does not reap, e.g. a container whose pid
1 is the worker). The launcher reaps every such orphan, then exits with ARGV's status
(``128 + n`` for signal ``n``, like bwrap). Killing the run's cgroup never kills the launcher.

Doing this in a separate process, not in ``preexec_fn``, keeps Python code out of the window
between ``fork`` and ``exec`` of the (threaded) worker.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
SETUP_FAILED = 125


def _parse(argv: list[str]) -> tuple[list[str], list[tuple[int, int, int]], list[str]]:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    joins: list[str] = []
    limits: list[tuple[int, int, int]] = []
    for flag, value in zip(options[::2], options[1::2], strict=True):
        if flag == "--join":
            joins.append(value)
        elif flag == "--rlimit":
            name, _, bounds = value.partition("=")
            soft, _, hard = bounds.partition(":")
            limits.append((getattr(resource, f"RLIMIT_{name.upper()}"), int(soft), int(hard)))
        else:
            raise SystemExit(f"tfgrader launcher: unknown option {flag}")
    return joins, limits, command


def _child(joins: list[str], limits: list[tuple[int, int, int]], command: list[str]) -> None:
    """Join, limit, exec; never returns."""
    try:
        for procs in joins:
            with open(procs, "w") as handle:
                handle.write(str(os.getpid()))
        for which, soft, hard in limits:
            resource.setrlimit(which, (soft, hard))
        os.execv(command[0], command)
    except BaseException as exc:
        os.write(2, f"tfgrader launcher: {exc}\n".encode())
    os._exit(SETUP_FAILED)


def _detach_stdio() -> None:
    """Let go of the run's pipes so the trusted side sees EOF/EPIPE when the run ends."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))


def _reap_all(child: int) -> int:
    """Wait for the child and every orphan handed to us; the child's status in shell encoding."""
    status = None
    while True:
        try:
            pid, raw = os.wait()
        except ChildProcessError:
            break
        if pid == child:
            status = raw
    if status is None:
        return SETUP_FAILED
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


def main(argv: list[str]) -> int:
    joins, limits, command = _parse(argv)
    libc = ctypes.CDLL(None, use_errno=True)
    # Die with the worker (bwrap's --die-with-parent then takes the sandbox down too).
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    child = os.fork()
    if child == 0:
        _child(joins, limits, command)
    _detach_stdio()
    return _reap_all(child)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
