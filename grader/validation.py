"""An exercise is valid when its reference solution earns full marks and its starter earns zero
without any infrastructure error (see ARCHITECTURE.md, "Exercises")."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.exercise import Exercise
from grader.grading import grade
from grader.result import GradingResult, Status
from grader.sandbox import Sandbox


@dataclass
class Validation:
    exercise: str
    problems: list[str] = field(default_factory=list)
    results: dict[str, GradingResult] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_exercise(exercise: Exercise, sandbox: Sandbox | None = None) -> Validation:
    report = Validation(exercise.name)
    solution = exercise.solution()
    if solution is None:
        report.problems.append("no reference solution in solutions/")
    else:
        result = grade(exercise, solution, sandbox=sandbox)
        report.results["solution"] = result
        if result.status == Status.ERROR:
            report.problems.append(f"solution: infrastructure error: {result.run.message}")
        elif result.score < result.max_score:
            failed = [f"{t.name}: {t.output}" for t in result.tests if t.score < t.max_score]
            report.problems.append(
                f"solution scores {result.score:g}/{result.max_score:g}: " + "; ".join(failed)
            )
    starters = [p for p in exercise.starter_files() if p.suffix in (".py", ".ipynb")]
    if not starters:
        report.problems.append("no starter .py or .ipynb in starter/")
    for starter in starters:
        result = grade(exercise, starter, sandbox=sandbox)
        report.results[f"starter {starter.name}"] = result
        if result.status == Status.ERROR:
            report.problems.append(f"{starter.name}: infrastructure error: {result.run.message}")
        elif result.score != 0:
            report.problems.append(f"{starter.name} scores {result.score:g}, expected 0")
    return report


def starter_path(exercise: Exercise, name: str) -> Path:
    return exercise.path / "starter" / name
