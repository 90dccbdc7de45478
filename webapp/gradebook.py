"""The gradebook: counted scores of every student for every assignment, its CSV and statistics."""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.models import Assignment, Course, Enrollment, GradingRun, Submission, User
from webapp.policy import CountedScore, counted_score
from webapp.rendering import format_score


@dataclass
class Gradebook:
    course: Course
    students: list[User]
    assignments: list[Assignment]
    cells: dict[tuple[int, int], CountedScore | None] = field(default_factory=dict)
    counts: dict[tuple[int, int], int] = field(default_factory=dict)

    def total(self, user: User) -> float:
        return sum(c.score for a in self.assignments if (c := self.cells.get((user.id, a.id))))


def course_students(db: Session, course: Course) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .join(Enrollment)
            .where(Enrollment.course_id == course.id, Enrollment.role == "student")
            .order_by(User.username)
        )
    )


def build_gradebook(db: Session, course: Course) -> Gradebook:
    students = course_students(db, course)
    assignments = list(course.assignments)
    book = Gradebook(course, students, assignments)
    subs = db.scalars(
        select(Submission)
        .where(Submission.assignment_id.in_([a.id for a in assignments]))
        .options(selectinload(Submission.current_run))
    )
    grouped: dict[tuple[int, int], list[Submission]] = defaultdict(list)
    for sub in subs:
        grouped[(sub.user_id, sub.assignment_id)].append(sub)
    for user in students:
        for a in assignments:
            own = grouped.get((user.id, a.id), [])
            book.cells[(user.id, a.id)] = counted_score(a, own)
            book.counts[(user.id, a.id)] = len(own)
    return book


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a spreadsheet recognises a formula (a tab or CR before one is skipped by some)."""


def csv_text(value: str) -> str:
    """A text cell that a spreadsheet shows as text: one that would start a formula gets a
    leading quote (OWASP's advice). Names reach the gradebook from roster imports, which copy
    what students typed elsewhere; ``=HYPERLINK(...)`` or ``=cmd|...`` would run on opening."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def gradebook_csv(book: Gradebook) -> str:
    """One row per student, one column per assignment (late credit applied), then the total:
    the shape LMS grade imports expect. Text cells go through :func:`csv_text`; scores are
    numbers and stay as they are."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["username", "full_name", "email", *[csv_text(a.exercise) for a in book.assignments],
         "total"]
    )
    for user in book.students:
        scores = [book.cells.get((user.id, a.id)) for a in book.assignments]
        writer.writerow(
            [
                csv_text(user.username),
                csv_text(user.full_name),
                csv_text(user.email),
                *[format_score(c.score) if c else "" for c in scores],
                format_score(book.total(user)),
            ]
        )
    return out.getvalue()


@dataclass
class AssignmentStats:
    students: int
    submitted: int
    submissions: int
    errors: int
    pending: int
    mean: float | None
    median: float | None
    max_score: float
    histogram: list[int]
    """Students per tenth of the maximum score (the last bin includes full marks)."""


def assignment_stats(db: Session, assignment: Assignment) -> AssignmentStats:
    book = build_gradebook(db, assignment.course)
    scores = [c for u in book.students if (c := book.cells.get((u.id, assignment.id)))]
    subs = list(db.scalars(select(Submission).where(Submission.assignment_id == assignment.id)))
    max_score = max((c.max_score for c in scores), default=0.0)
    histogram = [0] * 10
    for c in scores:
        share = c.score / max_score if max_score else 0.0
        histogram[min(9, int(share * 10))] += 1
    values = [c.score for c in scores]
    return AssignmentStats(
        students=len(book.students),
        submitted=len(scores),
        submissions=len(subs),
        errors=sum(s.status == "error" for s in subs),
        pending=sum(s.status in ("queued", "running") for s in subs),
        mean=statistics.fmean(values) if values else None,
        median=statistics.median(values) if values else None,
        max_score=max_score,
        histogram=histogram,
    )


def histogram_svg(histogram: list[int], *, width: int = 420, height: int = 160) -> str:
    """A bar chart as inline SVG (no JavaScript, no external library)."""
    top = max(histogram) or 1
    bar = width / len(histogram)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 30}" '
        f'width="{width}" height="{height + 30}" role="img" aria-label="score histogram">'
    ]
    for i, count in enumerate(histogram):
        h = height * count / top
        x = i * bar
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{height - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" '
            f'fill="#3b6fb6"><title>{i * 10}–{(i + 1) * 10}%: {count}</title></rect>'
        )
        if count:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{max(12, height - h - 3):.1f}" '
                f'font-size="11" text-anchor="middle">{count}</text>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height + 16}" font-size="10" '
            f'text-anchor="middle">{i * 10}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass
class ScoreChange:
    submission: Submission
    before: float
    after: float


def score_changes(db: Session, assignment: Assignment) -> list[ScoreChange]:
    """Submissions whose latest graded run scored differently from the graded run before it
    (what a regrade changed)."""
    changes = []
    subs = db.scalars(
        select(Submission)
        .where(Submission.assignment_id == assignment.id)
        .options(selectinload(Submission.runs))
        .order_by(Submission.id)
    )
    for sub in subs:
        graded: list[GradingRun] = [r for r in sub.runs if r.status == "graded"]
        if len(graded) >= 2 and graded[-1].score != graded[-2].score:
            changes.append(ScoreChange(sub, graded[-2].score, graded[-1].score))
    return changes
