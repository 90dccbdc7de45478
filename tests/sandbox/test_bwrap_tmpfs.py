"""Every writable file system in the sandbox has a size: the disk limit is not a choice of
folder. bwrap's ``--dev`` makes /dev (with /dev/shm) a tmpfs of its own, writable by the
sandbox user and without a size; only the memory limit stopped a submission filling it."""

from __future__ import annotations

import json

import pytest

from grader.limits import Limits
from grader.result import Verdict
from grader.sandbox.bwrap import BwrapProcess
from tests.sandbox.conftest import TEST_LIMITS, Start

LIMITS = Limits(**{**TEST_LIMITS.to_dict(), "memory_mb": 512, "disk_mb": 16,
                   "file_size_mb": 16})


def filled(process: BwrapProcess) -> dict[str, object]:
    info = process.wait()
    assert info.verdict == Verdict.FINISHED, (info.message, process.student_output())
    result: dict[str, object] = json.loads(process.stdout.read())
    return result


@pytest.mark.sandbox
@pytest.mark.parametrize("directory", ["/dev/shm", "/tmp", "/work"])
def test_writable_tmpfs_stops_at_the_disk_limit(start: Start, directory: str) -> None:
    result = filled(start("tmpfs_fill.py", directory, limits=LIMITS))
    assert result["error"] == "ENOSPC"
    assert isinstance(result["written_mb"], int) and result["written_mb"] <= LIMITS.disk_mb


@pytest.mark.sandbox
def test_dev_itself_is_read_only(start: Start) -> None:
    result = filled(start("tmpfs_fill.py", "/dev", limits=LIMITS))
    assert result == {"error": "EROFS", "written_mb": 0}
