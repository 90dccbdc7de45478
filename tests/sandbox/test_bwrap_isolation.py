"""What a submission cannot reach: the network, host files, the worker's environment, root."""

import json
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.limits import Limits
from grader.result import Verdict
from grader.sandbox.bwrap import BwrapProcess, BwrapSandbox
from grader.sandbox.workdir import BASE_DIR
from tests.sandbox.conftest import TEST_LIMITS, Start, processes_with

pytestmark = pytest.mark.sandbox


def output_json(process: BwrapProcess) -> dict[str, object]:
    info = process.wait()
    assert info.verdict == Verdict.FINISHED, process.student_output()
    result: dict[str, object] = json.loads(process.stdout.read())
    return result


@pytest.fixture
def host_listener() -> Iterator[int]:
    """A TCP port open on the host's loopback during the test."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A host folder the sandbox user may read (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="tfgrader-test-data-", dir="/var/tmp"))
    path.chmod(0o755)
    (path / "data.txt").write_text("d")
    yield path
    shutil.rmtree(path)


def test_no_network_outside_nor_to_host_loopback(start: Start, host_listener: int) -> None:
    results = output_json(start("network.py", str(host_listener)))
    assert "connected" not in results.values(), results


def test_host_secrets_and_private_dirs_are_unreadable(start: Start) -> None:
    planted = BASE_DIR.parent / f"tfgrader-host-secret-{os.getpid()}"
    planted.write_text("secret")
    planted.chmod(0o644)  # world-readable on the host, still not mounted in the sandbox
    try:
        paths = [
            "/etc/shadow",
            "/root",
            "/work/main/pyproject.toml",
            str(Path.home()),
            str(planted),
            str(Path(__file__)),
            "/sys/fs/cgroup/memory",
        ]
        results = output_json(start("snoop.py", *paths))
    finally:
        planted.unlink()
    assert not any(results.values()), results


def test_read_only_mounts_and_system_dirs_refuse_writes(start: Start, data_dir: Path) -> None:
    mounts = {"/data": data_dir}
    targets = ["/usr", "/", "/etc", "/opt/tfgrader/runtime", "/data", "/work", "/tmp"]
    results = output_json(start("write_attempts.py", *targets, readonly_mounts=mounts))
    writable = {k for k, v in results.items() if v}
    assert writable == {"/work", "/tmp"}
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
    assert environ["EXTRA"] == "yes" and environ["HOME"] == "/tmp"
    assert environ["TF_CPP_MIN_LOG_LEVEL"] == "2" and environ["PYTHONUNBUFFERED"] == "1"
    assert set(environ) <= {
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "LANG",
        "PWD",
        "SHLVL",
        "_",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONUNBUFFERED",
        "TF_CPP_MIN_LOG_LEVEL",
        "TF_ENABLE_ONEDNN_OPTS",
        "MPLBACKEND",
        "EXTRA",
    }


def test_runs_as_the_unprivileged_sandbox_user(start: Start, sandbox: BwrapSandbox) -> None:
    result = output_json(start("environment.py"))
    assert result["uid"] == result["euid"] == sandbox.uid != 0
    assert result["groups"] == []


def test_disk_fill_stops_at_the_work_dir_size(start: Start) -> None:
    limits = Limits(**{**TEST_LIMITS.to_dict(), "disk_mb": 8, "file_size_mb": 64})
    before = os.statvfs(BASE_DIR)
    result = output_json(start("disk_fill.py", limits=limits))
    assert result["error"] == "ENOSPC" and int(str(result["written"])) <= 8 * 1024 * 1024
    after = os.statvfs(BASE_DIR)
    assert abs(after.f_bavail - before.f_bavail) * after.f_frsize < 4 * 1024 * 1024


def test_file_size_limit_stops_one_big_file(start: Start) -> None:
    limits = Limits(**{**TEST_LIMITS.to_dict(), "disk_mb": 16, "file_size_mb": 2})
    result = output_json(start("disk_fill.py", limits=limits))
    assert result == {"error": "EFBIG", "written": 2 * 1024 * 1024}


def test_fork_bomb_is_stopped_by_the_pids_limit(start: Start, token: str) -> None:
    limits = Limits(**{**TEST_LIMITS.to_dict(), "wall_time_s": 1.5, "pids": 16})
    process = start("fork_bomb.py", token, limits=limits)
    info = process.wait()
    assert info.verdict == Verdict.TIMED_OUT
    assert "fork refused" in process.student_output()[0]
    process.close()
    assert processes_with(token) == []
