"""A worker that is SIGKILLed mid-run leaves its runs behind; the sweep at the next worker's
start-up removes them (processes, mounts, work dirs, cgroups) and nothing of live workers."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.result import Verdict
from grader.sandbox import cgroups
from grader.sandbox.base import Sandbox
from grader.sandbox.bwrap import BwrapSandbox, new_run_name, owner_of, sweep_stale_runs
from tests.sandbox.conftest import NOTHING_LEFT, Start, leftovers, run_tag

pytestmark = pytest.mark.sandbox

WORKER = """
import sys
from grader.sandbox.base import SandboxSpec
from grader.sandbox.bwrap import BwrapSandbox

process = BwrapSandbox().start(SandboxSpec(command=["sleep", "3600"]))
print("running", flush=True)
sys.stdin.read()  # until the test kills us
"""
"""A worker in miniature: starts one run that would outlive any test, then waits to be killed."""


def zombie(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return True  # gone by now


def remains(tag: str) -> dict[str, list[str]]:
    """What is left of the runs named ``tag...``. Killed processes whose parent died too are
    reparented to the host's init, which may take seconds to reap them: a zombie holds no
    mount, cgroup or memory, so it does not count."""
    found = leftovers(tag)
    found["processes"] = [pid for pid in found["processes"] if not zombie(pid)]
    return found


def settle(tag: str, timeout: float = 10.0) -> list[str]:
    """Wait for the processes of these runs to die with their worker (the launcher's death
    signal, then bwrap's, then the pid namespace); the ones still alive at the timeout."""
    deadline = time.monotonic() + timeout
    while (left := remains(tag)["processes"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def killed_worker() -> int:
    """Start a worker with a run in progress, SIGKILL it, reap it; its pid."""
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=Path(__file__).parents[2],
    )
    assert worker.stdout is not None
    assert worker.stdout.readline() == b"running\n"
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    return worker.pid


def straggle_in(tag: str) -> subprocess.Popen[bytes]:
    """A process in the dead worker's run cgroups, as a sandboxed process is when the death
    signals race its launcher's start (so nothing killed it with the worker)."""
    straggler = subprocess.Popen(["sleep", "3600"])
    for name, dirs in cgroups.run_groups().items():
        if name.startswith(tag):
            for path in dirs:
                (path / "cgroup.procs").write_text(str(straggler.pid))
    return straggler


@pytest.fixture
def dead_worker_tag(sandbox: BwrapSandbox) -> Iterator[str]:
    """The name prefix of a SIGKILLed worker's runs, swept again after the test whatever
    happened."""
    tag = run_tag(killed_worker())
    yield tag
    sweep_stale_runs()


def test_a_killed_worker_leaves_mounts_dirs_and_cgroups(dead_worker_tag: str) -> None:
    assert settle(dead_worker_tag) == []  # its sandboxed processes die with it
    found = remains(dead_worker_tag)
    assert found["mounts"] and found["work_dirs"] and found["cgroups"]


def test_sweep_removes_everything_a_killed_worker_left(dead_worker_tag: str) -> None:
    assert settle(dead_worker_tag) == []
    straggler = straggle_in(dead_worker_tag)
    assert remains(dead_worker_tag)["processes"] == [str(straggler.pid)]
    assert sweep_stale_runs() >= 1
    assert straggler.wait(timeout=10) == -signal.SIGKILL
    assert remains(dead_worker_tag) == NOTHING_LEFT


def test_sweep_leaves_live_runs_alone(start: Start, dead_worker_tag: str) -> None:
    process = start("echo_upper.py")
    sweep_stale_runs()
    process.stdin.write(b"still here\n")
    process.stdin.flush()
    assert process.stdout.readline() == b"STILL HERE\n"
    assert process.wait().verdict == Verdict.FINISHED
    assert leftovers()["work_dirs"] and leftovers()["cgroups"]


def test_concurrent_sweeps_remove_each_run_once(dead_worker_tag: str) -> None:
    counts: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            counts.append(sweep_stale_runs())
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(counts) == 4
    assert sum(counts) >= 1 and counts.count(0) >= 3  # they took turns: one found it
    assert remains(dead_worker_tag) == NOTHING_LEFT


def test_the_sandbox_interface_sweeps(dead_worker_tag: str, sandbox: BwrapSandbox) -> None:
    assert sandbox.sweep() >= 1
    assert remains(dead_worker_tag) == NOTHING_LEFT


def test_engines_without_leftovers_sweep_nothing() -> None:
    class Plain(Sandbox):
        name = "plain"

        def start(self, spec: object) -> None:  # type: ignore[override]
            raise NotImplementedError

        def check(self) -> list[str]:
            return []

    assert Plain().sweep() == 0


def test_run_names_carry_the_worker_pid() -> None:
    name = new_run_name()
    assert name.startswith(f"run-{os.getpid()}-") and owner_of(name) == os.getpid()
    names = ("run-12-ab", "run-x-ab", "run-12", "tfgrader", ".sweep.lock")
    assert [owner_of(n) for n in names] == [12, None, None, None, None]
