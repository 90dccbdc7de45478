"""Users, courses, enrollments and API tokens: the library behind `tfgrader user` and pages."""

from __future__ import annotations

import csv
import hashlib
import io
import secrets
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import ROLES, ApiToken, Course, Enrollment, User, utcnow

TOKEN_PREFIX = "tfg_"


class AccountError(ValueError):
    """A request about accounts that cannot be done, with the reason to show."""


def get_or_create_course(db: Session, name: str, title: str = "") -> Course:
    course = db.scalar(select(Course).where(Course.name == name))
    if course is None:
        course = Course(name=name, title=title or name)
        db.add(course)
        db.flush()
    return course


def enroll(db: Session, user: User, course: Course, role: str | None = None) -> Enrollment:
    """Put ``user`` in ``course`` (as instructor if their account is instructor or admin)."""
    role = role or ("student" if user.role == "student" else "instructor")
    enrollment = db.scalar(
        select(Enrollment).where(Enrollment.user_id == user.id, Enrollment.course_id == course.id)
    )
    if enrollment is None:
        enrollment = Enrollment(user=user, course=course, role=role)
        db.add(enrollment)
    else:
        enrollment.role = role
    db.flush()
    return enrollment


def add_user(
    db: Session,
    username: str,
    *,
    role: str = "student",
    password: str | None = None,
    course: str | None = None,
    full_name: str = "",
    email: str = "",
    update: bool = False,
) -> User:
    """Create (or with ``update``, change) an account and optionally enroll it; commits."""
    username = username.strip()
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        raise AccountError(f"invalid user name {username!r}: 1-80 characters, no spaces")
    if role not in ROLES:
        raise AccountError(f"invalid role {role!r}: use one of {', '.join(ROLES)}")
    user = db.scalar(select(User).where(User.username == username))
    if user is not None and not update:
        raise AccountError(f"user {username!r} already exists")
    if user is None:
        user = User(username=username)
        db.add(user)
    user.role = role
    if full_name:
        user.full_name = full_name
    if email:
        user.email = email
    if password:
        if len(password) < 8:
            raise AccountError("password too short: use at least 8 characters")
        user.set_password(password)
    db.flush()
    if course:
        enroll(db, user, get_or_create_course(db, course))
    db.commit()
    return user


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Session, user: User, name: str = "") -> str:
    """A new API token for ``user``; only its hash is stored, so it is shown this one time."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.add(ApiToken(user_id=user.id, token_hash=hash_token(token), name=name))
    db.commit()
    return token


def user_for_token(db: Session, token: str) -> User | None:
    api_token = db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if api_token is None or not api_token.user.active:
        return None
    api_token.last_used_at = utcnow()
    db.commit()
    return api_token.user


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    enrolled: list[str] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)
    """Generated passwords of new accounts whose row had none (to hand out once)."""
    errors: list[str] = field(default_factory=list)


def import_roster(db: Session, text: str, *, course: str) -> ImportReport:
    """Create and enroll the students of a CSV roster.

    Columns (header row required): ``username`` and optionally ``full_name``, ``email``,
    ``password``, ``role`` (student by default). Existing accounts are enrolled, not changed.
    Rows with problems are reported and skipped; the others are imported.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or "username" not in [f.strip() for f in reader.fieldnames]:
        raise AccountError("the roster needs a header row with a 'username' column")
    the_course = get_or_create_course(db, course)
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        username = row.get("username", "")
        role = row.get("role") or "student"
        if not username:
            report.errors.append(f"line {line}: empty username")
            continue
        user = db.scalar(select(User).where(User.username == username))
        try:
            if user is None:
                password = row.get("password") or secrets.token_urlsafe(9)
                user = add_user(
                    db,
                    username,
                    role=role,
                    password=password,
                    full_name=row.get("full_name", ""),
                    email=row.get("email", ""),
                )
                report.created.append(username)
                if not row.get("password"):
                    report.passwords[username] = password
            enroll(db, user, the_course)
            db.commit()
            report.enrolled.append(username)
        except AccountError as exc:
            db.rollback()
            report.errors.append(f"line {line}: {exc}")
    return report
