"""Hidden and public tests: the API test files import, and the runner that scores them."""

from grader.checker.api import (
    AgentLost,
    Fail,
    MissingName,
    Outcome,
    Partial,
    Submission,
    SubmissionError,
    TestSpec,
    test,
)

__all__ = [
    "AgentLost",
    "Fail",
    "MissingName",
    "Outcome",
    "Partial",
    "Submission",
    "SubmissionError",
    "TestSpec",
    "test",
]
