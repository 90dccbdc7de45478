"""What the agent answers about real TensorFlow programs, in a real sandbox.

One sandboxed session per program (module-scoped), so TensorFlow starts once per program and
every test asks it one question, as the hidden tests of an exercise would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.checker import MissingName, SubmissionError
from grader.limits import Limits
from grader.session import AgentSession
from grader.submission_file import prepare

PROGRAMS = Path(__file__).resolve().parent / "programs"
pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def _session(sandbox: Any, name: str) -> Iterator[AgentSession]:
    path = PROGRAMS / name
    prepared = prepare(path.name, path.read_bytes())
    session = AgentSession.start(sandbox, prepared.payload, prepared.kind,
                                 Limits(wall_time_s=120))
    try:
        session.wait_loaded()
        yield session
    finally:
        session.finish()
        session.close()


@pytest.fixture(scope="module")
def tf1(bwrap_sandbox: Any) -> Iterator[AgentSession]:
    yield from _session(bwrap_sandbox, "tf1_trained_graph.py")


@pytest.fixture(scope="module")
def eager(bwrap_sandbox: Any) -> Iterator[AgentSession]:
    yield from _session(bwrap_sandbox, "eager_and_keras.py")


@pytest.fixture(scope="module")
def notebook(bwrap_sandbox: Any) -> Iterator[AgentSession]:
    yield from _session(bwrap_sandbox, "magics_and_errors.ipynb")


# --- TF1 graphs and sessions ------------------------------------------------------------------

def test_tensors_are_evaluated_in_the_students_open_session(tf1: AgentSession) -> None:
    (y,) = tf1.run_tensors(["y"], {"x": np.array([1.0, 2.0], np.float32)})
    np.testing.assert_allclose(y, [3.0, 6.0], atol=1e-3)  # trained w ≈ 3, not the initial 0


def test_tensor_names_accept_op_and_output_forms(tf1: AgentSession) -> None:
    first, second = tf1.run_tensors(["y", "y:0"], {"x:0": np.ones(2, np.float32)})
    np.testing.assert_array_equal(first, second)


def test_graph_ops_describe_placeholders_with_dtype_and_shape(tf1: AgentSession) -> None:
    ops = {op["name"]: op for op in tf1.graph_ops()}
    assert ops["x"]["type"] == "Placeholder"
    assert ops["x"]["outputs"][0] == {"name": "x:0", "dtype": "float32", "shape": [None]}
    assert ops["y"]["inputs"][1] == "x:0"
    np.testing.assert_array_equal(ops["c"]["attrs"]["value"], [1.0, 2.0])


def test_variables_have_their_trained_values(tf1: AgentSession) -> None:
    assert tf1.variables()["w"] == pytest.approx(3.0, abs=1e-3)


def test_graph_mode_datasets_are_read_through_an_iterator(tf1: AgentSession) -> None:
    batches = tf1.dataset("numbers", 10)
    assert [b.tolist() for b in batches] == [[0, 2, 4], [6, 8, 10], [12, 14, 16], [18]]


def test_symbolic_results_of_calls_are_evaluated(tf1: AgentSession) -> None:
    assert tf1.call("symbolic_sum", 2.0, 3.5) == 5.5


def test_get_evaluates_a_graph_tensor(tf1: AgentSession) -> None:
    np.testing.assert_array_equal(tf1.get("doubled"), [2.0, 4.0])


def test_unknown_tensors_are_reported_by_name(tf1: AgentSession) -> None:
    with pytest.raises(MissingName, match="`z`"):
        tf1.run_tensors(["z"])


# --- eager and Keras ----------------------------------------------------------------------------

def test_eager_tensors_come_back_as_arrays(eager: AgentSession) -> None:
    np.testing.assert_array_equal(eager.call("square", [1.0, -2.0]), [1.0, 4.0])


def test_dict_structured_dataset_elements(eager: AgentSession) -> None:
    elements = eager.dataset("pairs", 5)
    assert sorted(int(e["a"]) for e in elements) == [1, 2, 3]
    assert all(e["b"] == 10 * e["a"] for e in elements)


def test_datasets_made_by_a_function_with_arguments(eager: AgentSession) -> None:
    assert [int(v) for v in eager.dataset("make_dataset", 10, 3)] == [0, 1, 2, 0, 1, 2]


def test_methods_can_be_called_through_a_dotted_name(eager: AgentSession) -> None:
    prediction = eager.call("model.predict", np.array([[1.0, 2.0]], np.float32), verbose=0)
    np.testing.assert_allclose(prediction, [[3.0]])


def test_private_attributes_are_refused(eager: AgentSession) -> None:
    from grader.session import InfrastructureError

    with pytest.raises(InfrastructureError):
        eager.call("model.__class__")


def test_eager_variables_are_listed_by_name(eager: AgentSession) -> None:
    np.testing.assert_array_equal(eager.variables()["weight:0"], [[1.0, 2.0]])


def test_describe_tells_functions_datasets_and_models_apart(eager: AgentSession) -> None:
    assert eager.describe("divide")["parameters"] == ["a", "b"]
    assert eager.describe("pairs")["type"] == "dataset"
    assert eager.describe("model")["type"] == "keras_model"


def test_student_exceptions_carry_their_line(eager: AgentSession) -> None:
    with pytest.raises(SubmissionError) as info:
        eager.call("divide", 1, 0)
    assert info.value.ename == "ZeroDivisionError"
    assert "submission.py" in info.value.traceback and "line 18" in info.value.traceback


def test_unsupported_return_values_explain_what_to_return(eager: AgentSession) -> None:
    with pytest.raises(SubmissionError, match="cannot be returned"):
        eager.call("returns_object")


def test_tensorflow_shows_up_in_the_imported_modules(eager: AgentSession) -> None:
    assert "tensorflow" in eager.modules()


# --- notebooks ----------------------------------------------------------------------------------

def test_a_failing_cell_is_reported_with_its_cell_number_and_line(notebook: AgentSession) -> None:
    errors = notebook.cell_errors
    assert [(e.cell, e.line, e.ename) for e in errors] == [(4, 2, "NameError")]
    assert "undefined_name" in errors[0].traceback


def test_later_cells_still_run_after_a_failure_and_exit(notebook: AgentSession) -> None:
    assert notebook.get("after_exit") == 42


def test_magics_and_plots_work(notebook: AgentSession) -> None:
    assert notebook.call("f", 2) == 4


def test_package_installation_is_explained(notebook: AgentSession) -> None:
    assert any("cell 3" in note.lower() and "no network" in note for note in notebook.load.notes)
