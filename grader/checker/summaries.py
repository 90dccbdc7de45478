"""Collect the scalars a submission logged for TensorBoard, parsed on the trusted side."""

from __future__ import annotations

from grader.checker.api import Fail, Submission
from grader.checker.events import EventFileError, Scalars, merge, scalars

MAX_EVENT_FILES = 20


UNCLOSED = (" An event file ends in the middle of a record: the writer was not flushed or "
            "closed, so the last events never reached the file. Call writer.close().")


def logged_scalars(sub: Submission, logdir: str) -> tuple[dict[str, Scalars], str]:
    """Scalars by tag from every event file under ``logdir`` (a Fail if there is none), and a
    hint to add to feedback when a file was left unclosed ("" otherwise)."""
    folder = logdir.rstrip("/") + "/"
    paths = sorted(p for p, _ in sub.files() if p.startswith(folder) and "tfevents" in p)
    if not paths:
        raise Fail(f"No event file (events.out.tfevents.*) was written under {logdir!r}: "
                   "create the writer with that logdir.")
    parts = []
    hint = ""
    for path in paths[:MAX_EVENT_FILES]:
        try:
            found, truncated = scalars(sub.read_file(path, 16 << 20))
        except EventFileError as exc:
            raise Fail(f"{path} is not a readable event file ({exc}).") from None
        parts.append(found)
        hint = hint or (UNCLOSED if truncated else "")
    return merge(parts), hint


def series(found: dict[str, Scalars], tag: str, hint: str = "") -> Scalars:
    """The scalars of ``tag``, or a Fail listing the tags that were logged instead."""
    if tag in found:
        return found[tag]
    near = [t for t in found if t.lower().endswith(tag)]
    listed = ", ".join(repr(t) for t in sorted(found)) or "none"
    raise Fail(f"No scalar named {tag!r} was logged (tags found: {listed})."
               + (f" Name it exactly {tag!r}." if near else hint or
                  " Did you flush()/close() the writer? Events still queued are lost."))
