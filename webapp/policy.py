"""Assignment rules as pure functions: when one may submit, late credit, which score counts.

Scores are stored raw (what the grader gave); the late credit and the best/last choice are
applied when the gradebook is read, so a changed policy applies to past submissions too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _

from webapp.models import Assignment, Submission


def hours_late(assignment: Assignment, at: datetime) -> float:
    if assignment.due_at is None or at <= assignment.due_at:
        return 0.0
    return (at - assignment.due_at).total_seconds() / 3600


def late_credit(assignment: Assignment, at: datetime) -> float | None:
    """Share of the score earned by a submission made at ``at``: 1.0 on time, the step's
    percentage when late, None when later than the last step (not accepted)."""
    late = hours_late(assignment, at)
    if late == 0:
        return 1.0
    for hours, percent in sorted(assignment.late_policy or []):
        if late <= hours:
            return float(percent) / 100
    return None


def validate_late_policy(steps: object) -> list[list[float]]:
    """Check and normalise ``[[hours, percent], ...]``; raise ValueError saying what is wrong."""
    if not isinstance(steps, list):
        raise ValueError("late policy must be a list of [hours late, credit %] pairs")
    result: list[list[float]] = []
    for step in steps:
        if not (isinstance(step, list | tuple) and len(step) == 2):
            raise ValueError(f"late policy step {step!r} is not a [hours late, credit %] pair")
        hours, percent = float(step[0]), float(step[1])
        if hours <= 0 or not 0 <= percent <= 100:
            raise ValueError(f"late policy step {step!r}: hours > 0 and 0 <= credit % <= 100")
        result.append([hours, percent])
    return sorted(result)


def parse_late_policy(text: str) -> list[list[float]]:
    """``"24:80, 72:50"`` (up to 24 h late: 80 %, up to 72 h: 50 %) as policy steps."""
    steps: list[list[float]] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        hours, sep, percent = part.partition(":")
        if not sep:
            raise ValueError(f"{part!r}: write steps as hours:percent, e.g. 24:80")
        steps.append([float(hours), float(percent)])
    return validate_late_policy(steps)


def format_late_policy(steps: Sequence[Sequence[float]]) -> str:
    return ", ".join(f"{h:g}:{p:g}" for h, p in steps)


def submission_refusal(
    assignment: Assignment, previous: Sequence[datetime], now: datetime
) -> str | None:
    """Why a student may not submit now (a message to show), or None when they may.

    ``previous`` are the times of the student's earlier submissions to this assignment.
    """
    if assignment.opens_at is not None and now < assignment.opens_at:
        return _("This assignment opens on %(date)s (UTC).",
                 date=assignment.opens_at.strftime("%Y-%m-%d %H:%M"))
    if late_credit(assignment, now) is None:
        return _("The deadline has passed and late submissions are no longer accepted.")
    if assignment.cooldown_minutes and previous:
        wait = max(previous) + timedelta(minutes=assignment.cooldown_minutes) - now
        if wait > timedelta(0):
            return _("Please wait %(minutes)d more minute(s) before submitting again.",
                     minutes=int(wait.total_seconds() // 60) + 1)
    if assignment.max_per_day:
        recent = [t for t in previous if t > now - timedelta(hours=24)]
        if len(recent) >= assignment.max_per_day:
            return _("You have used all %(n)d submissions allowed in 24 hours. Try again later.",
                     n=assignment.max_per_day)
    return None


@dataclass(frozen=True)
class CountedScore:
    """The score that goes into the gradebook for one student and one assignment."""

    score: float
    max_score: float
    submission_id: int
    raw_score: float
    credit: float
    late: bool


def counted_score(assignment: Assignment, submissions: Sequence[Submission]) -> CountedScore | None:
    """Best or last graded submission (by the assignment's policy), late credit applied.

    Submissions without a grade (queued, or an infrastructure error) are left out: an error is
    never a zero.
    """
    candidates: list[CountedScore] = []
    for sub in sorted(submissions, key=lambda s: (s.submitted_at, s.id)):
        run = sub.current_run
        if run is None or run.status != "graded":
            continue
        credit = late_credit(assignment, sub.submitted_at)
        credit = 0.0 if credit is None else credit
        candidates.append(
            CountedScore(
                score=run.score * credit,
                max_score=run.max_score,
                submission_id=sub.id,
                raw_score=run.score,
                credit=credit,
                late=hours_late(assignment, sub.submitted_at) > 0,
            )
        )
    if not candidates:
        return None
    if assignment.score_policy == "last":
        return candidates[-1]
    return max(candidates, key=lambda c: c.score)
