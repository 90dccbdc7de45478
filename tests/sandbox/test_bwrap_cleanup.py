"""A run leaves nothing behind: no processes, cgroups, mounts or work dirs, whatever it did."""

import threading
from pathlib import Path

import pytest

from grader.result import Verdict
from grader.sandbox.base import SandboxError, SandboxSpec
from grader.sandbox.bwrap import BwrapSandbox, gpu_devices
from tests.sandbox.conftest import NOTHING_LEFT, Start, leftovers, processes_with, program_spec

pytestmark = pytest.mark.sandbox


def test_double_forked_setsid_daemon_dies_with_the_run(start: Start, token: str) -> None:
    process = start("daemon.py", token)
    assert process.wait().verdict == Verdict.FINISHED
    process.close()
    assert processes_with(token) == []


def test_sigterm_ignoring_processes_are_killed_at_close(start: Start, token: str) -> None:
    process = start("ignore_sigterm.py", token)
    assert process.stdout.readline() == b"ready\n"
    assert len(processes_with(token)) >= 2
    process.close()
    assert processes_with(token) == []
    assert leftovers() == NOTHING_LEFT


def test_close_is_idempotent_and_files_stay_readable_until_then(start: Start) -> None:
    process = start("exit_code.py", "0")
    process.wait()
    assert process.read_file("exit_code.py", 10_000) is not None
    process.close()
    process.close()


def test_many_runs_in_a_row_leave_nothing(sandbox: BwrapSandbox) -> None:
    for _ in range(10):
        with sandbox.start(program_spec("exit_code.py", "1")) as process:
            assert process.wait().verdict == Verdict.EXITED_EARLY
    assert leftovers() == NOTHING_LEFT


def test_parallel_runs_do_not_collide(sandbox: BwrapSandbox) -> None:
    answers: dict[int, bytes] = {}

    def one(index: int) -> None:
        with sandbox.start(program_spec("echo_upper.py")) as process:
            process.stdin.write(f"run {index}\n".encode())
            process.stdin.flush()
            answers[index] = process.stdout.readline()
            process.wait()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {i: f"RUN {i}\n".encode() for i in range(4)}
    assert leftovers() == NOTHING_LEFT


def test_missing_mount_source_is_a_setup_error(sandbox: BwrapSandbox, tmp_path: Path) -> None:
    spec = program_spec("exit_code.py", "0", readonly_mounts={"/data": tmp_path / "absent"})
    with pytest.raises(SandboxError, match="does not exist"):
        sandbox.start(spec)
    assert leftovers() == NOTHING_LEFT


def test_bwrap_failure_is_a_setup_error_not_a_student_exit(
    sandbox: BwrapSandbox, tmp_path: Path
) -> None:
    tmp_path.chmod(0o755)
    # /usr is read-only inside, so bwrap cannot create this mount point and gives up.
    spec = program_spec("exit_code.py", "0", readonly_mounts={"/usr/new-dir": tmp_path})
    with pytest.raises(SandboxError, match="bwrap could not set up the sandbox"):
        sandbox.start(spec)
    assert leftovers() == NOTHING_LEFT


def test_gpu_request_without_gpu_is_a_setup_error(sandbox: BwrapSandbox) -> None:
    if gpu_devices():
        pytest.skip("this worker has a GPU")
    with pytest.raises(SandboxError, match="no GPU"):
        sandbox.start(SandboxSpec(command=["{python}", "-c", "pass"], gpu=True))
    assert leftovers() == NOTHING_LEFT


def test_check_reports_a_missing_runtime(tmp_path: Path) -> None:
    problems = BwrapSandbox(runtime=tmp_path / "nowhere").check()
    assert any("runtime" in p and "scripts/setup.sh" in p for p in problems)
