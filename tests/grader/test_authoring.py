"""One annotated source generates the starter (.py, .ipynb) and the reference solution."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

from grader.authoring import (
    SCAFFOLD_MARK,
    AuthoringError,
    build_source,
    buildable_exercises,
    new_exercise,
    split_cells,
    stale_outputs,
)
from grader.exercise import list_exercises, load_exercise

SOURCE = '''\
# %% [markdown]
# # Title
#
# Some text.

# %%
import math


def area(r):
    """Area of a circle."""
    ### BEGIN SOLUTION
    return math.pi * r * r
    ### END SOLUTION


# %%
### BEGIN SOLUTION
value = area(2)
### END SOLUTION
### BEGIN STARTER
# value = None  # TODO
### END STARTER
'''


def test_solution_keeps_the_solution_blocks_without_markers() -> None:
    solution = build_source(SOURCE).solution_py
    assert "return math.pi * r * r" in solution and "value = area(2)" in solution
    assert "BEGIN" not in solution and "value = None" not in solution


def test_starter_replaces_a_solution_block_by_an_indented_raise() -> None:
    starter = build_source(SOURCE).starter_py
    assert "math.pi * r * r" not in starter
    assert '    raise NotImplementedError("not written yet / 尚未完成")' in starter


def test_a_starter_block_replaces_the_default_raise_and_is_uncommented() -> None:
    starter = build_source(SOURCE).starter_py
    assert "\nvalue = None  # TODO\n" in starter
    assert "value = area(2)" not in starter
    assert starter.count("raise NotImplementedError") == 1


def test_starter_and_solution_are_valid_python() -> None:
    built = build_source(SOURCE)
    compile(built.starter_py, "starter.py", "exec")
    compile(built.solution_py, "solution.py", "exec")


def test_notebook_is_valid_nbformat_4_with_markdown_and_code_cells() -> None:
    notebook = nbformat.reads(build_source(SOURCE).starter_ipynb, as_version=4)
    nbformat.validate(notebook)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "code", "code"]
    assert notebook.cells[0].source == "# Title\n\nSome text."
    assert all(cell.source.strip() for cell in notebook.cells)


def test_text_before_the_first_marker_is_a_code_cell() -> None:
    cells = split_cells("import os\n# %% [markdown]\n# hi\n")
    assert [(c.kind, c.text()) for c in cells] == [("code", "import os"), ("markdown", "hi")]


@pytest.mark.parametrize("broken", [
    "### BEGIN SOLUTION\nx = 1\n",
    "x = 1\n### END SOLUTION\n",
    "### BEGIN SOLUTION\n### BEGIN SOLUTION\n",
    "### BEGIN STARTER\nx = 1\n### END STARTER\n",
])
def test_malformed_annotations_name_the_problem(broken: str) -> None:
    with pytest.raises(AuthoringError):
        build_source(broken)


def test_every_exercise_is_built_from_a_source() -> None:
    assert set(buildable_exercises()) == {e.name for e in list_exercises()}


@pytest.mark.parametrize("name", buildable_exercises())
def test_committed_starters_and_solutions_are_up_to_date(name: str) -> None:
    assert stale_outputs(name) == [], f"run `tfgrader exercise build {name}`"


def test_every_starter_notebook_is_valid(project_root: Path) -> None:
    for path in sorted(project_root.glob("exercises/*/starter/starter.ipynb")):
        nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


def test_new_scaffolds_every_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    exercises, solutions = tmp_path / "exercises", tmp_path / "solutions"
    written = new_exercise("my_topic", exercises_dir=exercises, solutions_dir=solutions)
    folder = exercises / "my_topic"
    for relative in ("exercise.toml", "statement.zh.md", "statement.en.md", "source.py",
                     "tests/public.py", "tests/hidden.py", "starter/starter.py",
                     "starter/starter.ipynb"):
        assert (folder / relative) in written, relative
    assert (solutions / "my_topic.py").is_file()
    assert load_exercise(folder).name == "my_topic"
    assert SCAFFOLD_MARK in (folder / "tests" / "hidden.py").read_text(encoding="utf-8")
    json.loads((folder / "starter" / "starter.ipynb").read_text(encoding="utf-8"))
    with pytest.raises(AuthoringError, match="already exists"):
        new_exercise("my_topic", exercises_dir=exercises, solutions_dir=solutions)


def test_new_refuses_names_that_are_not_identifiers(tmp_path: Path) -> None:
    with pytest.raises(AuthoringError, match="not a valid exercise name"):
        new_exercise("../evil", exercises_dir=tmp_path)


@pytest.mark.sandbox
@pytest.mark.slow
def test_a_fresh_scaffold_fails_validation_with_a_clear_message(
    tmp_path: Path, bwrap_sandbox: Any
) -> None:
    from grader.validation import validate_exercise

    new_exercise("my_topic", exercises_dir=tmp_path / "exercises",
                 solutions_dir=tmp_path / "solutions")
    report = validate_exercise(load_exercise(tmp_path / "exercises" / "my_topic"), bwrap_sandbox)
    assert not report.ok
    assert any("still the scaffold" in problem for problem in report.problems)
