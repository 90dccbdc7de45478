"""The seccomp deny-list: kernel interfaces a grading run never needs are refused (EPERM), while
TensorFlow, threads, processes and loopback sockets (Jupyter's ZeroMQ) keep working.

The filter is built here with the same script setup runs, so these tests hold whether or not
this host's runtime has one installed; a run without the file is the control that shows the
filter, not the namespaces, is what refuses.
"""

import json
import subprocess
from pathlib import Path

import pytest

from grader.limits import Limits
from grader.result import Verdict
from grader.sandbox.base import SandboxProcess
from grader.sandbox.bwrap import SECCOMP_FILTER, BwrapSandbox
from tests.conftest import skip_or_fail
from tests.sandbox.conftest import Start, program_spec

pytestmark = pytest.mark.sandbox

SCRIPT = Path(__file__).parents[2] / "scripts" / "make_seccomp_filter.py"
DEBIAN_PYTHON = "/usr/bin/python3"
DENIED = ("ptrace_traceme", "unshare_newuser", "clone_newuser", "io_uring_setup")
ALLOWED = ("loopback_socket", "thread", "subprocess", "fork")


def build_filter(target: Path) -> None:
    found = subprocess.run(
        [DEBIAN_PYTHON, "-c", "import seccomp"], capture_output=True, check=False
    )
    if found.returncode != 0:
        skip_or_fail("python3-seccomp is not installed (scripts/setup.sh installs it)")
    subprocess.run([DEBIAN_PYTHON, str(SCRIPT), str(target)], check=True)


@pytest.fixture(scope="module")
def seccomp_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("seccomp") / "seccomp.bpf"
    build_filter(target)
    return target


@pytest.fixture(scope="module")
def sandbox(sandbox: BwrapSandbox, seccomp_file: Path) -> BwrapSandbox:
    """The session's engine, filtered: ``start`` runs go through it."""
    return BwrapSandbox(runtime=sandbox.runtime, seccomp_filter=seccomp_file)


def syscall_results(process: SandboxProcess) -> dict[str, str]:
    info = process.wait()
    assert info.verdict == Verdict.FINISHED, process.student_output()
    results: dict[str, str] = json.loads(process.stdout.read())
    return results


def test_denied_system_calls_fail_with_eperm(start: Start) -> None:
    results = syscall_results(start("syscalls.py"))
    assert {name: results[name] for name in DENIED} == dict.fromkeys(DENIED, "EPERM")


def test_personality_may_not_weaken_aslr(start: Start) -> None:
    assert syscall_results(start("syscalls.py"))["personality_no_aslr"] == "EPERM"


def test_sockets_threads_and_processes_still_work(start: Start) -> None:
    results = syscall_results(start("syscalls.py"))
    assert {name: results[name] for name in ALLOWED} == dict.fromkeys(ALLOWED, "ok")


def test_filtered_runs_say_so_in_the_backend(start: Start) -> None:
    assert start("exit_code.py", "0").wait().backend == "bwrap+seccomp"


def test_tensorflow_imports_and_computes_under_the_filter(start: Start) -> None:
    process = start("tf_smoke.py", limits=Limits())
    info = process.wait()
    assert info.verdict == Verdict.FINISHED, process.student_output()[0]
    assert process.stdout.read() == b"6\n"


def test_without_the_filter_file_runs_are_unfiltered(sandbox: BwrapSandbox, tmp_path: Path) -> None:
    unfiltered = BwrapSandbox(runtime=sandbox.runtime, seccomp_filter=tmp_path / "absent.bpf")
    with unfiltered.start(program_spec("syscalls.py")) as process:
        results = syscall_results(process)
        assert process.wait().backend == "bwrap"
    # The control: the namespaces alone let these through, so the EPERMs above are the filter's.
    assert results["ptrace_traceme"] == "ok" and results["unshare_newuser"] == "ok"


def test_the_filter_lives_in_the_runtime_by_default(tmp_path: Path) -> None:
    assert BwrapSandbox(runtime=tmp_path).seccomp_filter == tmp_path / SECCOMP_FILTER


def test_building_the_filter_twice_gives_the_same_program(tmp_path: Path) -> None:
    first, second = tmp_path / "a.bpf", tmp_path / "b.bpf"
    build_filter(first)
    build_filter(second)
    build_filter(second)  # over an existing file
    assert first.read_bytes() == second.read_bytes() and len(first.read_bytes()) % 8 == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bpf", "b.bpf"]
