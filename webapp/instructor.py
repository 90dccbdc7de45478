"""Instructor pages: gradebook, students, submissions, regrades, assignments, exercises, stats."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from webapp.access import (
    get_assignment_as_staff,
    get_course_as_staff,
    get_submission_for,
    is_staff,
    staff_courses,
)
from webapp.accounts import AccountError, import_roster
from webapp.db import get_db
from webapp.exercise_admin import (
    UploadError,
    install_exercise_zip,
    read_validation,
    validate_in_background,
)
from webapp.exercises import get_exercise, scan_exercises
from webapp.gradebook import (
    assignment_stats,
    build_gradebook,
    gradebook_csv,
    histogram_svg,
    score_changes,
)
from webapp.models import Assignment, Submission, User
from webapp.policy import counted_score, format_late_policy, parse_late_policy
from webapp.queue import get_queue
from webapp.results import submission_view

bp = Blueprint("instructor", __name__, url_prefix="/instructor")


@bp.before_request
@login_required
def _require_staff() -> None:
    if current_user.role not in ("instructor", "admin"):
        abort(403)


@bp.route("/")
def index() -> ResponseReturnValue:
    return render_template("instructor/index.html", courses=staff_courses(get_db(), current_user))


@bp.route("/courses/<int:course_id>")
def gradebook(course_id: int) -> ResponseReturnValue:
    db = get_db()
    course = get_course_as_staff(db, current_user, course_id)
    return render_template("instructor/gradebook.html", book=build_gradebook(db, course))


@bp.route("/courses/<int:course_id>/gradebook.csv")
def gradebook_export(course_id: int) -> ResponseReturnValue:
    db = get_db()
    course = get_course_as_staff(db, current_user, course_id)
    return Response(
        gradebook_csv(build_gradebook(db, course)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{course.name}-grades.csv"'},
    )


@bp.route("/courses/<int:course_id>/students/<int:user_id>")
def student(course_id: int, user_id: int) -> ResponseReturnValue:
    db = get_db()
    course = get_course_as_staff(db, current_user, course_id)
    user = db.get(User, user_id)
    if user is None:
        abort(404)
    rows = []
    for a in course.assignments:
        subs = list(
            db.scalars(
                select(Submission)
                .where(Submission.assignment_id == a.id, Submission.user_id == user.id)
                .order_by(Submission.submitted_at.desc())
            )
        )
        rows.append({"assignment": a, "submissions": subs, "counted": counted_score(a, subs)})
    return render_template("instructor/student.html", course=course, user=user, rows=rows)


@bp.route("/courses/<int:course_id>/roster", methods=["POST"])
def roster(course_id: int) -> ResponseReturnValue:
    db = get_db()
    course = get_course_as_staff(db, current_user, course_id)
    upload = request.files.get("roster")
    if upload is None or not upload.filename:
        flash(_("Choose a CSV file."), "error")
        return redirect(url_for("instructor.gradebook", course_id=course.id))
    try:
        text = upload.read().decode("utf-8-sig")
        report = import_roster(db, text, course=course.name)
    except (UnicodeDecodeError, AccountError) as exc:
        flash(_("Roster not imported: %(error)s", error=str(exc)), "error")
        return redirect(url_for("instructor.gradebook", course_id=course.id))
    return render_template("instructor/roster_report.html", course=course, report=report)


def _parse_time(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _optional_int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def _fill_assignment(assignment: Assignment, form: dict[str, str]) -> None:
    """Apply the assignment form; raise ValueError with a message naming the bad field."""
    try:
        get_exercise(form.get("exercise", ""))
    except Exception as exc:
        raise ValueError(_("Exercise: %(error)s", error=str(exc))) from exc
    assignment.exercise = form["exercise"]
    assignment.title = form.get("title", "").strip()
    try:
        assignment.opens_at = _parse_time(form.get("opens_at", ""))
        assignment.due_at = _parse_time(form.get("due_at", ""))
    except ValueError as exc:
        raise ValueError(_("Dates: use YYYY-MM-DD HH:MM (UTC).")) from exc
    try:
        assignment.late_policy = parse_late_policy(form.get("late_policy", ""))
    except ValueError as exc:
        raise ValueError(_("Late policy: %(error)s", error=str(exc))) from exc
    try:
        assignment.max_per_day = _optional_int(form.get("max_per_day", ""))
        assignment.cooldown_minutes = _optional_int(form.get("cooldown_minutes", ""))
    except ValueError as exc:
        raise ValueError(_("Limits must be whole numbers.")) from exc
    policy = form.get("score_policy", "best")
    if policy not in ("best", "last"):
        raise ValueError(_("Score policy must be best or last."))
    assignment.score_policy = policy


@bp.route("/courses/<int:course_id>/assignments/new", methods=["GET", "POST"])
@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
def edit_assignment(course_id: int | None = None, assignment_id: int | None = None):  # type: ignore[no-untyped-def]
    db = get_db()
    if assignment_id is not None:
        assignment = get_assignment_as_staff(db, current_user, assignment_id)
        course = assignment.course
    else:
        assert course_id is not None
        course = get_course_as_staff(db, current_user, course_id)
        assignment = Assignment(course_id=course.id, late_policy=[], score_policy="best")
    if request.method == "POST":
        try:
            _fill_assignment(assignment, request.form.to_dict())
            if assignment.id is None:
                db.add(assignment)
            db.commit()
        except ValueError as exc:
            db.rollback()
            flash(str(exc), "error")
        except Exception:
            db.rollback()
            flash(_("This course already has an assignment for that exercise."), "error")
        else:
            flash(_("Assignment saved."), "success")
            return redirect(url_for("instructor.assignment", assignment_id=assignment.id))
    return render_template(
        "instructor/assignment_form.html",
        course=course,
        assignment=assignment,
        exercises=[e for e in scan_exercises() if e.exercise is not None],
        late_policy=format_late_policy(assignment.late_policy or []),
    )


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int) -> ResponseReturnValue:
    db = get_db()
    the_assignment = get_assignment_as_staff(db, current_user, assignment_id)
    stats = assignment_stats(db, the_assignment)
    submissions = list(
        db.scalars(
            select(Submission)
            .where(Submission.assignment_id == the_assignment.id)
            .order_by(Submission.submitted_at.desc())
            .limit(200)
        )
    )
    return render_template(
        "instructor/assignment.html",
        assignment=the_assignment,
        stats=stats,
        histogram=Markup(histogram_svg(stats.histogram)),  # noqa: S704 - numbers only
        submissions=submissions,
        changes=score_changes(db, the_assignment),
    )


def request_regrade(db: Session, submissions: list[Submission]) -> tuple[list[int], int]:
    """Put submissions back in the queue, keeping their history; running ones are left to finish.
    Returns the ids to enqueue (after the commit) and how many were skipped."""
    ids = [s.id for s in submissions if s.status != "running"]
    if ids:
        db.execute(
            update(Submission)
            .where(Submission.id.in_(ids), Submission.status != "running")
            .values(
                status="queued",
                attempts=0,
                next_attempt_at=None,
                error_message=None,
                claim_token=None,
                claimed_until=None,
            )
            .execution_options(synchronize_session=False)
        )
    db.commit()
    return ids, len(submissions) - len(ids)


@bp.route("/submissions/<int:submission_id>/regrade", methods=["POST"])
def regrade_submission(submission_id: int) -> ResponseReturnValue:
    db = get_db()
    submission = get_submission_for(db, current_user, submission_id)
    if not is_staff(db, current_user, submission.assignment.course_id):
        abort(403)
    ids, skipped = request_regrade(db, [submission])
    for sid in ids:
        get_queue().enqueue(sid)
    if skipped:
        flash(_("This submission is being graded right now; try again when it is done."), "error")
    else:
        flash(_("Regrade queued."), "success")
    return redirect(url_for("student.submission", submission_id=submission.id), 303)


@bp.route("/assignments/<int:assignment_id>/regrade", methods=["POST"])
def regrade_assignment(assignment_id: int) -> ResponseReturnValue:
    db = get_db()
    the_assignment = get_assignment_as_staff(db, current_user, assignment_id)
    subs = list(db.scalars(select(Submission).where(Submission.assignment_id == assignment_id)))
    ids, skipped = request_regrade(db, subs)
    for sid in ids:
        get_queue().enqueue(sid)
    flash(
        _("%(n)d submissions queued for regrading (%(skipped)d being graded now were skipped).",
          n=len(ids), skipped=skipped),
        "success",
    )
    return redirect(url_for("instructor.assignment", assignment_id=the_assignment.id), 303)


@bp.route("/submissions/<int:submission_id>")
def submission(submission_id: int) -> ResponseReturnValue:
    db = get_db()
    the_submission = get_submission_for(db, current_user, submission_id)
    if not is_staff(db, current_user, the_submission.assignment.course_id):
        abort(403)
    return render_template(
        "student/submission.html",
        submission=the_submission,
        view=submission_view(db, current_user, the_submission),
        staff=True,
    )


@bp.route("/exercises", methods=["GET", "POST"])
def exercises() -> ResponseReturnValue:
    if request.method == "POST":
        upload = request.files.get("archive")
        if upload is None or not upload.filename:
            flash(_("Choose a zip file."), "error")
        else:
            try:
                exercise = install_exercise_zip(current_app, upload.read())
            except UploadError as exc:
                flash(_("Exercise not installed: %(error)s", error=str(exc)), "error")
            else:
                validate_in_background(current_app._get_current_object(), exercise.name)  # type: ignore[attr-defined]
                flash(
                    _("Exercise %(name)s installed; validation is running.", name=exercise.name),
                    "success",
                )
        return redirect(url_for("instructor.exercises"), 303)
    entries = scan_exercises()
    reports = {e.name: read_validation(current_app, e.name) for e in entries}
    return render_template("instructor/exercises.html", entries=entries, reports=reports)


@bp.route("/exercises/<name>/validate", methods=["POST"])
def validate(name: str) -> ResponseReturnValue:
    if name not in {e.name for e in scan_exercises()}:
        abort(404)
    validate_in_background(current_app._get_current_object(), name)  # type: ignore[attr-defined]
    flash(_("Validation of %(name)s started; reload this page in a minute.", name=name), "success")
    return redirect(url_for("instructor.exercises"), 303)


