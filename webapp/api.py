"""JSON API for scripts and ``tfgrader submit``; see docs/api.md. Authenticated by API token."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from webapp.access import get_submission_for, user_courses
from webapp.accounts import user_for_token
from webapp.auth import csrf
from webapp.db import get_db
from webapp.models import Assignment, User
from webapp.results import submission_view
from webapp.submissions import SubmissionRejected, accept_submission

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookies here: the bearer token is the proof


def _error(status: int, message: str) -> ResponseReturnValue:
    return jsonify(error=message, message=message), status


@bp.before_request
def _authenticate() -> ResponseReturnValue | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(401, "missing API token: send 'Authorization: Bearer <token>'")
    user = user_for_token(get_db(), token.strip())
    if user is None:
        return _error(401, "invalid or revoked API token")
    g.api_user = user
    return None


def _user() -> User:
    user: User = g.api_user
    return user


def _resolve_assignment(exercise: str, course: str | None) -> Assignment | ResponseReturnValue:
    db = get_db()
    courses = [c for c in user_courses(db, _user()) if course is None or c.name == course]
    matches = list(
        db.scalars(
            select(Assignment).where(
                Assignment.exercise == exercise,
                Assignment.course_id.in_([c.id for c in courses]),
            )
        )
    )
    if not matches:
        where = f"course {course!r}" if course else "your courses"
        return _error(404, f"no assignment for exercise {exercise!r} in {where}")
    if len(matches) > 1:
        return _error(400, f"exercise {exercise!r} is in several of your courses: add 'course'")
    return matches[0]


@bp.post("/submissions")
def create_submission() -> ResponseReturnValue:
    exercise = request.form.get("exercise", "").strip()
    upload = request.files.get("file")
    if not exercise or upload is None:
        return _error(400, "send multipart fields 'exercise' (exercise name) and 'file'")
    assignment = _resolve_assignment(exercise, request.form.get("course") or None)
    if not isinstance(assignment, Assignment):
        return assignment
    try:
        submission = accept_submission(
            get_db(),
            user=_user(),
            assignment=assignment,
            filename=upload.filename or "",
            data=upload.read(),
        )
    except SubmissionRejected as exc:
        return _error(exc.status_code, exc.message)
    return jsonify(id=submission.id, status=submission.status), 201


@bp.get("/submissions/<int:submission_id>")
def get_submission(submission_id: int) -> ResponseReturnValue:
    db = get_db()
    submission = get_submission_for(db, _user(), submission_id)
    return jsonify(submission_view(db, _user(), submission))


@bp.get("/assignments")
def list_assignments() -> ResponseReturnValue:
    db = get_db()
    return jsonify(
        assignments=[
            {
                "id": a.id,
                "course": course.name,
                "exercise": a.exercise,
                "title": a.title,
                "opens_at": a.opens_at.isoformat() if a.opens_at else None,
                "due_at": a.due_at.isoformat() if a.due_at else None,
            }
            for course in user_courses(db, _user())
            for a in course.assignments
        ]
    )


@bp.errorhandler(404)
def _not_found(_error_: Exception) -> ResponseReturnValue:
    return _error(404, "not found")


