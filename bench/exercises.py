"""Grade every exercise's reference solution 3 times and print the figures for the course notes:
median grading time, memory peak, and (for MNIST) accuracy and training time.

    .venv/bin/python bench/exercises.py [NAME ...] [--runs 3]

Why a script rather than a test: the numbers depend on the machine and its load; they are
measured and reported, not asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from pathlib import Path

from grader.exercise import find_exercise, list_exercises
from grader.grading import grade
from grader.result import GradingResult
from grader.sandbox import make_sandbox


def _mnist_figures(result: GradingResult) -> str:
    """Accuracy from the hidden test's feedback, training time from the solution's output."""
    accuracy = next((re.search(r"Accuracy ([0-9]+\.[0-9]+)", t.output) for t in result.tests
                     if re.search(r"Accuracy ([0-9]+\.[0-9]+)", t.output)), None)
    training = re.search(r"training took ([0-9.]+) s", result.student_output or "")
    return (f"  accuracy(10k, disguised) {accuracy.group(1) if accuracy else '?'}"
            f"  training {training.group(1) if training else '?'} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    exercises = [find_exercise(n) for n in args.names] if args.names else list_exercises()
    sandbox = make_sandbox()
    print(f"{'exercise':34} {'score':>9} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8}")
    for exercise in exercises:
        solution = exercise.solution()
        if solution is None:
            print(f"{exercise.name:34} no solution")
            continue
        times, peaks, last = [], [], None
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as artifacts:
                last = grade(exercise, Path(solution), sandbox=sandbox,
                             artifacts_dir=Path(artifacts))
            times.append(last.execution_time)
            peaks.append(last.run.memory_peak_mb or 0.0)
        assert last is not None
        line = (f"{exercise.name:34} {last.score:>4g}/{last.max_score:<4g} "
                f"{statistics.median(times):>9.2f} {min(times):>7.2f} {max(times):>7.2f} "
                f"{max(peaks):>8.0f}")
        if "mnist" in exercise.data:
            line += _mnist_figures(last)
        print(line, flush=True)


if __name__ == "__main__":
    main()
