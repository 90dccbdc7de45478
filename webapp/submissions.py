"""Accepting a submission: check the file, store it on disk, commit the row, then queue it.

Nothing is stored half-way: a file that fails a check is never written, and a file whose row
cannot be committed is removed again.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.access import is_staff
from webapp.models import Assignment, Submission, User, utcnow
from webapp.policy import submission_refusal
from webapp.queue import get_queue

EXTENSIONS = (".py", ".ipynb")


class SubmissionRejected(Exception):
    """A submission that was not accepted; ``message`` says why and what to do."""

    def __init__(self, message: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    suffix: str
    data: bytes


def check_file(filename: str, data: bytes, *, max_bytes: int) -> CheckedFile:
    """Reject what the grader could only fail on: wrong type, empty, too big, binary, bad JSON."""
    name = Path(filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise SubmissionRejected(
            _("Unsupported file type %(name)r: submit a Python file (.py) or a notebook (.ipynb).",
              name=name or "?")
        )
    if not data.strip():
        raise SubmissionRejected(_("The file %(name)s is empty.", name=name))
    if len(data) > max_bytes:
        raise SubmissionRejected(
            _("The file is too large (%(size)d KB); the limit is %(limit)d KB.",
              size=len(data) // 1024, limit=max_bytes // 1024),
            413,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionRejected(
            _("The file is not UTF-8 text (byte %(pos)d). Is it a binary file? Save it as "
              "UTF-8 and submit again.", pos=exc.start)
        ) from exc
    if "\x00" in text:
        raise SubmissionRejected(_("The file contains NUL bytes: it looks like a binary file."))
    if suffix == ".ipynb":
        try:
            notebook = nbformat.reads(text, as_version=4)
            nbformat.validate(notebook)
        except Exception as exc:  # nbformat raises many types on malformed structures
            first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SubmissionRejected(
                _("This is not a valid Jupyter notebook: %(error)s. Save it again from Jupyter "
                  "(File > Save) and submit the .ipynb file.", error=first_line[:200])
            ) from exc
    return CheckedFile(name, suffix, data)


def accept_submission(
    db: Session,
    *,
    user: User,
    assignment: Assignment,
    filename: str,
    data: bytes,
    now: datetime | None = None,
) -> Submission:
    """Check, store and queue one submission; raise :class:`SubmissionRejected` to refuse it."""
    now = now or utcnow()
    app = current_app
    checked = check_file(
        filename, data, max_bytes=app.config["TFGRADER_MAX_SUBMISSION_KB"] * 1024
    )
    if not is_staff(db, user, assignment.course_id):
        previous = list(
            db.scalars(
                select(Submission.submitted_at).where(
                    Submission.assignment_id == assignment.id, Submission.user_id == user.id
                )
            )
        )
        refusal = submission_refusal(assignment, previous, now)
        if refusal:
            raise SubmissionRejected(refusal, 403)

    relative = Path("submissions") / str(assignment.id) / str(user.id) / (
        f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}{checked.suffix}"
    )
    path = Path(app.config["TFGRADER_STORAGE"]) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(checked.data)
    os.replace(tmp, path)  # the file is complete before anything refers to it

    submission = Submission(
        assignment_id=assignment.id,
        user_id=user.id,
        filename=checked.filename,
        stored_path=str(relative),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        size=len(checked.data),
        submitted_at=now,
        status="queued",
    )
    db.add(submission)
    try:
        db.commit()
    except Exception:
        db.rollback()
        path.unlink(missing_ok=True)
        raise
    get_queue(app).enqueue(submission.id)  # only after the commit: the worker must see the row
    return submission
