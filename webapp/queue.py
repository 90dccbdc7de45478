"""Grading queues: how a committed submission reaches :func:`webapp.jobs.run_grading_job`.

The interface every queue implements (``TFGRADER_QUEUE`` picks one)::

    class Queue:
        def __init__(self, app: Flask) -> None: ...
        def enqueue(self, submission_id: int, delay: float = 0.0) -> None:
            '''Run the job for this submission (after ``delay`` seconds). Called only after the
            submission row is committed; calling it twice for one submission is harmless.'''
        def start(self) -> None:
            '''Begin working (``tfgrader serve`` calls it once): resume what a previous process
            left queued, waiting for a retry, or interrupted.'''
        def stop(self) -> None: ...

- ``local`` (:class:`LocalQueue`, the default): worker threads inside the server process.
- ``celery``: ``webapp.celery_queue.CeleryQueue``, imported only when selected. Its task calls
  ``run_grading_job(app, submission_id)`` inside the app and, when the outcome says
  ``retry_in``, retries the task with that countdown.
- ``inline``: runs the job in the caller's thread at once (tests, debugging); no retries.

The job function owns all database state (claims, leases, retries bookkeeping), so a queue only
has to deliver submission ids, at least once.
"""

from __future__ import annotations

import heapq
import importlib
import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from flask import Flask, current_app

from webapp.jobs import JobOutcome, pending_jobs, run_grading_job

log = logging.getLogger(__name__)

Job = Callable[[Flask, int], JobOutcome]


def sweep_dead_runs(app: Flask) -> None:
    """Clean what sandbox runs of a killed earlier process left behind (mounts, cgroups),
    before this process starts its own runs."""
    from grader.sandbox import SandboxError, make_sandbox

    try:
        removed = make_sandbox(app.config["TFGRADER_SANDBOX"]).sweep()
    except SandboxError as exc:
        log.warning("could not sweep stale sandbox runs: %s", exc)
        return
    if removed:
        log.info("removed %d stale sandbox run(s) of dead workers", removed)


class Queue(Protocol):
    def enqueue(self, submission_id: int, delay: float = 0.0) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class LocalQueue:
    """Worker threads of the server process, with delayed jobs for retries after backoff."""

    def __init__(self, app: Flask, workers: int | None = None, job: Job = run_grading_job):
        self.app = app
        self.workers = workers or int(app.config["TFGRADER_WORKERS"])
        self.job = job
        self._heap: list[tuple[float, int, int]] = []
        self._counter = itertools.count()
        self._queued: set[int] = set()
        self._busy = 0
        self._cond = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._stopping = False

    def enqueue(self, submission_id: int, delay: float = 0.0) -> None:
        with self._cond:
            if submission_id in self._queued:  # already waiting: the job would just skip
                return
            self._queued.add(submission_id)
            heapq.heappush(
                self._heap, (time.monotonic() + delay, next(self._counter), submission_id)
            )
            self._cond.notify()
        self._ensure_threads()

    def start(self) -> None:
        """Start the workers and resume jobs: whatever was ``running`` died with the last
        process, so it is graded again (its unfinished run left no record)."""
        sweep_dead_runs(self.app)
        for submission_id, delay in pending_jobs(self.app, interrupted_are_lost=True):
            self.enqueue(submission_id, delay)
        self._ensure_threads()

    def stop(self, timeout: float = 10.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no job is due, waiting or running (tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._heap or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.05))
        return True

    def _ensure_threads(self) -> None:
        with self._cond:
            if self._threads or self._stopping:
                return
            for i in range(self.workers):
                thread = threading.Thread(
                    target=self._work, name=f"tfgrader-worker-{i}", daemon=True
                )
                thread.start()
                self._threads.append(thread)

    def _next(self) -> int | None:
        with self._cond:
            while not self._stopping:
                if self._heap:
                    due, _, submission_id = self._heap[0]
                    wait = due - time.monotonic()
                    if wait <= 0:
                        heapq.heappop(self._heap)
                        self._queued.discard(submission_id)
                        self._busy += 1
                        return submission_id
                    self._cond.wait(wait)
                else:
                    self._cond.wait()
            return None

    def _work(self) -> None:
        while (submission_id := self._next()) is not None:
            try:
                outcome = self.job(self.app, submission_id)
            except Exception:  # the job records its own failures; this is a database outage
                log.exception("grading job for submission %s failed", submission_id)
                outcome = JobOutcome("error", float(self.app.config["TFGRADER_RETRY_BASE_S"]))
            finally:
                with self._cond:
                    self._busy -= 1
                    self._cond.notify_all()
            if outcome.retry_in is not None and not self._stopping:
                self.enqueue(submission_id, outcome.retry_in)


class InlineQueue:
    """Grades in the caller's thread as soon as a submission is queued (tests, debugging)."""

    def __init__(self, app: Flask, job: Job = run_grading_job):
        self.app = app
        self.job = job
        self.outcomes: list[tuple[int, JobOutcome]] = []

    def enqueue(self, submission_id: int, delay: float = 0.0) -> None:
        self.outcomes.append((submission_id, self.job(self.app, submission_id)))

    def start(self) -> None:
        for submission_id, _delay in pending_jobs(self.app, interrupted_are_lost=True):
            self.enqueue(submission_id)

    def stop(self) -> None:
        pass


class ManualQueue:
    """Only remembers what was queued; tests run the jobs themselves, in the order they choose."""

    def __init__(self, app: Flask):
        self.app = app
        self.queued: list[int] = []

    def enqueue(self, submission_id: int, delay: float = 0.0) -> None:
        self.queued.append(submission_id)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


def make_queue(app: Flask) -> Queue:
    kind = app.config["TFGRADER_QUEUE"]
    if kind == "local":
        return LocalQueue(app)
    if kind == "inline":
        return InlineQueue(app)
    if kind == "manual":
        return ManualQueue(app)
    if kind == "celery":
        try:
            module = importlib.import_module("webapp.celery_queue")
        except ModuleNotFoundError as exc:
            if exc.name != "webapp.celery_queue":
                raise
            raise RuntimeError(
                "TFGRADER_QUEUE=celery, but webapp.celery_queue is not available"
            ) from exc
        queue: Queue = module.CeleryQueue(app)
        return queue
    raise RuntimeError(f"unknown TFGRADER_QUEUE {kind!r}: use local, celery, inline or manual")


def get_queue(app: Flask | None = None) -> Queue:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    queue: Queue = app.extensions["tfgrader_queue"]
    return queue


def init_app(app: Flask) -> None:
    app.extensions["tfgrader_queue"] = make_queue(app)
