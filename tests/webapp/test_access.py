"""A student never sees another student's submissions, nor any hidden test detail."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.webapp.conftest import PASSWORD, submit_file
from tests.webapp.fake_grader import AFTER_DUE_SECRET, HIDDEN_SECRET
from webapp.accounts import add_user, create_token
from webapp.models import Assignment, User, utcnow


def alice_submission(client, auth, course) -> int:
    auth.login("alice")
    response = submit_file(client, course["assignment_id"], "wrong.py")
    auth.logout()
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_student_cannot_open_another_students_submission(client, auth, course):
    sid = alice_submission(client, auth, course)
    auth.login("bob")
    for path in (
        f"/submissions/{sid}",
        f"/submissions/{sid}/status.json",
        f"/submissions/{sid}/result",
        f"/submissions/{sid}/file",
        f"/submissions/{sid}/images/1/fit.png",
    ):
        assert client.get(path).status_code == 404, path


def test_a_student_cannot_read_another_students_submission_through_the_api(
    app, client, auth, course, db
):
    sid = alice_submission(client, auth, course)
    token = create_token(db, db.scalar(select(User).where(User.username == "bob")))
    response = client.get(
        f"/api/v1/submissions/{sid}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404


def test_the_students_own_result_hides_hidden_test_details(client, auth, course):
    auth.login("alice")
    sid = (
        submit_file(client, course["assignment_id"], "wrong.py")
        .headers["Location"]
        .rsplit("/", 1)[1]
    )
    for path in (
        f"/submissions/{sid}",
        f"/submissions/{sid}/status.json",
        f"/submissions/{sid}/result",
    ):
        body = client.get(path).data
        assert HIDDEN_SECRET.encode() not in body and b"big numbers" not in body, path
        assert AFTER_DUE_SECRET.encode() not in body, path
    page = client.get(f"/submissions/{sid}").data
    assert b"2 hidden test(s)" in page and b"add(1, 2) returned -1" in page


def test_after_due_date_tests_appear_once_the_deadline_has_passed(client, auth, course, db):
    auth.login("alice")
    sid = (
        submit_file(client, course["assignment_id"], "wrong.py")
        .headers["Location"]
        .rsplit("/", 1)[1]
    )
    db.get(Assignment, course["assignment_id"]).due_at = utcnow() - timedelta(minutes=1)
    db.commit()
    data = client.get(f"/submissions/{sid}/status.json").get_json()
    assert [t["name"] for t in data["tests"]] == ["adds small numbers", "edge cases"]
    assert HIDDEN_SECRET not in str(data)


def test_the_instructor_sees_every_test(client, auth, course):
    sid = alice_submission(client, auth, course)
    auth.login("teacher")
    page = client.get(f"/submissions/{sid}").data
    assert HIDDEN_SECRET.encode() in page and b"Grading history" in page


def test_a_student_cannot_open_instructor_pages(client, auth, course):
    auth.login("alice")
    for path in (
        "/instructor/",
        f"/instructor/courses/{course['course_id']}",
        f"/instructor/courses/{course['course_id']}/gradebook.csv",
        f"/instructor/assignments/{course['assignment_id']}",
        "/instructor/exercises",
    ):
        assert client.get(path).status_code == 403, path
    assert (
        client.post(f"/instructor/assignments/{course['assignment_id']}/regrade").status_code == 403
    )


def test_a_student_of_another_course_cannot_see_the_assignment(client, auth, course, db):
    add_user(db, "carol", role="student", password=PASSWORD, course="other")
    auth.login("carol")
    assert client.get(f"/assignments/{course['assignment_id']}").status_code == 404
    response = submit_file(client, course["assignment_id"], "correct.py")
    assert response.status_code == 404


def test_an_instructor_of_another_course_cannot_see_its_gradebook(client, auth, course, db):
    add_user(db, "prof", role="instructor", password=PASSWORD, course="other")
    auth.login("prof")
    assert client.get(f"/instructor/courses/{course['course_id']}").status_code == 403
