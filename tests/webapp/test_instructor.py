"""Instructor pages: gradebook, CSV, regrades with history, statistics, roster, assignments."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from tests.webapp.conftest import submit_file
from webapp.models import Assignment, GradingRun, Submission, User, utcnow


def submit_as(client, auth, user: str, assignment_id: int, name: str) -> int:
    auth.login(user)
    response = submit_file(client, assignment_id, name)
    auth.logout()
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_the_gradebook_shows_each_students_counted_score(client, auth, course):
    submit_as(client, auth, "alice", course["assignment_id"], "correct.py")
    submit_as(client, auth, "bob", course["assignment_id"], "wrong.py")
    auth.login("teacher")
    page = client.get(f"/instructor/courses/{course['course_id']}").data.decode()
    alice_row = page.split("alice</span>")[1].split("</tr>")[0]
    bob_row = page.split("bob</span>")[1].split("</tr>")[0]
    assert ">10<" in alice_row and ">1<" in bob_row


def test_late_work_is_marked_in_the_gradebook(client, auth, course, db):
    db.get(Assignment, course["assignment_id"]).due_at = utcnow() - timedelta(hours=1)
    db.commit()
    submit_as(client, auth, "alice", course["assignment_id"], "correct.py")
    auth.login("teacher")
    page = client.get(f"/instructor/courses/{course['course_id']}").data
    assert b"badge late" in page and b">8<" in page


def test_the_csv_export_has_one_row_per_student(client, auth, course):
    submit_as(client, auth, "alice", course["assignment_id"], "correct.py")
    submit_as(client, auth, "alice", course["assignment_id"], "wrong.py")
    auth.login("teacher")
    response = client.get(f"/instructor/courses/{course['course_id']}/gradebook.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    assert [(r["username"], r["toy_sum"], r["total"]) for r in rows] == [
        ("alice", "10", "10"),
        ("bob", "", "0"),
    ]


def test_a_regrade_keeps_the_history_and_shows_the_change(app, client, auth, course, db):
    sid = submit_as(client, auth, "alice", course["assignment_id"], "wrong.py")
    path = app.config["TFGRADER_STORAGE"] + "/" + db.get(Submission, sid).stored_path
    with open(path, "a") as f:  # as if the grader had changed its mind
        f.write("# CORRECT\n")
    auth.login("teacher")
    response = client.post(f"/instructor/submissions/{sid}/regrade")
    assert response.status_code == 303
    db.expire_all()
    runs = list(db.scalars(select(GradingRun).where(GradingRun.submission_id == sid)))
    assert [(r.reason, r.score) for r in runs] == [("submit", 1), ("regrade", 10)]
    assert db.get(Submission, sid).current_run_id == runs[-1].id
    assert b'<span class="delta up">+9</span>' in client.get(f"/submissions/{sid}").data
    assert (
        b"Score changes from regrades"
        in client.get(f"/instructor/assignments/{course['assignment_id']}").data
    )


def test_regrade_all_requeues_every_submission_of_the_assignment(client, auth, course, db):
    ids = [
        submit_as(client, auth, u, course["assignment_id"], "correct.py") for u in ("alice", "bob")
    ]
    auth.login("teacher")
    response = client.post(f"/instructor/assignments/{course['assignment_id']}/regrade")
    assert b"2 submissions queued" in client.get(response.headers["Location"]).data
    db.expire_all()
    counts = [len(db.get(Submission, sid).runs) for sid in ids]
    assert counts == [2, 2]


def test_assignment_statistics_draw_a_histogram(client, auth, course):
    submit_as(client, auth, "alice", course["assignment_id"], "correct.py")
    submit_as(client, auth, "bob", course["assignment_id"], "wrong.py")
    auth.login("teacher")
    page = client.get(f"/instructor/assignments/{course['assignment_id']}").data
    assert b"<svg" in page and b"<title>90\xe2\x80\x93100%: 1</title>" in page
    assert b"<title>10\xe2\x80\x9320%: 1</title>" in page


def test_the_per_student_page_lists_their_submissions(client, auth, course, db):
    sid = submit_as(client, auth, "alice", course["assignment_id"], "correct.py")
    alice = db.scalar(select(User).where(User.username == "alice"))
    auth.login("teacher")
    page = client.get(f"/instructor/courses/{course['course_id']}/students/{alice.id}").data
    assert f'/submissions/{sid}"'.encode() in page


def test_a_roster_upload_creates_and_enrolls_students(client, auth, course, db):
    auth.login("teacher")
    roster = "username,full_name,email\ncarol,Carol C,c@example.com\nalice,,\n,,\n"
    response = client.post(
        f"/instructor/courses/{course['course_id']}/roster",
        data={"roster": (io.BytesIO(roster.encode()), "roster.csv")},
        content_type="multipart/form-data",
    )
    assert b"1 accounts created, 2 enrolled" in response.data
    assert b"line 4: empty username" in response.data
    assert db.scalar(select(User).where(User.username == "carol")).full_name == "Carol C"


def test_an_instructor_creates_an_assignment(client, auth, course, db):
    db.delete(db.get(Assignment, course["assignment_id"]))
    db.commit()
    auth.login("teacher")
    response = client.post(
        f"/instructor/courses/{course['course_id']}/assignments/new",
        data={
            "exercise": "toy_sum",
            "due_at": "2030-01-01 12:00",
            "late_policy": "24:80, 48:60",
            "max_per_day": "5",
            "cooldown_minutes": "",
            "score_policy": "last",
        },
    )
    assert response.status_code == 302
    created = db.scalars(select(Assignment)).one()
    assert created.late_policy == [[24.0, 80.0], [48.0, 60.0]] and created.score_policy == "last"
    assert created.due_at.year == 2030 and created.max_per_day == 5


def test_a_bad_assignment_form_explains_the_problem(client, auth, course):
    auth.login("teacher")
    response = client.post(
        f"/instructor/assignments/{course['assignment_id']}/edit",
        data={"exercise": "toy_sum", "late_policy": "24", "score_policy": "best"},
    )
    assert b"Late policy: &#39;24&#39;: write steps as hours:percent" in response.data
