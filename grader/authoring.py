"""One annotated source per exercise generates the student starter and the reference solution.

``exercises/<name>/source.py`` is an ordinary, runnable Python file (it *is* the solution, so an
author can run and lint it) with three kinds of annotation:

* ``# %%`` starts a code cell and ``# %% [markdown]`` a markdown cell whose lines are comments
  (``# text``), as in Jupytext's *percent* format: the notebook is split there.
* ``### BEGIN SOLUTION`` ... ``### END SOLUTION``: kept in the solution; in the starter replaced by
  a TODO comment and ``raise NotImplementedError(...)`` at the same indentation (nbgrader's
  convention), so that a starter runs and scores zero instead of crashing the grader.
* ``### BEGIN STARTER`` ... ``### END STARTER``: lines written as comments (``# x = None``) that
  appear, uncommented, *only* in the starter, in place of the default raise of the solution block
  just before. Used where a raise would stop a module-level script too early.

Why generate instead of keeping three hand-written files: starter, notebook and solution drift
apart as soon as one is edited, and students then get a starter whose names differ from what the
tests call. ``tfgrader exercise build`` writes all three; a test checks they are up to date.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from grader.exercise import EXERCISES_DIR, SOLUTIONS_DIR

SOURCE_NAME = "source.py"
SCAFFOLD_MARK = "TFGRADER-SCAFFOLD"
"""Written into every file that ``exercise new`` creates, so validation names what is unfinished."""

_MARKER = re.compile(r"^(?P<indent>[ \t]*)### (?P<what>BEGIN|END) (?P<kind>SOLUTION|STARTER)\s*$")
_CELL = re.compile(r"^# %%(?P<rest>.*)$")
_DEFAULT_TODO = "# TODO: write your code here / 在此处编写代码"


class AuthoringError(Exception):
    """A source file whose annotations cannot be processed, with the line to look at."""


@dataclass
class Cell:
    kind: str  # "code" | "markdown"
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.lines).strip("\n")


@dataclass
class Built:
    """What one source generates: file contents keyed by their path."""

    starter_py: str
    starter_ipynb: str
    solution_py: str

    def files(self, exercise_dir: Path, solutions_dir: Path) -> dict[Path, str]:
        name = exercise_dir.name
        return {
            exercise_dir / "starter" / "starter.py": self.starter_py,
            exercise_dir / "starter" / "starter.ipynb": self.starter_ipynb,
            solutions_dir / f"{name}.py": self.solution_py,
        }


def _process(source: str, *, starter: bool, origin: str) -> str:
    """Resolve the SOLUTION/STARTER blocks for one audience; cell markers stay."""
    out: list[str] = []
    state = "plain"  # plain | solution | starter
    indent = ""
    pending_raise: list[str] | None = None  # default replacement waiting for a STARTER block
    for number, line in enumerate(source.splitlines(), start=1):
        match = _MARKER.match(line)
        if match is None:
            if state == "plain":
                if pending_raise is not None:
                    out.extend(pending_raise)
                    pending_raise = None
                out.append(line)
            elif state == "solution" and not starter:
                out.append(line)
            elif state == "starter" and starter:
                out.append(_uncomment(line, indent, origin, number))
            continue
        what, kind = match["what"], match["kind"]
        if what == "BEGIN":
            if state != "plain":
                raise AuthoringError(f"{origin}:{number}: {kind} block opened inside a block")
            if kind == "SOLUTION" and pending_raise is not None:
                out.extend(pending_raise)
            if kind == "STARTER":
                pending_raise = None  # the STARTER block replaces the default raise
            state, indent = kind.lower(), match["indent"]
        else:
            if state != kind.lower():
                raise AuthoringError(f"{origin}:{number}: END {kind} without BEGIN {kind}")
            if kind == "SOLUTION" and starter:
                pending_raise = [
                    f"{indent}{_DEFAULT_TODO}",
                    f'{indent}raise NotImplementedError("not written yet / 尚未完成")',
                ]
            state = "plain"
    if state != "plain":
        raise AuthoringError(f"{origin}: {state.upper()} block is never closed")
    if pending_raise is not None:
        out.extend(pending_raise)
    return "\n".join(out).rstrip("\n") + "\n"


def _uncomment(line: str, indent: str, origin: str, number: int) -> str:
    stripped = line[len(indent):] if line.startswith(indent) else line.lstrip()
    if stripped.strip() == "#" or not stripped.strip():
        return ""
    if not stripped.startswith("# "):
        raise AuthoringError(f"{origin}:{number}: STARTER lines must be comments ('# code')")
    return indent + stripped[2:]


def split_cells(text: str) -> list[Cell]:
    """Cells of a percent-format script; text before the first marker is a code cell."""
    cells: list[Cell] = [Cell("code")]
    for line in text.splitlines():
        match = _CELL.match(line)
        if match:
            cells.append(Cell("markdown" if "[markdown]" in match["rest"] else "code"))
            continue
        cell = cells[-1]
        if cell.kind == "markdown":
            if line.startswith("# "):
                line = line[2:]
            elif line.strip() == "#":
                line = ""
        cell.lines.append(line)
    return [c for c in cells if c.text().strip()]


def to_notebook(text: str) -> str:
    """A valid nbformat v4 notebook (JSON text) from a percent-format script."""
    import nbformat
    from nbformat import v4

    notebook = v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for index, cell in enumerate(split_cells(text)):
        body = cell.text()
        made = v4.new_markdown_cell(body) if cell.kind == "markdown" else v4.new_code_cell(body)
        made.id = f"cell-{index}"  # stable ids, so a rebuild changes nothing
        notebook.cells.append(made)
    nbformat.validate(notebook)
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build_source(source: str, origin: str = SOURCE_NAME) -> Built:
    """Starter (.py, .ipynb) and solution texts from one annotated source text."""
    starter = _process(source, starter=True, origin=origin)
    solution = _process(source, starter=False, origin=origin)
    return Built(
        starter_py=starter,
        starter_ipynb=to_notebook(starter),
        solution_py=solution,
    )


def build_exercise(
    name: str,
    *,
    exercises_dir: Path | None = None,
    solutions_dir: Path | None = None,
    write: bool = True,
) -> dict[Path, str]:
    """Generate an exercise's starter and solution from ``source.py``; returns what changed
    (all files when ``write`` is false, for an up-to-date check that writes nothing)."""
    exercise_dir = (exercises_dir or EXERCISES_DIR) / name
    source_path = exercise_dir / SOURCE_NAME
    if not source_path.is_file():
        raise AuthoringError(f"{source_path} does not exist: every exercise is built from it")
    built = build_source(source_path.read_text(encoding="utf-8"), origin=str(source_path))
    files = built.files(exercise_dir, solutions_dir or SOLUTIONS_DIR)
    if not write:
        return files
    changed: dict[Path, str] = {}
    for path, content in files.items():
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        changed[path] = content
    return changed


def stale_outputs(
    name: str, *, exercises_dir: Path | None = None, solutions_dir: Path | None = None
) -> list[Path]:
    """Generated files that differ from what their source would produce now."""
    files = build_exercise(
        name, exercises_dir=exercises_dir, solutions_dir=solutions_dir, write=False
    )
    return [
        path
        for path, content in files.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != content
    ]


def buildable_exercises(exercises_dir: Path | None = None) -> list[str]:
    base = exercises_dir or EXERCISES_DIR
    return sorted(p.parent.name for p in base.glob(f"*/{SOURCE_NAME}"))


def build_exercises(
    names: list[str] | None = None,
    *,
    exercises_dir: Path | None = None,
    solutions_dir: Path | None = None,
) -> list[Path]:
    """Build the named exercises (all buildable ones when ``names`` is None); paths written."""
    written: list[Path] = []
    for name in names if names is not None else buildable_exercises(exercises_dir):
        written += build_exercise(name, exercises_dir=exercises_dir, solutions_dir=solutions_dir)
    return written


_NAME = re.compile(r"^[a-z][a-z0-9_]{1,48}$")


def new_exercise(
    name: str, *, exercises_dir: Path | None = None, solutions_dir: Path | None = None
) -> list[Path]:
    """Scaffold ``exercises/<name>/`` with every file, marked unfinished, then build it.

    The hidden test of the scaffold fails with a message naming the files to fill in, so
    ``tfgrader exercise validate`` stays red until the author has written the exercise.
    """
    if not _NAME.match(name):
        raise AuthoringError(
            f"{name!r} is not a valid exercise name: use lower case letters, digits and _"
        )
    base = exercises_dir or EXERCISES_DIR
    folder = base / name
    if folder.exists():
        raise AuthoringError(f"{folder} already exists")
    templates = _scaffold(name)
    written = []
    for relative, content in templates.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    written += list(
        build_exercise(name, exercises_dir=base, solutions_dir=solutions_dir).keys()
    )
    return written


def _scaffold(name: str) -> dict[str, str]:
    todo = f"{SCAFFOLD_MARK}: fill in exercises/{name}/"
    return {
        "exercise.toml": textwrap.dedent(f"""\
            # {todo}exercise.toml (titles, limits, required names), then remove this line.
            name = "{name}"
            title = {{ zh = "待定：{name}", en = "TODO: {name}" }}
            device = "cpu"
            topics = []
            required = ["answer"]

            [limits]
            wall_time_s = 60
            memory_mb = 2048
            """),
        "statement.zh.md": f"# 待定：{name}\n\n<!-- {todo}statement.zh.md -->\n",
        "statement.en.md": f"# TODO: {name}\n\n<!-- {todo}statement.en.md -->\n",
        SOURCE_NAME: textwrap.dedent(f'''\
            # {todo}source.py, then run `tfgrader exercise build {name}`.
            # %% [markdown]
            # # TODO: {name}
            #
            # Describe the task here (the notebook shows this cell).

            # %%
            import tensorflow as tf


            def answer(x):
                """Return ... (say what and why)."""
                ### BEGIN SOLUTION
                return float(tf.reduce_sum(tf.constant(x, dtype=tf.float32)))
                ### END SOLUTION
            '''),
        "tests/public.py": textwrap.dedent(f'''\
            """Public tests for {name}: students run them with `tfgrader check`."""

            from grader.checker import Fail, Submission, test


            @test(points=1, visibility="visible", name="answer exists / 定义了 answer")
            def answer_exists(sub: Submission) -> None:
                if not sub.has("answer"):
                    raise Fail("Define a function named `answer`.")
            '''),
        "tests/hidden.py": textwrap.dedent(f'''\
            """Hidden tests for {name}."""

            from grader.checker import Fail, Submission, test


            @test(points=1, name="scaffold not filled in")
            def scaffold_not_filled_in(sub: Submission) -> None:
                # {SCAFFOLD_MARK}
                raise Fail(
                    "{todo}: this exercise is still the scaffold made by `tfgrader exercise "
                    "new`. Write exercise.toml, both statements, source.py and the tests, "
                    "then run `tfgrader exercise build {name}`."
                )
            '''),
    }
