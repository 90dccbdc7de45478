"""Run the submission once, the way the student ran it, and keep its namespace.

A ``.py`` file runs as ``__main__``; a notebook's code cells run in order in an IPython shell
(magics, ``!commands``, ``display``), and a failing cell is recorded with its number, line and
traceback while later cells still run, so the tests of working parts still earn points.
"""

from __future__ import annotations

import json
import re
import sys
import traceback
import types
from dataclasses import asdict, dataclass, field
from typing import Any

# The real path of the file, so that inspect/linecache find the source (AutoGraph needs it for
# tf.function) and tracebacks show the student's lines.
SUBMISSION_FILENAME = "/work/submission.py"


# IPython names a cell's code "<ipython-input-N-hash>" after its execution count N, which is not
# the cell number the student sees (markdown cells count there, empty cells are skipped here).
_CELL_FILE = re.compile(r'File "<ipython-input-(\d+)-[0-9a-f]+>", line (\d+)')
CELL_NUMBERS: dict[int, int] = {}
"""IPython execution count → the cell's 1-based position in the notebook."""


def student_locations(text: str) -> str:
    """Tracebacks with notebook frames named as the student counts: ``Cell 7, line 4``."""

    def replace(match: re.Match[str]) -> str:
        cell = CELL_NUMBERS.get(int(match.group(1)))
        return f"Cell {cell}, line {match.group(2)}" if cell else match.group(0)

    return _CELL_FILE.sub(replace, text)


@dataclass
class LoadReport:
    kind: str
    cell_errors: list[dict[str, Any]] = field(default_factory=list)
    load_error: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_message(self, names: list[str]) -> dict[str, Any]:
        data = asdict(self)
        data["names"] = names
        return data


def _error_record(
    exc: BaseException, cell: int | None, filename_prefix: str
) -> dict[str, Any]:
    """Describe ``exc`` for the student: the line in *their* code, not in ours."""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    own = [f for f in frames if f.filename.startswith(filename_prefix)]
    line = own[-1].lineno if own else getattr(exc, "lineno", None)
    student_frames = frames[next((i for i, f in enumerate(frames) if f in own), 0):]
    text = "".join(traceback.format_list(student_frames))
    text += "".join(traceback.format_exception_only(type(exc), exc))
    return {
        "cell": cell,
        "line": line,
        "ename": type(exc).__name__,
        "evalue": str(exc)[:2000],
        "traceback": student_locations(text)[-8000:],
    }


def load_script(source: str, namespace: dict[str, Any]) -> LoadReport:
    report = LoadReport(kind="py")
    module = types.ModuleType("__main__")
    module.__dict__.update(namespace)
    module.__file__ = SUBMISSION_FILENAME
    sys.modules["__main__"] = module
    try:
        code = compile(source, SUBMISSION_FILENAME, "exec")
        exec(code, module.__dict__)
    except SystemExit as exc:
        report.cell_errors.append(
            {
                **_error_record(exc, None, SUBMISSION_FILENAME),
                "evalue": f"sys.exit({exc.code!r}) was called: the rest of your script did "
                "not run. Remove exit calls from code that is graded.",
            }
        )
    except BaseException as exc:  # noqa: BLE001 - every student error is reported, not raised
        report.cell_errors.append(_error_record(exc, None, SUBMISSION_FILENAME))
    namespace.clear()
    namespace.update(module.__dict__)
    return report


def _shell() -> Any:
    from IPython.core.interactiveshell import InteractiveShell

    class GradingShell(InteractiveShell):  # type: ignore[misc]
        """A kernel-less shell: GUI event loops and exit() make no sense while grading."""

        def enable_gui(self, gui: Any = None) -> None:
            return None

        def ask_exit(self) -> None:
            return None

        def run_line_magic(self, magic_name: str, line: str, _stack_depth: int = 1) -> Any:
            # %tensorboard starts a web server (and takes seconds to fail without a network):
            # say it was skipped instead of printing TensorBoard's traceback.
            if magic_name in SKIPPED_LINE_MAGICS:
                print(SKIPPED_LINE_MAGICS[magic_name])
                return None
            # One more frame between the cell and the magic (%time reads the caller's locals).
            return super().run_line_magic(magic_name, line, _stack_depth + 1)

    return GradingShell.instance(colors="nocolor")


SKIPPED_LINE_MAGICS = {
    "tensorboard": "%tensorboard was skipped: no TensorBoard server runs while grading (the "
    "grader reads your event files itself).",
}

INSTALL_HINT = (
    "Installing packages is not possible while grading (no network): only the course's "
    "packages (TensorFlow, NumPy, Matplotlib) are available."
)


def load_notebook(text: str, namespace: dict[str, Any]) -> LoadReport:
    report = LoadReport(kind="ipynb")
    try:
        notebook = json.loads(text)
        cells = notebook["cells"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        report.load_error = f"This is not a valid Jupyter notebook: {exc}"
        return report
    code_cells = [c for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
    shell = _shell()
    for position, cell in enumerate(code_cells, start=1):
        index = int(cell.get("index", position))
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        if not source.strip():
            continue
        if _installs_packages(source):
            report.notes.append(f"Cell {index}: {INSTALL_HINT}")
        CELL_NUMBERS[shell.execution_count] = index
        result = shell.run_cell(source, store_history=True)
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            record = _error_record(error, index, "<ipython-input-")
            if isinstance(error, SystemExit):
                record["evalue"] = (
                    f"exit({error.code!r}) was called in this cell; later cells still ran."
                )
            report.cell_errors.append(record)
    namespace.clear()
    namespace.update(shell.user_ns)
    return report


def _installs_packages(source: str) -> bool:
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(("!pip", "%pip", "!conda", "%conda", "!apt")):
            return True
    return False
