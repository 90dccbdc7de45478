"""Reading back what a run left in /work: regular files only, never through a symlink."""

import pytest

from grader.result import Verdict
from grader.sandbox.bwrap import BwrapProcess
from tests.sandbox.conftest import Start

pytestmark = pytest.mark.sandbox


@pytest.fixture
def trapped(start: Start) -> BwrapProcess:
    process = start("plant_links.py")
    assert process.wait().verdict == Verdict.FINISHED, process.student_output()
    return process


def test_regular_file_is_read_back(trapped: BwrapProcess) -> None:
    assert trapped.read_file("out/result.txt", 100) == b"42"
    assert trapped.read_file("./out//result.txt", 100) == b"42"


def test_symlink_to_a_host_secret_is_not_followed(trapped: BwrapProcess) -> None:
    assert trapped.read_file("shadow", 10_000) is None
    assert trapped.read_file("out/passwd", 10_000) is None
    assert trapped.read_file("rootfs/etc/shadow", 10_000) is None


def test_fifo_and_directories_are_refused_without_blocking(trapped: BwrapProcess) -> None:
    assert trapped.read_file("fifo", 100) is None
    assert trapped.read_file("out", 100) is None


@pytest.mark.parametrize("path", ["../etc/passwd", "/etc/passwd", "out/../../x", "", "a\0b"])
def test_paths_leaving_the_work_dir_are_refused(trapped: BwrapProcess, path: str) -> None:
    assert trapped.read_file(path, 100) is None


def test_file_over_the_size_cap_is_refused(trapped: BwrapProcess) -> None:
    assert trapped.read_file("out/result.txt", 1) is None


def test_listing_shows_regular_files_only(trapped: BwrapProcess) -> None:
    names = [name for name, _ in trapped.list_files()]
    assert names == ["out/result.txt", "plant_links.py"]
    assert ("out/result.txt", 2) in trapped.list_files()


def test_listing_respects_the_count_cap(trapped: BwrapProcess) -> None:
    assert len(trapped.list_files(max_files=1)) == 1
