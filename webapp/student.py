"""Student pages: assignments, the exercise page with submit and editor, submissions, results."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from grader.exercise import ExerciseError
from webapp.access import get_assignment_for, get_submission_for, is_staff, user_courses
from webapp.db import get_db
from webapp.exercises import get_exercise
from webapp.i18n import current_language
from webapp.models import Assignment, Submission, utcnow
from webapp.policy import counted_score, late_credit, submission_refusal
from webapp.rendering import render_markdown
from webapp.results import submission_view
from webapp.submissions import SubmissionRejected, accept_submission

bp = Blueprint("student", __name__)


@bp.before_request
@login_required
def _require_login() -> None:
    """Every student page needs a logged-in user."""


def _own_submissions(assignment_id: int) -> list[Submission]:
    return list(
        get_db().scalars(
            select(Submission)
            .where(Submission.assignment_id == assignment_id, Submission.user_id == current_user.id)
            .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        )
    )


@bp.route("/assignments")
def index() -> ResponseReturnValue:
    db = get_db()
    courses = []
    for course in user_courses(db, current_user):
        rows = []
        for assignment in course.assignments:
            subs = _own_submissions(assignment.id)
            rows.append(
                {
                    "assignment": assignment,
                    "counted": counted_score(assignment, subs),
                    "count": len(subs),
                    "pending": any(s.status in ("queued", "running") for s in subs),
                }
            )
        staff = is_staff(db, current_user, course.id)
        courses.append({"course": course, "rows": rows, "staff": staff})
    return render_template("student/index.html", courses=courses)


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int) -> ResponseReturnValue:
    db = get_db()
    the_assignment = get_assignment_for(db, current_user, assignment_id)
    lang = request.args.get("statement") or current_language()
    try:
        exercise = get_exercise(the_assignment.exercise)
        statement = render_markdown(exercise.statement(lang))
        starters = [p.name for p in exercise.starter_files()]
        error = None
    except ExerciseError as exc:
        exercise, statement, starters, error = None, None, [], str(exc)
    subs = _own_submissions(the_assignment.id)
    refusal = None
    if not is_staff(db, current_user, the_assignment.course_id):
        refusal = submission_refusal(the_assignment, [s.submitted_at for s in subs], utcnow())
    starter_code = ""
    if exercise is not None:
        for path in exercise.starter_files():
            if path.suffix == ".py":
                starter_code = path.read_text(encoding="utf-8", errors="replace")
                break
    return render_template(
        "student/assignment.html",
        assignment=the_assignment,
        exercise=exercise,
        exercise_error=error,
        statement=statement,
        statement_lang=lang,
        starters=starters,
        submissions=subs,
        counted=counted_score(the_assignment, subs),
        refusal=refusal,
        credit_now=late_credit(the_assignment, utcnow()),
        starter_code=starter_code,
        max_kb=current_app.config["TFGRADER_MAX_SUBMISSION_KB"],
    )


@bp.route("/assignments/<int:assignment_id>/starter/<filename>")
def starter(assignment_id: int, filename: str) -> ResponseReturnValue:
    the_assignment = get_assignment_for(get_db(), current_user, assignment_id)
    try:
        exercise = get_exercise(the_assignment.exercise)
    except ExerciseError:
        abort(404)
    for path in exercise.starter_files():
        if path.name == filename:  # only names listed by the exercise, never a path
            return send_file(path, as_attachment=True, download_name=path.name)
    abort(404)


@bp.route("/assignments/<int:assignment_id>/submit", methods=["POST"])
def submit(assignment_id: int) -> ResponseReturnValue:
    db = get_db()
    the_assignment: Assignment = get_assignment_for(db, current_user, assignment_id)
    upload = request.files.get("file")
    code = request.form.get("code")
    if upload is not None and upload.filename:
        filename, data = upload.filename, upload.read()
    elif code is not None:
        filename, data = "editor.py", code.replace("\r\n", "\n").encode("utf-8")
    else:
        flash(_("Choose a file to upload or write your code in the editor."), "error")
        return redirect(url_for("student.assignment", assignment_id=assignment_id))
    try:
        submission = accept_submission(
            db, user=current_user, assignment=the_assignment, filename=filename, data=data
        )
    except SubmissionRejected as exc:
        flash(exc.message, "error")
        return redirect(url_for("student.assignment", assignment_id=assignment_id)), 303
    return redirect(url_for("student.submission", submission_id=submission.id), 303)


@bp.route("/submissions/<int:submission_id>")
def submission(submission_id: int) -> ResponseReturnValue:
    db = get_db()
    the_submission = get_submission_for(db, current_user, submission_id)
    staff = is_staff(db, current_user, the_submission.assignment.course_id)
    return render_template(
        "student/submission.html",
        submission=the_submission,
        view=submission_view(db, current_user, the_submission),
        staff=staff,
    )


@bp.route("/submissions/<int:submission_id>/status.json")
def submission_status(submission_id: int) -> ResponseReturnValue:
    """What the submission page polls while grading runs."""
    db = get_db()
    the_submission = get_submission_for(db, current_user, submission_id)
    return jsonify(submission_view(db, current_user, the_submission))


@bp.route("/submissions/<int:submission_id>/result")
def submission_result(submission_id: int) -> ResponseReturnValue:
    """The result part of the submission page, fetched by the page once grading ends."""
    db = get_db()
    the_submission = get_submission_for(db, current_user, submission_id)
    staff = is_staff(db, current_user, the_submission.assignment.course_id)
    return render_template(
        "student/_result.html",
        submission=the_submission,
        view=submission_view(db, current_user, the_submission),
        staff=staff,
    )


@bp.route("/submissions/<int:submission_id>/file")
def submission_file(submission_id: int) -> ResponseReturnValue:
    the_submission = get_submission_for(get_db(), current_user, submission_id)
    path = Path(current_app.config["TFGRADER_STORAGE"]) / the_submission.stored_path
    return send_file(
        path, as_attachment=True, download_name=the_submission.filename, mimetype="text/plain"
    )


@bp.route("/submissions/<int:submission_id>/images/<int:run_id>/<filename>")
def feedback_image(submission_id: int, run_id: int, filename: str) -> ResponseReturnValue:
    the_submission = get_submission_for(get_db(), current_user, submission_id)
    run = next((r for r in the_submission.runs if r.id == run_id), None)
    if run is None or not run.artifacts:
        abort(404)
    names = {image["filename"] for image in run.result.get("images", [])}
    if filename not in names or "/" in filename or filename.startswith("."):
        abort(404)
    path = Path(current_app.config["TFGRADER_STORAGE"]) / run.artifacts / filename
    if not path.is_file():
        abort(404)
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if not mimetype.startswith("image/"):
        abort(404)
    return send_file(path, mimetype=mimetype)
