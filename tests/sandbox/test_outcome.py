"""The exit-status-to-verdict mapping, without starting anything."""

import signal

from grader.limits import Limits
from grader.result import Verdict
from grader.sandbox.outcome import Ending, classify, signal_of

LIMITS = Limits(wall_time_s=5, cpu_time_s=7, memory_mb=300)


def test_exit_zero_is_finished() -> None:
    assert classify(Ending(0), LIMITS).verdict == Verdict.FINISHED


def test_plain_nonzero_exit_is_exited_early_with_its_code() -> None:
    outcome = classify(Ending(3), LIMITS)
    assert (outcome.verdict, outcome.exit_code) == (Verdict.EXITED_EARLY, 3)
    assert "exit code 3" in outcome.message


def test_bwrap_128_plus_signal_is_killed_by_that_signal() -> None:
    outcome = classify(Ending(128 + signal.SIGSEGV), LIMITS)
    assert (outcome.verdict, outcome.signal) == (Verdict.KILLED, signal.SIGSEGV)
    assert "SIGSEGV" in outcome.message


def test_negative_returncode_is_a_signal_too() -> None:
    assert signal_of(-9) == 9 and signal_of(137) == 9 and signal_of(1) is None


def test_sigxcpu_is_a_time_out_naming_cpu_time() -> None:
    outcome = classify(Ending(128 + signal.SIGXCPU), LIMITS)
    assert outcome.verdict == Verdict.TIMED_OUT and "7 s of CPU time" in outcome.message


def test_wall_timeout_wins_over_the_signal_it_caused() -> None:
    outcome = classify(Ending(-9, wall_timeout=True), LIMITS)
    assert outcome.verdict == Verdict.TIMED_OUT and "5 s" in outcome.message


def test_oom_kill_is_memory_limit() -> None:
    outcome = classify(Ending(137, oom_killed=True), LIMITS)
    assert outcome.verdict == Verdict.MEMORY_LIMIT and "300 MB" in outcome.message


def test_oom_of_a_helper_does_not_spoil_a_clean_exit() -> None:
    assert classify(Ending(0, oom_killed=True), LIMITS).verdict == Verdict.FINISHED


def test_grader_stop_is_killed_with_its_own_message() -> None:
    outcome = classify(Ending(137, stopped_by_grader=True), LIMITS)
    assert outcome.verdict == Verdict.KILLED and "grader stopped" in outcome.message
