"""Batch regrade throughput, same run, same submissions: local process pool vs two Celery
workers (real grader, bwrap sandbox by default), and the time from killing a worker mid-grade to
that job's completion on the other worker.

    .venv/bin/python bench/regrade_throughput.py [-n 100] [-j 2] [--sandbox bwrap|container]

Needs PostgreSQL on localhost:5432 (a throwaway database is made and dropped) and Redis on
localhost:6379 (db 12, flushed). Prints submissions per minute for each mode and their ratio.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, select, text

from grader.exercise import PROJECT_ROOT
from webapp import create_app
from webapp.accounts import add_user, enroll, get_or_create_course
from webapp.db import session_scope, upgrade
from webapp.models import Assignment, Submission, User, utcnow
from webapp.regrade import regrade
from webapp.submissions import accept_submission

PG_ADMIN = "postgresql+psycopg://postgres@localhost:5432/postgres"
REDIS = "redis://localhost:6379/12"
SUBMISSIONS = [PROJECT_ROOT / "solutions" / "line_fitting.py"] + sorted(
    (PROJECT_ROOT / "tests" / "submissions" / "line_fitting").glob("*.py")
)


def make_data(app, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    with app.test_request_context(), session_scope(app) as db:
        course = get_or_create_course(db, "bench", "Bench")
        assignment = Assignment(
            course_id=course.id, exercise="line_fitting", title="Line fitting",
            opens_at=utcnow() - timedelta(days=1), due_at=utcnow() + timedelta(days=1),
        )  # fmt: skip
        db.add(assignment)
        teacher = add_user(db, "teacher", role="instructor", password="x" * 12)
        enroll(db, teacher, course)
        db.commit()
        user = db.scalar(select(User).where(User.username == "teacher"))
        ids = []
        for i in range(n):
            path = SUBMISSIONS[i % len(SUBMISSIONS)]
            ids.append(accept_submission(
                db, user=user, assignment=assignment, filename=path.name, data=path.read_bytes()
            ).id)  # fmt: skip
        return ids


def start_worker(env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    code = (
        "import sys; from webapp import create_app; from webapp.worker_cli import run_worker;"
        f"run_worker(create_app(), queue='cpu', concurrency=1, hostname='{name}@bench',"
        " loglevel='WARNING')"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("-j", type=int, default=2, help="local pool size = Celery workers")
    parser.add_argument("--sandbox", default="bwrap")
    args = parser.parse_args()

    name = f"tfgrader_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"postgresql+psycopg://postgres@localhost:5432/{name}"
    storage = Path(tempfile.mkdtemp(prefix="tfgrader-bench-"))
    env = {
        **os.environ, "DATABASE_URL": url, "TFGRADER_STORAGE": str(storage), "SECRET_KEY": "b",
        "TFGRADER_QUEUE": "celery", "CELERY_BROKER_URL": REDIS, "TFGRADER_SANDBOX": args.sandbox,
        "CELERY_VISIBILITY_TIMEOUT_S": "20", "CELERY_RESTORE_INTERVAL_S": "1",
        "TFGRADER_LEASE_S": "20",
    }  # fmt: skip
    os.environ.update(env)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        upgrade(url)
        app = create_app({"TFGRADER_QUEUE": "manual"})
        ids = make_data(app, args.n)

        report = regrade(app, exercise="line_fitting", local_jobs=args.j)
        local_rate = report.per_minute
        print(
            f"local pool -j {args.j}: {report.graded}/{report.total} graded in "
            f"{report.seconds:.1f} s = {local_rate:.1f} submissions/min"
        )

        from webapp.celery_queue import CeleryQueue

        app.extensions["tfgrader_queue"] = CeleryQueue(app)
        workers = [start_worker(env, f"w{i}") for i in range(args.j)]
        time.sleep(5)  # let both workers connect, so neither takes everything
        report = regrade(app, exercise="line_fitting", poll_s=0.5)
        celery_rate = report.per_minute
        print(
            f"celery x{args.j} workers: {report.graded}/{report.total} graded in "
            f"{report.seconds:.1f} s = {celery_rate:.1f} submissions/min"
        )
        print(f"celery / local: {celery_rate / local_rate:.2f}x")

        # Kill a worker while it grades one submission; time until another one finished it.
        sid = ids[0]
        with session_scope(app) as db:
            before = db.get(Submission, sid).current_run_id
        from webapp.instructor import request_regrade

        with session_scope(app) as db:
            request_regrade(db, [db.get(Submission, sid)])
        app.extensions["tfgrader_queue"].enqueue(sid)
        while True:
            with session_scope(app) as db:
                if db.get(Submission, sid).status == "running":
                    break
            time.sleep(0.05)
        # Which worker holds it is not known: kill them all, so the job surely lost its worker.
        for w in workers:
            w.send_signal(signal.SIGKILL)
        for w in workers:
            w.wait()
        killed = time.monotonic()
        workers.append(start_worker(env, "rescuer"))
        while True:
            with session_scope(app) as db:
                sub = db.get(Submission, sid)
                if sub.status == "graded" and sub.current_run_id != before:
                    break
            time.sleep(0.2)
        print(
            f"kill -> completed by a fresh worker: {time.monotonic() - killed:.1f} s "
            "(visibility timeout 20 s, lease 20 s, one grading)"
        )
    finally:
        for w in workers:
            if w.poll() is None:
                w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                w.wait(timeout=30)
            except subprocess.TimeoutExpired:
                w.kill()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
