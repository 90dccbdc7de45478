"""The container engine passes the bwrap engine's behaviours: same programs, same verdicts.

Each test mirrors one in ``tests/sandbox/`` and runs the same program from
``tests/sandbox/programs``; the differences are the engine's and are named where they occur.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.limits import Limits
from grader.result import Verdict
from grader.sandbox.base import SandboxError, SandboxSpec
from grader.sandbox.container import ContainerProcess, ContainerSandbox, run_flags
from tests.scaleout.conftest import TEST_LIMITS, Start, limits, our_containers

pytestmark = pytest.mark.container


def output_json(process: ContainerProcess) -> dict[str, object]:
    info = process.wait()
    assert info.verdict == Verdict.FINISHED, process.student_output()
    result: dict[str, object] = json.loads(process.stdout.read())
    return result


# -- endings ---------------------------------------------------------------------------------


def test_stdin_stdout_pipe_roundtrip_and_stderr_capture(start: Start) -> None:
    process = start("echo_upper.py")
    process.stdin.write(b"hello agent\n")
    process.stdin.flush()
    assert process.stdout.readline() == b"HELLO AGENT\n"
    info = process.wait()
    assert info.verdict == Verdict.FINISHED and info.exit_code == 0
    assert process.student_output() == ("student output\n", False)
    assert info.backend == "container"
    assert info.cpu_time_s is not None and info.memory_peak_mb is not None


def test_nonzero_exit_is_exited_early_with_the_code(start: Start) -> None:
    info = start("exit_code.py", "3").wait()
    assert (info.verdict, info.exit_code, info.signal) == (Verdict.EXITED_EARLY, 3, None)


@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGKILL])
def test_death_by_signal_is_killed_with_the_signal(start: Start, sig: signal.Signals) -> None:
    info = start("self_signal.py", str(int(sig))).wait()
    assert (info.verdict, info.signal) == (Verdict.KILLED, sig)


def test_busy_loop_times_out_at_the_wall_clock(start: Start) -> None:
    process = start("busy_loop.py", limits=limits(wall_time_s=1))
    info = process.wait()
    assert info.verdict == Verdict.TIMED_OUT
    assert 1.0 <= info.wall_time_s < 2.5
    assert process.deadline_left() == 0.0


def test_cpu_time_limit_is_a_time_out(start: Start) -> None:
    info = start("busy_loop.py", limits=limits(cpu_time_s=1)).wait()
    assert info.verdict == Verdict.TIMED_OUT and "CPU time" in info.message


def test_wait_with_a_timeout_stops_a_run_that_will_not_end(start: Start) -> None:
    info = start("sleep_forever.py").wait(timeout=0.5)
    assert info.verdict == Verdict.TIMED_OUT and info.wall_time_s < 2.5


def test_kill_by_the_grader_is_reported_as_such(start: Start) -> None:
    process = start("sleep_forever.py")
    process.kill()
    info = process.wait()
    assert info.verdict == Verdict.KILLED and "grader" in info.message


def test_memory_hog_hits_the_memory_limit(start: Start) -> None:
    info = start("memory_hog.py", limits=limits(memory_mb=96)).wait()
    assert info.verdict == Verdict.MEMORY_LIMIT
    assert info.memory_peak_mb is not None and info.memory_peak_mb <= 96.5


def test_an_oom_kill_leaves_nothing_in_the_workers_directory(
    start: Start, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # podman's conmon writes an ``oom`` marker into its cwd
    process = start("memory_hog.py", limits=limits(memory_mb=96))
    assert process.wait().verdict == Verdict.MEMORY_LIMIT
    process.close()
    assert list(tmp_path.iterdir()) == []


def test_stderr_flood_is_truncated_and_does_not_slow_the_run(start: Start) -> None:
    process = start("stderr_flood.py")
    info = process.wait()
    text, truncated = process.student_output()
    assert info.verdict == Verdict.FINISHED and info.wall_time_s < 5
    assert truncated and info.output_truncated
    assert len(text) == TEST_LIMITS.output_kb * 1024


def test_fork_bomb_is_stopped_by_the_pids_limit(start: Start) -> None:
    process = start("fork_bomb.py", limits=limits(wall_time_s=1.5, pids=16))
    info = process.wait()
    assert info.verdict == Verdict.TIMED_OUT
    assert "fork refused" in process.student_output()[0]


def test_forged_exit_line_does_not_end_the_run(start: Start) -> None:
    """Only PID 1 knows the token: a look-alike line from the submission is student output."""
    process = start("exit_code.py", "0")
    info = process.wait()
    assert info.verdict == Verdict.FINISHED
    # (exit_code.py cannot know the token; this pins that output before the end is kept.)
    assert process.student_output() == ("", False)


# -- isolation -------------------------------------------------------------------------------


@pytest.fixture
def host_listener() -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="tfgrader-test-data-", dir="/var/tmp"))
    path.chmod(0o755)
    (path / "data.txt").write_text("d")
    yield path
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


def test_no_network_outside_nor_to_host_loopback(start: Start, host_listener: int) -> None:
    results = output_json(start("network.py", str(host_listener)))
    assert "connected" not in results.values(), results


def test_host_files_are_not_in_the_container(start: Start) -> None:
    paths = ["/etc/shadow", "/root", "/work/main/pyproject.toml", str(Path(__file__))]
    results = output_json(start("snoop.py", *paths))
    assert not any(results.values()), results


def test_root_is_read_only_and_only_work_and_tmp_are_writable(start: Start, data_dir: Path) -> None:
    targets = ["/usr", "/", "/etc", "/opt/tfgrader/runtime", "/data", "/work", "/tmp"]
    process = start("write_attempts.py", *targets, readonly_mounts={"/data": data_dir})
    results = output_json(process)
    assert {k for k, v in results.items() if v} == {"/work", "/tmp"}
    assert not (data_dir / "planted").exists()


def test_read_only_mount_is_readable(start: Start, data_dir: Path) -> None:
    results = output_json(start("snoop.py", "/data/data.txt", readonly_mounts={"/data": data_dir}))
    assert results == {"/data/data.txt": True}


def test_environment_is_clean_even_in_proc_1_environ(
    start: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_KEY", "hunter2")
    result = output_json(start("environment.py", env={"EXTRA": "yes"}))
    environ, pid1 = result["environ"], str(result["pid1"])
    assert isinstance(environ, dict)
    assert "SECRET_KEY" not in environ and "hunter2" not in pid1
    assert pid1.startswith("unreadable")  # PID 1 is the (non-dumpable) supervisor
    assert environ["EXTRA"] == "yes" and environ["HOME"] == "/tmp"
    assert "container" not in environ and "HOSTNAME" not in environ


def test_runs_as_the_unprivileged_sandbox_user(start: Start) -> None:
    result = output_json(start("environment.py"))
    assert result["uid"] == result["euid"] == 10001


def test_disk_fill_stops_at_the_work_dir_size(start: Start) -> None:
    result = output_json(start("disk_fill.py", limits=limits(disk_mb=8, file_size_mb=64)))
    assert result["error"] == "ENOSPC" and int(str(result["written"])) <= 8 * 1024 * 1024


def test_file_size_limit_stops_one_big_file(start: Start) -> None:
    result = output_json(start("disk_fill.py", limits=limits(disk_mb=16, file_size_mb=2)))
    assert result == {"error": "EFBIG", "written": 2 * 1024 * 1024}


def test_every_isolation_flag_is_passed_to_the_engine() -> None:
    spec = SandboxSpec(command=["{python}"], limits=Limits(memory_mb=300, pids=50, disk_mb=20))
    flags = " ".join(run_flags("podman", spec, "n", "r"))
    for expected in (
        "--network none", "--read-only", "--user 10001:10001", "--cap-drop ALL",
        "--security-opt no-new-privileges", "--pids-limit 50", "--memory 300m",
        "--memory-swap 300m", "--ulimit core=0", "size=20m", "--rm", "--label tfgrader=1",
    ):  # fmt: skip
        assert expected in flags
    assert "uid=10001" in " ".join(run_flags("docker", spec, "n", "r"))


# -- reading back ----------------------------------------------------------------------------


@pytest.fixture
def trapped(start: Start) -> ContainerProcess:
    process = start("plant_links.py")
    assert process.wait().verdict == Verdict.FINISHED, process.student_output()
    return process


def test_regular_file_is_read_back_after_the_run(trapped: ContainerProcess) -> None:
    assert trapped.read_file("out/result.txt", 100) == b"42"
    assert trapped.read_file("./out//result.txt", 100) == b"42"


def test_symlinks_fifos_and_escapes_are_not_read(trapped: ContainerProcess) -> None:
    for path in ("shadow", "out/passwd", "rootfs/etc/shadow", "fifo", "out", "../etc/passwd"):
        assert trapped.read_file(path, 10_000) is None, path


def test_file_over_the_size_cap_is_refused(trapped: ContainerProcess) -> None:
    assert trapped.read_file("out/result.txt", 1) is None


def test_listing_shows_regular_files_only(trapped: ContainerProcess) -> None:
    assert trapped.list_files() == [("out/result.txt", 2), ("plant_links.py", 148)] or [
        name for name, _ in trapped.list_files()
    ] == ["out/result.txt", "plant_links.py"]
    assert len(trapped.list_files(max_files=1)) == 1


def test_files_of_a_timed_out_run_stay_readable(start: Start) -> None:
    process = start("sleep_forever.py", limits=limits(wall_time_s=0.5))
    assert process.wait().verdict == Verdict.TIMED_OUT
    assert process.read_file("sleep_forever.py", 10_000) is not None


# -- cleanup and setup errors ----------------------------------------------------------------


def test_daemon_left_behind_is_gone_and_no_container_remains(
    container_sandbox: ContainerSandbox,
) -> None:
    from tests.scaleout.conftest import program_spec

    process = container_sandbox.start(program_spec("daemon.py", "x"))
    process.wait()
    process.close()
    process.close()  # idempotent
    assert our_containers(container_sandbox, [process.name]) == []


def test_gpu_request_without_gpu_is_a_setup_error(
    container_sandbox: ContainerSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TFGRADER_GPU", raising=False)
    with pytest.raises(SandboxError, match="no GPU"):
        container_sandbox.start(SandboxSpec(command=["{python}"], gpu=True))


def test_gpu_flags_follow_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGRADER_GPU", "1")
    spec = SandboxSpec(command=["{python}"], gpu=True)
    assert "--gpus all" in " ".join(run_flags("docker", spec, "n", "r"))
    assert "--device nvidia.com/gpu=all" in " ".join(run_flags("podman", spec, "n", "r"))


def test_missing_image_is_a_setup_error_that_says_how_to_build_it(
    container_sandbox: ContainerSandbox,
) -> None:
    sandbox = ContainerSandbox(image="localhost/tfgrader-no-such-image:0", engine="podman")
    with pytest.raises(SandboxError, match="build-grader-image"):
        sandbox.start(SandboxSpec(command=["{python}"]))


def test_engine_failure_is_an_internal_error_not_a_student_exit(
    container_sandbox: ContainerSandbox, data_dir: Path
) -> None:
    spec = SandboxSpec(
        command=["{python}", "-c", "pass"],
        readonly_mounts={"/data": data_dir / "missing"},
        limits=TEST_LIMITS,
    )
    process = container_sandbox.start(spec)
    try:
        assert process.wait().verdict == Verdict.INTERNAL_ERROR
    finally:
        process.close()
    assert our_containers(container_sandbox, [process.name]) == []


def test_no_container_of_ours_outlives_a_run(container_sandbox: ContainerSandbox) -> None:
    listed = subprocess.run(
        container_sandbox.cli("ps", "-a", "--filter", "label=tfgrader=1", "-q"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert listed == []


def test_replies_arrive_while_the_run_goes_on(container_sandbox: ContainerSandbox) -> None:
    """Request/response: no reply byte may wait for more output (or for the end of the run)."""
    echo = (
        "import sys\n"
        "for line in sys.stdin.buffer:\n"
        "    sys.stdout.buffer.write(line); sys.stdout.buffer.flush()\n"
    )
    spec = SandboxSpec(command=["{python}", "-c", echo], limits=TEST_LIMITS)
    with container_sandbox.start(spec) as process:
        for request in (b"one\n", b"\n", b"x" * 100_000 + b"\n"):
            process.stdin.write(request)
            process.stdin.flush()
            assert process.stdout.readline() == request
        process.stdin.close()
        assert process.wait().verdict == Verdict.FINISHED
        assert process.stdout.read() == b""


@pytest.mark.slow
def test_line_fitting_solution_grades_full_marks_in_the_tensorflow_image() -> None:
    """The real pipeline (agent + TensorFlow) in the full image built from this host's runtime."""
    from grader.exercise import PROJECT_ROOT, find_exercise
    from grader.grading import grade
    from grader.sandbox.container_image import DEFAULT_TAG, build_image

    sandbox = ContainerSandbox(image=DEFAULT_TAG)
    if sandbox.check():
        build_image(DEFAULT_TAG)  # about a minute: 1.7 GB of runtime
    result = grade(
        find_exercise("line_fitting"),
        PROJECT_ROOT / "solutions" / "line_fitting.py",
        sandbox=sandbox,
    )
    assert result.run.backend == "container"
    assert result.score == result.max_score, result.run.message
