"""A stand-in for grader.grading.grade in the web tests: fast, deterministic, no sandbox.

It decides from markers in the submitted file: ``CORRECT`` earns full marks, ``INFRA_ERROR``
is an infrastructure failure, ``CELL_ERROR`` reports an error in notebook cell 2, line 3.
Every test result carries a secret in its feedback so that leaks are easy to detect.
"""

from __future__ import annotations

import base64
import threading
from pathlib import Path

from grader.result import (
    CellError,
    FeedbackImage,
    GradingResult,
    RunInfo,
    Status,
    TestResult,
    Verdict,
    Visibility,
)

# 1x1 transparent PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
HIDDEN_SECRET = "SECRET-HIDDEN-INPUT-31337"
AFTER_DUE_SECRET = "AFTER-DUE-DETAIL-4242"

calls: list[Path] = []
_lock = threading.Lock()


def fake_grade(exercise, submission, *, sandbox=None, artifacts_dir=None, suite="all"):
    with _lock:
        calls.append(Path(submission))
    text = Path(submission).read_text(encoding="utf-8")
    if "INFRA_ERROR" in text:
        return GradingResult(
            exercise=exercise.name,
            submission=Path(submission).name,
            status=Status.ERROR,
            score=0,
            max_score=0,
            execution_time=0.1,
            output="",
            tests=[],
            run=RunInfo(verdict=Verdict.INTERNAL_ERROR, message="sandbox could not start"),
        )
    ok = "CORRECT" in text
    tests = [
        TestResult(
            "adds small numbers",
            4.0 if ok else 0.0,
            4.0,
            "passed" if ok else "failed",
            output="" if ok else "add(1, 2) returned -1, expected 3",
        ),
        TestResult(
            "big numbers",
            4.0 if ok else 0.0,
            4.0,
            "passed" if ok else "failed",
            output=f"checked with {HIDDEN_SECRET}",
            visibility=Visibility.HIDDEN,
        ),
        TestResult(
            "edge cases",
            2.0 if ok else 1.0,
            2.0,
            "passed" if ok else "failed",
            output=AFTER_DUE_SECRET,
            visibility=Visibility.AFTER_DUE_DATE,
        ),
    ]
    images = []
    if artifacts_dir is not None:
        (Path(artifacts_dir) / "fit.png").write_bytes(PNG)
        images.append(FeedbackImage(title="Your fit", filename="fit.png"))
    cell_errors = []
    if "CELL_ERROR" in text:
        cell_errors.append(
            CellError(
                cell=2,
                line=3,
                ename="NameError",
                evalue="name 'tf' is not defined",
                traceback="...",
            )
        )
    score = sum(t.score for t in tests)
    return GradingResult(
        exercise=exercise.name,
        submission=Path(submission).name,
        status=Status.GRADED,
        score=score,
        max_score=10.0,
        execution_time=0.1,
        output="",
        tests=tests,
        run=RunInfo(verdict=Verdict.FINISHED, output_truncated="TRUNCATE" in text),
        cell_errors=cell_errors,
        images=images,
        student_output="hello from the student",
    )
