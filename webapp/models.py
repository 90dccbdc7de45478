"""The platform's data: typed SQLAlchemy 2.0 models. Alembic (webapp/migrations) owns the schema.

Times are stored in UTC and always come back timezone-aware, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

ROLES = ("student", "instructor", "admin")
SUBMISSION_STATUSES = ("queued", "running", "graded", "error")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC; SQLite forgets the zone, so it is put back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {datetime: UTCDateTime()}


class User(UserMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="student")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="user")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Course(Base):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="course")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="course", order_by="Assignment.id"
    )


class Enrollment(Base):
    __tablename__ = "enrollment"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20), default="student")
    """``student`` or ``instructor`` in this course."""

    user: Mapped[User] = relationship(back_populates="enrollments")
    course: Mapped[Course] = relationship(back_populates="enrollments")


class Assignment(Base):
    """An exercise given in a course, with its dates and the rules for submitting and scoring."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("course_id", "exercise"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    exercise: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200), default="")
    opens_at: Mapped[datetime | None] = mapped_column(default=None)
    due_at: Mapped[datetime | None] = mapped_column(default=None)
    late_policy: Mapped[list[list[float]]] = mapped_column(JSON, default=list)
    """Steps ``[hours late, credit %]`` in increasing hours: a submission up to that many hours
    late earns that share of its score; later than the last step it is not accepted."""
    max_per_day: Mapped[int | None] = mapped_column(Integer, default=None)
    """At most this many submissions in any 24 hours (None: no limit)."""
    cooldown_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    """Minimum minutes between two submissions of one student (None: no cooldown)."""
    score_policy: Mapped[str] = mapped_column(String(10), default="best")
    """Which submission counts: ``best`` or ``last``."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    course: Mapped[Course] = relationship(back_populates="assignments")


class Submission(Base):
    """One uploaded file. It is on disk before this row is committed, and queued after."""

    __tablename__ = "submission"
    __table_args__ = (Index("ix_submission_assignment_user", "assignment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    """The name the student gave the file (shown back to them)."""
    stored_path: Mapped[str] = mapped_column(String(500))
    """Path of the file relative to the storage directory."""
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    """Grading tries for the current request (reset when a regrade is asked for)."""
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    """When status is ``error`` and another try is planned: not before this time."""
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    claim_token: Mapped[str | None] = mapped_column(String(64), default=None)
    """Which job run holds this submission while it is ``running`` (see :mod:`webapp.jobs`)."""
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    current_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("grading_run.id", use_alter=True, ondelete="SET NULL"), default=None
    )

    assignment: Mapped[Assignment] = relationship()
    user: Mapped[User] = relationship()
    current_run: Mapped[GradingRun | None] = relationship(foreign_keys=[current_run_id])
    runs: Mapped[list[GradingRun]] = relationship(
        foreign_keys="GradingRun.submission_id",
        back_populates="submission",
        order_by="GradingRun.id",
    )


class GradingRun(Base):
    """Every grading of a submission keeps one row; the submission points to the one that counts."""

    __tablename__ = "grading_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20))
    """``graded`` or ``error`` (an infrastructure failure, never a grade)."""
    reason: Mapped[str] = mapped_column(String(20), default="submit")
    """Why it ran: ``submit``, ``regrade`` or ``retry``."""
    score: Mapped[float] = mapped_column(Float, default=0.0)
    max_score: Mapped[float] = mapped_column(Float, default=0.0)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    """``GradingResult.to_dict()`` as the grader returned it (hidden tests included)."""
    artifacts: Mapped[str] = mapped_column(String(500), default="")
    """Folder of the feedback images, relative to the storage directory."""

    submission: Mapped[Submission] = relationship(
        foreign_keys=[submission_id], back_populates="runs"
    )


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the token: tokens are long random strings, so a fast hash is enough."""
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)

    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    success: Mapped[bool] = mapped_column(Boolean, default=False)
