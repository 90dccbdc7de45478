"""What a viewer may see of a submission and its result: one function for pages, API and polls."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from grader.result import GradingResult
from webapp.access import is_staff
from webapp.models import Assignment, GradingRun, Submission, User, utcnow
from webapp.policy import hours_late, late_credit


def after_due(assignment: Assignment) -> bool:
    """``after_due_date`` tests become visible to students once the deadline has passed."""
    return assignment.due_at is not None and utcnow() > assignment.due_at


def run_view(run: GradingRun, *, staff: bool, assignment: Assignment) -> dict[str, Any]:
    """The result of ``run`` as ``viewer`` may see it; students get ``student_view``, which
    folds hidden tests into a count and a score without names, inputs or messages."""
    result = GradingResult.from_dict(run.result)
    if staff:
        data = result.to_dict()
        data["hidden_summary"] = None
    else:
        data = result.student_view(after_due_date=after_due(assignment))
    return data


def submission_view(db: Session, user: User, submission: Submission) -> dict[str, Any]:
    """Status, score and the visible part of the current result (the API's and the page's JSON)."""
    assignment = submission.assignment
    staff = is_staff(db, user, assignment.course_id)
    run = submission.current_run
    credit = late_credit(assignment, submission.submitted_at)
    data: dict[str, Any] = {
        "id": submission.id,
        "exercise": assignment.exercise,
        "assignment_id": assignment.id,
        "filename": submission.filename,
        "submitted_at": submission.submitted_at.isoformat(),
        "status": submission.status,
        "attempts": submission.attempts,
        "late_hours": round(hours_late(assignment, submission.submitted_at), 2),
        "late_credit": 0.0 if credit is None else credit,
        "score": None,
        "max_score": None,
        "credited_score": None,
        "tests": [],
        "hidden_summary": None,
        "cell_errors": [],
        "load_error": None,
        "output_truncated": False,
        "message": None,
    }
    if submission.status == "error":
        data["message"] = (
            "Grading error, will retry automatically. This is not your fault."
            if submission.next_attempt_at is not None
            else "Grading failed repeatedly; your instructor has been asked to regrade."
        )
        if staff:
            data["error_detail"] = submission.error_message
    if run is not None:
        view = run_view(run, staff=staff, assignment=assignment)
        data.update(
            score=run.score,
            max_score=run.max_score,
            credited_score=run.score * data["late_credit"],
            graded_at=run.created_at.isoformat(),
            tests=view["tests"],
            hidden_summary=view["hidden_summary"],
            cell_errors=view["cell_errors"],
            load_error=view["load_error"],
            output_truncated=view["run"]["output_truncated"],
            verdict=view["run"]["verdict"],
            verdict_message=view["run"]["message"],
            student_output=view.get("student_output", ""),
            images=view.get("images", []) if run.artifacts else [],
            run_id=run.id,
        )
    return data
