"""Web platform benchmark on the embedded default (SQLite + local worker pool, real grader).

Measures, for the line_fitting reference solution:

1. latency: time from the upload (HTTP POST through the API) until the graded result can be
   shown, polled as the submission page does; sequential submissions, median reported;
2. throughput: N submissions posted at once, graded submissions per minute until all are done.

    .venv/bin/python bench/web_throughput.py [--latency-runs 5] [--batch 20] [--workers 2]

It starts its own server on a free port with a throwaway database and storage.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

from werkzeug.serving import make_server

from grader.exercise import PROJECT_ROOT
from webapp import create_app
from webapp.accounts import add_user, create_token, enroll, get_or_create_course
from webapp.db import session_scope, upgrade
from webapp.models import Assignment, utcnow

SOLUTION = PROJECT_ROOT / "solutions" / "line_fitting.py"


def post(url: str, token: str, path: Path) -> int:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="exercise"\r\n\r\nline_fitting\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: text/x-python\r\n\r\n"
    ).encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{url}/api/v1/submissions", data=body, method="POST")
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    with urllib.request.urlopen(request) as response:
        return int(json.loads(response.read())["id"])


def status(url: str, token: str, sid: int) -> dict:
    request = urllib.request.Request(f"{url}/api/v1/submissions/{sid}")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def wait_graded(url: str, token: str, sid: int, poll: float) -> dict:
    while True:
        data = status(url, token, sid)
        gave_up = data["status"] == "error" and "failed repeatedly" in (data["message"] or "")
        if data["status"] == "graded" or gave_up:
            return data
        time.sleep(poll)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency-runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--poll", type=float, default=0.1, help="status poll interval, seconds")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per poll

    storage = Path(tempfile.mkdtemp(prefix="tfgrader-bench-"))
    db_url = f"sqlite:///{storage / 'tfgrader.sqlite3'}"
    upgrade(db_url)
    app = create_app({"DATABASE_URL": db_url, "TFGRADER_STORAGE": str(storage),
                      "TFGRADER_QUEUE": "local", "TFGRADER_WORKERS": args.workers})
    with app.app_context(), session_scope(app) as db:
        course = get_or_create_course(db, "bench")
        user = add_user(db, "bench", role="student", password="bench-password")
        enroll(db, user, course)
        db.add(Assignment(course_id=course.id, exercise="line_fitting",
                          due_at=utcnow() + timedelta(days=1)))
        db.commit()
        token = create_token(db, user)
    queue = app.extensions["tfgrader_queue"]
    queue.start()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"

    latencies = []
    for _ in range(args.latency_runs):
        started = time.perf_counter()
        data = wait_graded(url, token, post(url, token, SOLUTION), args.poll)
        latencies.append(time.perf_counter() - started)
        assert data["score"] == data["max_score"], data
    print(f"latency submit -> graded result (line_fitting solution, {args.latency_runs} runs, "
          f"poll {args.poll}s): median {statistics.median(latencies):.2f} s, "
          f"min {min(latencies):.2f} s, max {max(latencies):.2f} s")

    started = time.perf_counter()
    ids = [post(url, token, SOLUTION) for _ in range(args.batch)]
    results = [wait_graded(url, token, sid, 0.5) for sid in ids]
    elapsed = time.perf_counter() - started
    full = sum(r["score"] == r["max_score"] for r in results)
    print(f"throughput: {args.batch} submissions with {args.workers} workers in {elapsed:.1f} s "
          f"= {args.batch / elapsed * 60:.1f} submissions/minute ({full} full marks)")
    server.shutdown()
    queue.stop()


if __name__ == "__main__":
    main()
