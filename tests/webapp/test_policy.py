"""Assignment rules: late credit steps, submission limits, and which score counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from webapp.models import Assignment, GradingRun, Submission
from webapp.policy import counted_score, late_credit, parse_late_policy, submission_refusal

DUE = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def assignment(**kwargs) -> Assignment:
    defaults = dict(
        exercise="x", due_at=DUE, late_policy=[[24.0, 80.0], [72.0, 50.0]], score_policy="best"
    )
    return Assignment(**(defaults | kwargs))


def graded(sid: int, score: float, at: datetime, status: str = "graded") -> Submission:
    sub = Submission(id=sid, submitted_at=at, status=status)
    sub.current_run = (
        GradingRun(status="graded", score=score, max_score=10) if status == "graded" else None
    )
    return sub


@pytest.mark.parametrize(
    ("hours", "credit"),
    [(-1, 1.0), (0, 1.0), (1, 0.8), (24, 0.8), (25, 0.5), (72, 0.5), (73, None)],
)
def test_late_credit_follows_the_steps(hours, credit):
    assert late_credit(assignment(), DUE + timedelta(hours=hours)) == credit


def test_no_late_policy_means_no_late_submissions():
    assert late_credit(assignment(late_policy=[]), DUE + timedelta(minutes=1)) is None


def test_late_policy_text_is_parsed_and_sorted():
    assert parse_late_policy("72:50, 24:80") == [[24.0, 80.0], [72.0, 50.0]]


@pytest.mark.parametrize("text", ["24", "24:120", "-1:50", "a:b"])
def test_bad_late_policy_text_is_refused(text):
    with pytest.raises(ValueError):
        parse_late_policy(text)


def test_cannot_submit_before_the_assignment_opens():
    a = assignment(opens_at=DUE - timedelta(days=1))
    assert "opens" in submission_refusal(a, [], DUE - timedelta(days=2))


def test_cooldown_refuses_a_quick_second_submission():
    a = assignment(cooldown_minutes=10)
    now = DUE - timedelta(hours=1)
    assert "wait" in submission_refusal(a, [now - timedelta(minutes=3)], now)
    assert submission_refusal(a, [now - timedelta(minutes=11)], now) is None


def test_daily_maximum_counts_the_last_24_hours():
    a = assignment(max_per_day=2)
    now = DUE - timedelta(hours=1)
    assert submission_refusal(a, [now - timedelta(hours=1), now - timedelta(hours=2)], now)
    assert submission_refusal(a, [now - timedelta(hours=1), now - timedelta(hours=25)], now) is None


def test_best_policy_counts_the_highest_credited_score():
    subs = [
        graded(1, 6, DUE - timedelta(hours=2)),
        graded(2, 9, DUE - timedelta(hours=1)),
        graded(3, 7, DUE - timedelta(hours=3)),
    ]
    assert counted_score(assignment(), subs).submission_id == 2


def test_last_policy_counts_the_latest_graded_submission():
    subs = [
        graded(1, 9, DUE - timedelta(hours=2)),
        graded(2, 4, DUE - timedelta(hours=1)),
        graded(3, 0, DUE - timedelta(minutes=5), status="error"),
    ]
    counted = counted_score(assignment(score_policy="last"), subs)
    assert counted.submission_id == 2 and counted.score == 4


def test_late_credit_is_applied_to_the_counted_score():
    counted = counted_score(assignment(), [graded(1, 10, DUE + timedelta(hours=30))])
    assert counted.score == 5 and counted.late and counted.raw_score == 10


def test_infrastructure_errors_never_count_as_zero():
    assert counted_score(assignment(), [graded(1, 0, DUE, status="error")]) is None
