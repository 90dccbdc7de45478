"""``tfgrader worker``: a Celery worker that grades the submissions of one queue.

The worker is the web app without the web: it builds the same Flask app from the environment
(database, storage, exercises, sandbox) and runs :func:`webapp.jobs.run_grading_job` for each
message. Threads, not processes, run the jobs: grading is waiting on a sandbox, and the bwrap
engine wants the thread that started a run to outlive it.
"""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING, Any

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
    from webapp.queue import sweep_dead_runs

    app = create_app({"TFGRADER_QUEUE": "celery"})
    sweep_dead_runs(app)  # runs a killed earlier worker on this host left behind
    run_worker(app, queue=queue, concurrency=concurrency, loglevel=loglevel)


@click.command("regrade")
@click.option("--exercise", required=True, help="Exercise whose submissions are regraded.")
@click.option("--course", default=None, help="Only this course's submissions (its name).")
@click.option("--all", "all_", is_flag=True, help="Every submission (the default).")
@click.option("--since", type=click.DateTime(), default=None,
              help="Only submissions made since this date (UTC).")
@click.option("--local", is_flag=True, help="Grade here in a process pool, without any queue.")
@click.option("-j", "--jobs", type=int, default=2, show_default=True,
              help="Processes for --local.")
@click.option("--timeout", type=float, default=None, help="Stop waiting after this many seconds.")
def regrade(exercise: str, course: str | None, all_: bool, since: Any, local: bool, jobs: int,
            timeout: float | None) -> None:
    """Regrade every submission of an exercise; exit 0 when each one got a result."""
    from datetime import UTC

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from webapp import create_app
    from webapp.regrade import regrade as run_regrade

    if all_ and since is not None:
        raise click.UsageError("--all and --since exclude each other")
    app = create_app()
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]regrade {task.fields[exercise]}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} done · {task.fields[failed]} failed · "
                   "{task.fields[remaining]} remaining · {task.fields[rate]:.1f}/min"),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("regrade", total=None, exercise=exercise, failed=0, remaining=0,
                            rate=0.0)

        def show(p: Any) -> None:
            bar.update(task, total=p.total, completed=p.done, failed=p.failed,
                       remaining=p.remaining, rate=p.rate_per_min)

        report = run_regrade(
            app, exercise=exercise, course=course,
            since=since.replace(tzinfo=UTC) if since is not None else None,
            local_jobs=jobs if local else None, timeout=timeout, on_progress=show,
        )
    click.echo(f"{report.total} submissions: {report.graded} graded, {report.failed} failed, "
               f"{report.total - report.graded - report.failed} without a result, "
               f"in {report.seconds:.1f} s ({report.per_minute:.1f}/min)")
    up = [c for c in report.changes if (c.after or 0) > (c.before or 0)]
    down = [c for c in report.changes if (c.after or 0) < (c.before or 0)]
    click.echo(f"score changes: {len(up)} up, {len(down)} down, "
               f"{report.graded - len(report.changes)} unchanged")
    for change in sorted(report.changes, key=lambda c: (c.after or 0) - (c.before or 0))[:20]:
        before = "-" if change.before is None else f"{change.before:g}"
        after = "-" if change.after is None else f"{change.after:g}"
        click.echo(f"  #{change.submission_id} {change.user}: {before} -> {after}")
    if not report.complete:
        raise SystemExit(1)
