"""What an exercise's test file sees: the ``@test`` decorator, outcomes, and the proxy type.

Tests are ordinary Python functions in ``exercises/<name>/tests/{public,hidden}.py``. They run in
the trusted grader process, never in the sandbox. Each receives a :class:`Submission`, a proxy
whose every method asks the sandboxed agent for *plain data* (numbers, strings, lists, dicts,
numpy arrays) and compares it with values only the test knows::

    @test(points=3, visibility="hidden", name="Fits a steep line / 拟合陡峭直线")
    def steep_line(sub: Submission) -> Outcome:
        a, b = sub.call("fit_line", x, y)
        ...
        return Partial(0.5, "a is close but b is off by 0.3")

A test passes when it returns ``None`` or ``True``; returns a fraction (``float`` in [0, 1]) or
:class:`Partial` for partial credit; fails with ``raise Fail("what to look at")`` or a plain
``assert`` (its message becomes the feedback). Errors in the student's code while a test calls
it surface as :class:`SubmissionError` and fail only that test.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from grader.result import CellError, Visibility


class Fail(Exception):
    """Raise in a test to fail it with feedback for the student."""


@dataclass(frozen=True)
class Partial:
    """Partial credit: ``fraction`` of the test's points, with feedback."""

    fraction: float
    message: str = ""


Outcome: TypeAlias = None | bool | float | Partial


class SubmissionError(Exception):
    """The student's code raised while answering a request (shown to the student)."""

    def __init__(self, message: str, *, ename: str = "", traceback: str = "") -> None:
        super().__init__(message)
        self.ename = ename
        self.traceback = traceback


class MissingName(SubmissionError):
    """The submission does not define a name the test needs."""


class AgentLost(Exception):
    """The sandboxed process is gone (crash, exit, timeout): remaining tests cannot run."""


@dataclass
class TestSpec:
    __test__ = False  # not a pytest test class

    func: Callable[[Submission], Outcome]
    name: str
    points: float
    visibility: Visibility
    number: str = ""


def test(
    *,
    points: float,
    name: str | None = None,
    visibility: str = "hidden",
) -> Callable[[Callable[[Submission], Outcome]], Callable[[Submission], Outcome]]:
    """Declare a graded test. The function keeps working as a plain function."""

    def decorate(func: Callable[[Submission], Outcome]) -> Callable[[Submission], Outcome]:
        func.__tfgrader_test__ = TestSpec(  # type: ignore[attr-defined]
            func=func,
            name=name or func.__name__.replace("_", " "),
            points=float(points),
            visibility=Visibility(visibility),
        )
        return func

    return decorate


class Submission(abc.ABC):
    """The student's code as the tests see it: a proxy that returns plain data only."""

    @property
    @abc.abstractmethod
    def kind(self) -> str:
        """``py`` or ``ipynb``."""

    @property
    @abc.abstractmethod
    def cell_errors(self) -> list[CellError]:
        """Exceptions raised while loading the script or running the notebook's cells."""

    @property
    @abc.abstractmethod
    def output(self) -> str:
        """What the submission printed so far (stdout and stderr, capped)."""

    @abc.abstractmethod
    def has(self, name: str) -> bool:
        """Whether the submission defines a top-level name."""

    @abc.abstractmethod
    def modules(self) -> list[str]:
        """Top-level modules imported in the sandbox (e.g. to see that TensorFlow was used)."""

    @abc.abstractmethod
    def describe(self, name: str) -> dict[str, Any]:
        """``{"type": "function" | "tensor" | "dataset" | ..., ...}`` describing a name."""

    @abc.abstractmethod
    def get(self, name: str) -> Any:
        """The value of a top-level name as plain data (tensors and variables evaluated)."""

    @abc.abstractmethod
    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call a top-level function with plain arguments; its result as plain data."""

    @abc.abstractmethod
    def graph_ops(self, graph: str | None = None) -> list[dict[str, Any]]:
        """Ops of the default graph (or a ``tf.Graph`` named ``graph``):
        ``[{"name", "type", "inputs": [tensor names], "outputs": [{"name", "dtype", "shape"}],
        "attrs": {...}}]``."""

    @abc.abstractmethod
    def run_tensors(
        self,
        fetches: Sequence[str],
        feed: dict[str, Any] | None = None,
        graph: str | None = None,
    ) -> list[Any]:
        """Evaluate tensors/ops of a TF1 graph by name (``"y"`` or ``"y:0"``) with a feed_dict
        keyed by tensor names, in the submission's session when it made one, else a new one."""

    @abc.abstractmethod
    def dataset(self, name: str, take: int, *args: Any) -> list[Any]:
        """First ``take`` elements of a ``tf.data.Dataset``: a top-level dataset, or the result of
        calling a top-level function named ``name`` with ``args``."""

    @abc.abstractmethod
    def variables(self, graph: str | None = None) -> dict[str, Any]:
        """Global variables by name with their current values (session or eager)."""

    @abc.abstractmethod
    def files(self) -> list[tuple[str, int]]:
        """(path, size) of regular files the submission wrote in its work dir."""

    @abc.abstractmethod
    def read_file(self, path: str, max_bytes: int = 8 << 20) -> bytes:
        """Bytes of a file the submission wrote (read on the host, symlinks refused)."""

    @abc.abstractmethod
    def inspect_artifacts(self, request: str, paths: Sequence[str], **params: Any) -> Any:
        """Open files the submission wrote with TensorFlow inside a *fresh* sandbox that holds
        those files and no student code, and return plain data. ``request`` is one of the
        agent's inspectors (e.g. ``checkpoint_variables``, ``saved_model_predict``)."""

    @abc.abstractmethod
    def add_image(self, title: str, png: bytes) -> None:
        """Attach a feedback picture (made on the trusted side) to the result."""
