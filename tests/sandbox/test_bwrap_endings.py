"""How a sandboxed run ends, as the trusted side sees it: verdicts, exit details, the pipes."""

import signal
import time

import pytest

from grader.limits import Limits
from grader.result import Verdict
from tests.sandbox.conftest import TEST_LIMITS, Start

pytestmark = pytest.mark.sandbox


def test_stdin_stdout_pipe_roundtrip_and_stderr_capture(start: Start) -> None:
    process = start("echo_upper.py")
    process.stdin.write(b"hello agent\n")
    process.stdin.flush()
    assert process.stdout.readline() == b"HELLO AGENT\n"
    info = process.wait()
    assert info.verdict == Verdict.FINISHED and info.exit_code == 0
    assert process.student_output() == ("student output\n", False)
    assert info.backend in ("bwrap", "bwrap+seccomp")
    assert info.limits["memory_mb"] == TEST_LIMITS.memory_mb
    assert info.cpu_time_s is not None and info.memory_peak_mb is not None


def test_nonzero_exit_is_exited_early_with_the_code(start: Start) -> None:
    info = start("exit_code.py", "3").wait()
    assert (info.verdict, info.exit_code, info.signal) == (Verdict.EXITED_EARLY, 3, None)


@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGKILL, signal.SIGABRT])
def test_death_by_signal_is_killed_with_the_signal(start: Start, sig: signal.Signals) -> None:
    info = start("self_signal.py", str(int(sig))).wait()
    assert (info.verdict, info.signal) == (Verdict.KILLED, sig)
    assert sig.name in info.message


def test_busy_loop_times_out_at_the_wall_clock(start: Start) -> None:
    process = start("busy_loop.py", limits=Limits(**{**TEST_LIMITS.to_dict(), "wall_time_s": 1}))
    info = process.wait()
    assert info.verdict == Verdict.TIMED_OUT
    assert 1.0 <= info.wall_time_s < 2.0
    assert process.deadline_left() == 0.0


def test_sleeping_program_times_out_at_the_wall_clock(start: Start) -> None:
    limits = Limits(**{**TEST_LIMITS.to_dict(), "wall_time_s": 1})
    info = start("sleep_forever.py", limits=limits).wait()
    assert info.verdict == Verdict.TIMED_OUT and info.wall_time_s < 2.0


def test_cpu_time_limit_is_a_time_out(start: Start) -> None:
    limits = Limits(**{**TEST_LIMITS.to_dict(), "cpu_time_s": 1})
    info = start("busy_loop.py", limits=limits).wait()
    assert info.verdict == Verdict.TIMED_OUT and "CPU time" in info.message


def test_wait_with_a_timeout_stops_a_run_that_will_not_end(start: Start) -> None:
    info = start("sleep_forever.py").wait(timeout=0.5)
    assert info.verdict == Verdict.TIMED_OUT and info.wall_time_s < 2.0


def test_kill_by_the_grader_is_reported_as_such(start: Start) -> None:
    process = start("sleep_forever.py")
    assert process.deadline_left() > 5
    process.kill()
    info = process.wait()
    assert info.verdict == Verdict.KILLED and "grader" in info.message


def test_kill_after_the_deadline_is_a_time_out(start: Start) -> None:
    process = start(
        "sleep_forever.py", limits=Limits(**{**TEST_LIMITS.to_dict(), "wall_time_s": 0.3})
    )
    while process.deadline_left() > 0:
        time.sleep(0.01)
    process.kill()
    assert process.wait().verdict == Verdict.TIMED_OUT


def test_memory_hog_hits_the_memory_limit(start: Start) -> None:
    limits = Limits(**{**TEST_LIMITS.to_dict(), "memory_mb": 96})
    info = start("memory_hog.py", limits=limits).wait()
    assert info.verdict == Verdict.MEMORY_LIMIT
    assert info.memory_peak_mb is not None and info.memory_peak_mb <= 96.5


def test_stderr_flood_is_truncated_and_does_not_slow_the_run(start: Start) -> None:
    process = start("stderr_flood.py")
    info = process.wait()
    text, truncated = process.student_output()
    assert info.verdict == Verdict.FINISHED and info.wall_time_s < 5
    assert truncated and info.output_truncated
    assert len(text) == TEST_LIMITS.output_kb * 1024


@pytest.mark.slow
def test_tensorflow_imports_under_default_limits(start: Start) -> None:
    process = start("tf_smoke.py", limits=Limits())
    info = process.wait()
    assert info.verdict == Verdict.FINISHED, process.student_output()[0]
    assert process.stdout.read() == b"6\n"
