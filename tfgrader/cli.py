"""The ``tfgrader`` command: a click group whose verbs each call one library function.

Web and queue verbs import Flask and Celery lazily so that ``tfgrader grade`` stays light.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click
from rich.console import Console

from grader.exercise import ExerciseError, find_exercise, list_exercises
from grader.result import Status

SANDBOX_CHOICE = click.Choice(["bwrap", "container"])


@click.group()
@click.version_option(package_name="tfgrader")
def cli() -> None:
    """tfgrader: sandboxed grading of TensorFlow exercises (scripts and notebooks)."""


def _exercise(name: str):  # type: ignore[no-untyped-def]
    try:
        return find_exercise(name)
    except ExerciseError as exc:
        raise click.UsageError(str(exc)) from exc


def _grade_and_print(
    exercise_name: str, submission: Path, output_format: str, sandbox_name: str | None,
    artifacts: Path | None, suite: str,
) -> None:
    from grader.grading import grade
    from grader.render import print_result
    from grader.sandbox import SandboxError, make_sandbox

    exercise = _exercise(exercise_name)
    try:
        sandbox = make_sandbox(sandbox_name)
    except SandboxError as exc:
        raise click.ClickException(str(exc)) from exc
    problems = sandbox.check()
    if problems:
        raise click.ClickException(
            f"the {sandbox.name} sandbox cannot run here: " + "; ".join(problems)
        )
    sandbox.sweep()
    artifacts_dir = artifacts or Path(tempfile.mkdtemp(prefix="tfgrader-feedback-"))
    result = grade(exercise, submission, sandbox=sandbox, artifacts_dir=artifacts_dir,
                   suite=suite)  # type: ignore[arg-type]
    if output_format == "json":
        data = result.to_dict()
        data["artifacts_dir"] = str(artifacts_dir)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print_result(result, Console(), artifacts_dir)
    if result.status == Status.ERROR:
        click.echo(f"infrastructure error: {result.run.message}", err=True)
        sys.exit(3)


@cli.command()
@click.option("--exercise", "-e", "exercise_name", required=True, help="Exercise name.")
@click.argument("submission", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@click.option("--sandbox", "sandbox_name", type=SANDBOX_CHOICE, default=None,
              help="Sandbox engine (default: $TFGRADER_SANDBOX or bwrap).")
@click.option("--artifacts", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where feedback pictures are written (default: a new temp dir).")
def grade(exercise_name: str, submission: Path, output_format: str, sandbox_name: str | None,
          artifacts: Path | None) -> None:
    """Grade SUBMISSION (.py or .ipynb) with the exercise's public and hidden tests.

    Exits 0 whenever a result was produced, whatever the score; 3 on infrastructure errors.
    """
    _grade_and_print(exercise_name, submission, output_format, sandbox_name, artifacts, "all")


@cli.command()
@click.option("--exercise", "-e", "exercise_name", required=True, help="Exercise name.")
@click.argument("submission", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@click.option("--sandbox", "sandbox_name", type=SANDBOX_CHOICE, default=None)
def check(exercise_name: str, submission: Path, output_format: str,
          sandbox_name: str | None) -> None:
    """Run only the public tests on SUBMISSION, as a student would before submitting."""
    _grade_and_print(exercise_name, submission, output_format, sandbox_name, None, "public")


@cli.group()
def exercise() -> None:
    """List, validate and author exercises."""


@exercise.command("list")
def exercise_list() -> None:
    """List the exercises with their titles and limits."""
    for item in list_exercises():
        click.echo(f"{item.name:28} {item.device}  {item.title_zh} / {item.title_en}")


@exercise.command("validate")
@click.argument("names", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Validate every exercise.")
@click.option("--sandbox", "sandbox_name", type=SANDBOX_CHOICE, default=None)
def exercise_validate(names: tuple[str, ...], all_: bool, sandbox_name: str | None) -> None:
    """Fail unless each reference solution scores full marks and each starter scores zero."""
    from grader.sandbox import make_sandbox
    from grader.validation import validate_exercise

    if not names and not all_:
        raise click.UsageError("name exercises or pass --all")
    exercises = list_exercises() if all_ else [_exercise(n) for n in names]
    sandbox = make_sandbox(sandbox_name)
    sandbox.sweep()
    failed = 0
    for item in exercises:
        report = validate_exercise(item, sandbox)
        scores = ", ".join(
            f"{label} {r.score:g}/{r.max_score:g} ({r.execution_time:.1f}s)"
            for label, r in report.results.items()
        )
        if report.ok:
            click.secho(f"✔ {item.name}: {scores}", fg="green")
        else:
            failed += 1
            click.secho(f"✘ {item.name}: {scores}", fg="red")
            for problem in report.problems:
                click.echo(f"    - {problem}")
    if failed:
        raise click.ClickException(f"{failed} of {len(exercises)} exercise(s) invalid")


@exercise.command("build")
@click.argument("names", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Build every exercise that has a source.py.")
def exercise_build(names: tuple[str, ...], all_: bool) -> None:
    """Generate starter.py, starter.ipynb and the solution from exercises/NAME/source.py."""
    from grader.authoring import AuthoringError, build_exercises

    if not names and not all_:
        raise click.UsageError("name exercises or pass --all")
    try:
        for path in build_exercises(list(names) or None):
            click.echo(f"wrote {path}")
    except AuthoringError as exc:
        raise click.ClickException(str(exc)) from exc


@exercise.command("new")
@click.argument("name")
def exercise_new(name: str) -> None:
    """Scaffold exercises/NAME/ with every file; validate fails until it is filled in."""
    from grader.authoring import AuthoringError, new_exercise

    try:
        for path in new_exercise(name):
            click.echo(f"created {path}")
    except AuthoringError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
def demo() -> None:
    """Grade the line_fitting reference solution and a broken submission, and print both."""
    from grader.exercise import PROJECT_ROOT

    for path in (
        PROJECT_ROOT / "solutions" / "line_fitting.py",
        PROJECT_ROOT / "tests" / "submissions" / "line_fitting" / "diverging_learning_rate.py",
    ):
        _grade_and_print("line_fitting", path, "table", None, None, "all")


from webapp.cli_commands import db, serve, submit, user  # noqa: E402  (Flask loads lazily)

cli.add_command(serve)
cli.add_command(db)
cli.add_command(user)
cli.add_command(submit)

from webapp.worker_cli import regrade, worker  # noqa: E402  (Celery loads when the verb runs)

cli.add_command(worker)
cli.add_command(regrade)


def main() -> None:
    cli(prog_name="tfgrader")


if __name__ == "__main__":
    main()
