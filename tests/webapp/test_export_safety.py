"""What instructors download or load is safe to open: the gradebook CSV cannot run formulas in
a spreadsheet, and every response of the app carries the security headers."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from tests.webapp.conftest import submit_file
from webapp.models import GradingRun, User

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("name", FORMULAS)
def test_gradebook_csv_cells_never_start_a_formula(client, auth, course, db, name: str) -> None:
    """Names come from roster imports, which copy what students typed elsewhere; Excel and
    LibreOffice run a cell that starts with = + - @ (or a tab/CR before one) as a formula."""
    alice = db.scalar(select(User).where(User.username == "alice"))
    alice.full_name = name
    alice.email = name
    db.commit()
    auth.login("teacher")
    response = client.get(f"/instructor/courses/{course['course_id']}/gradebook.csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    row = next(r for r in rows if r["username"] == "alice")
    for column in ("full_name", "email"):
        assert row[column] == "'" + name  # kept readable, started with a quote
        assert row[column][0] not in "=+-@\t\r"


def test_gradebook_csv_scores_stay_numbers(client, auth, course) -> None:
    auth.login("teacher")
    response = client.get(f"/instructor/courses/{course['course_id']}/gradebook.csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    assert all(float(r["total"]) >= 0 for r in rows)


def test_every_page_carries_the_content_security_policy(app, client, auth, course, db) -> None:
    """Walk every GET route of the app (as the instructor, with real ids), plus a 404."""
    auth.login("alice")
    response = submit_file(client, course["assignment_id"], "correct.py")
    submission_id = int(response.headers["Location"].rsplit("/", 1)[1])
    auth.logout()
    auth.login("teacher")
    run = db.scalar(select(GradingRun).where(GradingRun.submission_id == submission_id))
    alice = db.scalar(select(User).where(User.username == "alice"))
    ids = {
        "assignment_id": course["assignment_id"], "course_id": course["course_id"],
        "submission_id": submission_id, "run_id": run.id if run else 1, "user_id": alice.id,
        "filename": "app.js", "code": "en", "path": "app.js",
    }
    urls = ["/does-not-exist", "/static/app.js"]
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            urls.append(_fill(rule.rule, ids))
    assert len(urls) > 20
    for url in urls:
        response = client.get(url)
        policy = response.headers.get("Content-Security-Policy", "")
        script_policy = policy.split("style-src")[0]  # inline styles are allowed, scripts not
        assert "default-src 'self'" in policy, (url, response.status_code)
        assert "'unsafe-inline'" not in script_policy, (url, response.status_code)
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url


def _fill(rule: str, ids: dict[str, object]) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), rule)
