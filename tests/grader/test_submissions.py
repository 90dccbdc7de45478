"""Every file under tests/submissions/<exercise>/ is graded for real (real sandbox, real
TensorFlow) and must get the score range, verdict and feedback declared in that folder's
expected.toml. This is the course's regression suite: right, nearly right and wrong work."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from grader.exercise import find_exercise
from grader.grading import grade
from grader.result import Status

SUBMISSIONS = Path(__file__).resolve().parent.parent / "submissions"


def _cases() -> list[Any]:
    cases = []
    for expected_file in sorted(SUBMISSIONS.glob("*/expected.toml")):
        declared = tomllib.loads(expected_file.read_text(encoding="utf-8"))
        for stem, expectation in declared.items():
            matches = [p for p in expected_file.parent.glob(f"{stem}.*") if p.suffix != ".toml"]
            assert len(matches) == 1, f"{expected_file}: {stem} matches {matches}"
            cases.append(
                pytest.param(expected_file.parent.name, matches[0], expectation,
                             id=f"{expected_file.parent.name}/{matches[0].name}")
            )
    return cases


def test_every_declared_submission_exists_and_every_file_is_declared() -> None:
    for folder in SUBMISSIONS.iterdir():
        if not folder.is_dir():
            continue
        declared = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        files = {p.stem for p in folder.iterdir() if p.suffix in (".py", ".ipynb", ".txt", ".bin")}
        assert files == set(declared), f"{folder}: files and expected.toml disagree"


@pytest.mark.sandbox
@pytest.mark.slow
@pytest.mark.parametrize(("exercise_name", "path", "expected"), _cases())
def test_submission_gets_declared_grade(
    exercise_name: str, path: Path, expected: dict[str, Any], bwrap_sandbox: Any, tmp_path: Path
) -> None:
    result = grade(find_exercise(exercise_name), path, sandbox=bwrap_sandbox,
                   artifacts_dir=tmp_path)
    assert result.status == Status.GRADED, result.run.message
    low, high = expected["score"]
    assert low <= result.score <= high, (
        f"score {result.score} not in [{low}, {high}]; tests: "
        + "; ".join(f"{t.name}={t.score} {t.output}" for t in result.tests)
    )
    if "verdict" in expected:
        assert result.run.verdict == expected["verdict"], result.run.message
    everything = "\n".join(
        [result.output, result.load_error or ""] + [t.output for t in result.tests]
        + [f"{e.ename}: {e.evalue} cell {e.cell} line {e.line}" for e in result.cell_errors]
    )
    for phrase in expected.get("feedback", []):
        assert phrase.lower() in everything.lower(), f"{phrase!r} not in feedback:\n{everything}"
    for cell, line in expected.get("cell_errors", []):
        assert any(e.cell == cell and e.line == line for e in result.cell_errors), (
            f"no error reported at cell {cell} line {line}: {result.cell_errors}"
        )
