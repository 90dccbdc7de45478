"""Who may see what: every page and API call asks these helpers, which answer 404 or 403.

A student sees only their own submissions; asking for someone else's answers 404, the same as a
submission that does not exist, so ids reveal nothing.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Assignment, Course, Enrollment, Submission, User


def course_role(db: Session, user: User, course_id: int) -> str | None:
    """``instructor``, ``student`` or None; admins are instructors of every course."""
    if user.is_admin:
        return "instructor"
    return db.scalar(
        select(Enrollment.role).where(
            Enrollment.user_id == user.id, Enrollment.course_id == course_id
        )
    )


def is_staff(db: Session, user: User, course_id: int) -> bool:
    return course_role(db, user, course_id) == "instructor"


def user_courses(db: Session, user: User) -> list[Course]:
    if user.is_admin:
        return list(db.scalars(select(Course).order_by(Course.name)))
    return list(
        db.scalars(
            select(Course)
            .join(Enrollment)
            .where(Enrollment.user_id == user.id)
            .order_by(Course.name)
        )
    )


def staff_courses(db: Session, user: User) -> list[Course]:
    return [c for c in user_courses(db, user) if is_staff(db, user, c.id)]


def get_course_as_staff(db: Session, user: User, course_id: int) -> Course:
    course = db.get(Course, course_id)
    if course is None:
        abort(404)
    if not is_staff(db, user, course.id):
        abort(403)
    return course


def get_assignment_for(db: Session, user: User, assignment_id: int) -> Assignment:
    assignment = db.get(Assignment, assignment_id)
    if assignment is None or course_role(db, user, assignment.course_id) is None:
        abort(404)
    return assignment


def get_assignment_as_staff(db: Session, user: User, assignment_id: int) -> Assignment:
    assignment = get_assignment_for(db, user, assignment_id)
    if not is_staff(db, user, assignment.course_id):
        abort(403)
    return assignment


def can_view_submission(db: Session, user: User, submission: Submission) -> bool:
    return submission.user_id == user.id or is_staff(
        db, user, submission.assignment.course_id
    )


def get_submission_for(db: Session, user: User, submission_id: int) -> Submission:
    submission = db.get(Submission, submission_id)
    if submission is None or not can_view_submission(db, user, submission):
        abort(404)
    return submission
