"""Celery workers against the real Redis and PostgreSQL: routing, at-least-once delivery, and
exactly one current result per submission, even when a worker is SIGKILLed mid-grade."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from grader.exercise import PROJECT_ROOT
from tests.conftest import skip_or_fail
from tests.webapp.conftest import _empty_postgres, runs_of
from webapp.celery_queue import CeleryQueue
from webapp.models import GradingRun, Submission

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.slow]

REDIS_URL = "redis://localhost:6379/11"
"""A database of its own on the machine's Redis, flushed by every test."""
VISIBILITY_S = 4
LEASE_S = 4


@pytest.fixture
def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError as exc:
        skip_or_fail(f"Redis not reachable on localhost:6379 ({exc})")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture
def database_url(postgres_database: str) -> str:
    """PostgreSQL only: workers in other processes share it, as in production."""
    _empty_postgres(postgres_database)
    return postgres_database


@pytest.fixture
def app_config(app_config: dict[str, Any], redis_url: str) -> dict[str, Any]:
    return {
        **app_config,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_VISIBILITY_TIMEOUT_S": VISIBILITY_S,
        "CELERY_RESTORE_INTERVAL_S": 1,
        "TFGRADER_LEASE_S": LEASE_S,
    }


Workers = Callable[..., subprocess.Popen[bytes]]


@pytest.fixture
def workers(app: Any, app_config: dict[str, Any]) -> Iterator[Workers]:
    """Start real worker processes (``tests/scaleout/celery_worker.py``); all stopped after."""
    started: list[subprocess.Popen[bytes]] = []

    def _start(name: str, slow_s: float = 0.0, queue: str = "cpu") -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "TFGRADER_STORAGE": app.config["TFGRADER_STORAGE"],
            "TFGRADER_EXERCISES": app.config["TFGRADER_EXERCISES"],
            "SECRET_KEY": "test",
            "CELERY_BROKER_URL": app_config["CELERY_BROKER_URL"],
            "CELERY_VISIBILITY_TIMEOUT_S": str(VISIBILITY_S),
            "CELERY_RESTORE_INTERVAL_S": "1",
            "TFGRADER_LEASE_S": str(LEASE_S),
            "TFGRADER_RETRY_BASE_S": "0.5",
            "SLOW_GRADE_S": str(slow_s),
            "WORKER_QUEUE": queue,
            "TFGRADER_GPU": "1" if queue == "gpu" else "",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.scaleout.celery_worker", name],
            cwd=PROJECT_ROOT,
            env=env,
        )
        started.append(process)
        return process

    yield _start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_graded(db: Any, ids: list[int], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.expire_all()
        if all(db.get(Submission, sid).status == "graded" for sid in ids):
            return True
        time.sleep(0.2)
    return False


def graded_runs(db: Any, sid: int) -> list[GradingRun]:
    return [run for run in runs_of(db, sid) if run.status == "graded"]


def test_enqueue_routes_by_the_exercise_device(app: Any, store: Callable[[str], int]) -> None:
    queue = CeleryQueue(app)
    sid = store("correct.py")
    assert queue.queue_of(sid) == "cpu"  # toy_sum declares no device: cpu


def test_two_workers_grade_every_submission_exactly_once(
    app: Any, store: Callable[[str], int], db: Any, workers: Workers
) -> None:
    ids = [store("correct.py") for _ in range(4)] + [store("wrong.py")]
    queue = CeleryQueue(app)
    for sid in ids:
        queue.enqueue(sid)
        queue.enqueue(sid)  # delivered twice: still graded once
    workers("w1")
    workers("w2")
    assert wait_graded(db, ids, timeout=60)
    for sid in ids:
        runs = graded_runs(db, sid)
        assert len(runs) == 1
        assert db.get(Submission, sid).current_run_id == runs[0].id


def test_worker_killed_mid_grade_has_its_job_completed_by_another(
    app: Any, store: Callable[[str], int], db: Any, workers: Workers
) -> None:
    storage = Path(app.config["TFGRADER_STORAGE"])
    sid = store("correct.py")
    first = workers("doomed", slow_s=2.5)
    CeleryQueue(app).enqueue(sid)
    deadline = time.monotonic() + 60
    while not list(storage.glob(f"grading-*-{first.pid}")):
        assert time.monotonic() < deadline, "the first worker never started grading"
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    first.wait()
    workers("rescuer", slow_s=2.5)
    assert wait_graded(db, [sid], timeout=90)
    recovery = time.monotonic() - killed_at
    print(f"\nkill -> graded elsewhere: {recovery:.1f} s (visibility {VISIBILITY_S} s)")
    runs = graded_runs(db, sid)
    assert len(runs) == 1 and db.get(Submission, sid).current_run_id == runs[0].id
    rescuers = [p for p in storage.glob("grading-*") if not p.name.endswith(f"-{first.pid}")]
    assert rescuers, "the job was not graded by the second worker"
    assert db.scalar(select(Submission.status).where(Submission.id == sid)) == "graded"


def test_regrade_through_celery_survives_a_worker_dying_halfway(
    app: Any, store: Callable[[str], int], db: Any, workers: Workers
) -> None:
    import threading

    from webapp.regrade import RegradeReport, regrade

    storage = Path(app.config["TFGRADER_STORAGE"])
    ids = [store("correct.py") for _ in range(6)]
    app.extensions["tfgrader_queue"] = CeleryQueue(app)
    doomed = workers("doomed", slow_s=1.0)
    workers("survivor", slow_s=1.0)
    reports: list[RegradeReport] = []
    thread = threading.Thread(
        target=lambda: reports.append(regrade(app, exercise="toy_sum", timeout=120, poll_s=0.2))
    )
    thread.start()
    deadline = time.monotonic() + 60
    while len(list(storage.glob(f"grading-*-{doomed.pid}"))) < 2:  # halfway through its share
        assert time.monotonic() < deadline
        time.sleep(0.05)
    doomed.send_signal(signal.SIGKILL)
    thread.join(150)
    report = reports[0]
    assert report.complete and report.graded == 6
    for sid in ids:
        runs = graded_runs(db, sid)
        assert len(runs) == 1 and db.get(Submission, sid).current_run_id == runs[0].id
