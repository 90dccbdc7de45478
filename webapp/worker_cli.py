"""``tfgrader worker``: a Celery worker that grades the submissions of one queue.

The worker is the web app without the web: it builds the same Flask app from the environment
(database, storage, exercises, sandbox) and runs :func:`webapp.jobs.run_grading_job` for each
message. Threads, not processes, run the jobs: grading is waiting on a sandbox, and the bwrap
engine wants the thread that started a run to outlive it.
"""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # Flask and Celery load only when the verb runs: `tfgrader grade` stays light
    from flask import Flask

QUEUES = ("cpu", "gpu")


def run_worker(
    app: Flask,
    *,
    queue: str = "cpu",
    concurrency: int = 2,
    hostname: str | None = None,
    loglevel: str = "INFO",
) -> None:
    """Serve ``queue`` until stopped (SIGTERM: finish the current jobs, then exit)."""
    if queue not in QUEUES:
        raise click.UsageError(f"unknown queue {queue!r}: use one of {', '.join(QUEUES)}")
    if queue == "gpu" and os.environ.get("TFGRADER_GPU") != "1":
        raise click.UsageError(
            "a gpu worker must run on a GPU machine and say so with TFGRADER_GPU=1 "
            "(the container engine then passes the GPU to GPU exercises)"
        )
    from webapp.celery_app import make_celery

    celery = app.extensions.get("tfgrader_celery") or make_celery(app)
    name = hostname or f"{queue}-{os.getpid()}@{socket.gethostname()}"
    celery.worker_main(
        [
            "worker",
            "--queues", queue,
            "--concurrency", str(concurrency),
            "--pool", "threads",
            "--hostname", name,
            "--loglevel", loglevel,
            "--without-gossip",
            "--without-mingle",
        ]
    )  # fmt: skip


@click.command("worker")
@click.option("--queue", type=click.Choice(QUEUES), default="cpu", show_default=True)
@click.option(
    "--concurrency",
    "-c",
    type=int,
    default=2,
    show_default=True,
    help="Submissions graded at the same time by this worker.",
)
@click.option("--loglevel", default="INFO", show_default=True)
def worker(queue: str, concurrency: int, loglevel: str) -> None:
    """Grade submissions from the Celery queue QUEUE (needs CELERY_BROKER_URL)."""
    from webapp import create_app

    app = create_app({"TFGRADER_QUEUE": "celery"})
    run_worker(app, queue=queue, concurrency=concurrency, loglevel=loglevel)
