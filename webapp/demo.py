"""``tfgrader serve --demo``: a demo course with every exercise, an instructor and two students."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from webapp.accounts import add_user, enroll, get_or_create_course
from webapp.db import session_scope
from webapp.exercises import scan_exercises
from webapp.models import Assignment, User, utcnow

DEMO_COURSE = "demo"
DEMO_USERS = (("instructor", "instructor"), ("alice", "student"), ("bob", "student"))


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    password: str


def setup_demo(app: Flask) -> list[DemoLogin]:
    """Create (or refresh) the demo course and accounts; every call sets new passwords.

    Passwords are random rather than fixed so that a demo left running on a reachable host is
    not open to anyone who read the README.
    """
    logins = []
    with app.app_context(), session_scope(app) as db:
        course = get_or_create_course(db, DEMO_COURSE, "TensorFlow fundamentals (demo)")
        now = utcnow()
        existing = {a.exercise for a in course.assignments}
        for entry in scan_exercises(app):
            if entry.exercise is None or entry.name in existing:
                continue
            db.add(
                Assignment(
                    course_id=course.id,
                    exercise=entry.name,
                    title=entry.exercise.title_en,
                    opens_at=now - timedelta(days=1),
                    due_at=now + timedelta(days=14),
                    late_policy=[[24.0, 80.0], [72.0, 50.0]],
                    score_policy="best",
                )
            )
        db.commit()
        for username, role in DEMO_USERS:
            password = secrets.token_urlsafe(8)
            user = db.scalar(select(User).where(User.username == username))
            if user is None:
                user = add_user(
                    db, username, role=role, password=password, full_name=username.title()
                )
            else:
                user.set_password(password)
            enroll(db, user, course)
            db.commit()
            logins.append(DemoLogin(username, role, password))
    return logins
