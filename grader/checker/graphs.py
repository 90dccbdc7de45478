"""Helpers for tests of TF1-style graphs: find nodes and run them, with feedback that names the
usual cause when a node is missing (eager mode, a missing ``name=``, a graph never made default).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grader.checker.api import Fail, MissingName, Submission, SubmissionError

EAGER_HINT = (
    "`{name}` is an eager tensor, so it has no graph: this exercise builds a graph. Call "
    "tf.compat.v1.disable_eager_execution() right after importing TensorFlow."
)


def why_missing(sub: Submission, name: str, graph: str | None = None) -> str:
    """The most likely reason why no node ``name`` is in the submission's graph."""
    try:
        info = sub.describe(name)
    except SubmissionError:
        info = {}
    if info.get("type") == "tensor" and not info.get("symbolic", True):
        return EAGER_HINT.format(name=name)
    node = str(info.get("name", "")).split(":")[0]
    if graph and info.get("type") in ("tensor", "variable") and node == name:
        return (f"`{name}` exists, but not in the graph `{graph}`: create it inside "
                f"`with {graph}.as_default():`.")
    if info.get("type") in ("tensor", "variable") and info.get("name"):
        return (f"Your Python variable `{name}` holds the node {info['name']!r}: pass "
                f"name={name!r} when you create it.")
    where = f"the graph `{graph}`" if graph else "your graph"
    return (f"{where.capitalize()} has no node named {name!r}: create it"
            + (f" inside `with {graph}.as_default():`" if graph else "")
            + f" and pass name={name!r}.")


def find_op(sub: Submission, name: str, graph: str | None = None) -> dict[str, Any]:
    """The op named ``name`` as returned by ``graph_ops``, or a Fail saying what to fix.

    Like the agent's tensor lookup, it accepts the node held by the Python variable ``name``
    when that node lives in the name scope ``name/`` (``tf.math.polyval(c, x, name="y")``)."""
    ops = sub.graph_ops(graph)
    for op in ops:
        if op["name"] == name:
            return op
    try:
        held = str(sub.describe(name).get("name", "")).split(":")[0]
    except SubmissionError:
        held = ""
    if held.startswith(name + "/"):
        for op in ops:
            if op["name"] == held:
                return op
    raise Fail(why_missing(sub, name, graph))


def unwrap_identity(ops: list[dict[str, Any]], op: dict[str, Any]) -> dict[str, Any]:
    """The op that ``op`` renames when it is ``tf.identity(expr, name=...)`` (a common way to
    name a node built with operators), else ``op`` itself: judge types and edges on that."""
    by_name = {other["name"]: other for other in ops}
    for _ in range(len(ops)):
        if op["type"] != "Identity" or len(op["inputs"]) != 1:
            break
        inner = by_name.get(op["inputs"][0].split(":")[0])
        if inner is None:
            break
        op = inner
    return op


def run(
    sub: Submission,
    fetches: Sequence[str],
    feed: dict[str, Any] | None = None,
    graph: str | None = None,
) -> list[Any]:
    """``sub.run_tensors`` with the eager/missing-name hint instead of a bare 'not found'."""
    try:
        return sub.run_tensors(fetches, feed, graph)
    except MissingName:
        for name in [*fetches, *(feed or {})]:
            base = name.split(":")[0]
            if not any(op["name"] == base for op in sub.graph_ops(graph)):
                raise Fail(why_missing(sub, base, graph)) from None
        raise


CLOSED_SESSION = (
    "Your session `{name}` was already closed when the grader used it: a `with "
    "tf.compat.v1.Session() as {name}:` block (or {name}.close()) closes it, and its variables "
    "are lost. Create it at the top level with {name} = tf.compat.v1.Session() and keep it open."
)


def closed_session_hint(sub: Submission, name: str = "sess") -> str:
    """The closed-session message when the submission's ``name`` is a closed session, else "".

    With no open session the grader runs each request in a fresh one, so state (an assign, a
    counter) seems to vanish; this names the cause instead of the symptom."""
    try:
        info = sub.describe(name)
    except SubmissionError:
        return ""
    return CLOSED_SESSION.format(name=name) if info.get("closed") else ""


UNINITIALISED_MARKERS = ("uninitialized", "FailedPrecondition", "Could not find variable",
                         "Resource localhost/")


def known_cause(exc: SubmissionError) -> str:
    """What a TensorFlow error raised by the student's code usually means, or "" when it is not
    one of the common session mistakes (a closed session, uninitialised variables)."""
    text = str(exc)
    if "closed Session" in text:
        return CLOSED_SESSION.format(name="sess")
    uninitialised = any(marker in text for marker in UNINITIALISED_MARKERS) or (
        exc.ename in ("FailedPreconditionError", "NotFoundError") and "Variable" in text)
    if uninitialised:
        said = [line.strip() for line in text.splitlines()
                if any(m in line for m in ("uninitialized", "does not exist", "Could not find"))]
        return ("Your variables are not initialised in this session: run "
                "sess.run(tf.compat.v1.global_variables_initializer()) once after creating "
                "sess." + (f" TensorFlow said: {said[0][:300]}" if said else ""))
    return ""


def explain(exc: SubmissionError) -> str:
    """A student-facing reading of a TensorFlow error raised by the submission's code."""
    cause = known_cause(exc)
    if cause:
        return cause
    where = exc.traceback.splitlines() if exc.traceback else []
    # The student's frames (file, line, code), without the exception line repeated below.
    frames = "\n".join(line for line in where if line.startswith("  "))[-800:]
    return f"Your code raised {exc.ename or 'an error'}: {str(exc)[:600]}" + (
        f"\n{frames}" if frames else "")
