"""MNIST offline: the shipped IDX files, and load_data() inside a real sandbox run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.agent.datasets import MNIST_FILES, read_idx
from grader.checker.data import disguise, mnist_test_set
from grader.exercise import DATA_DIR
from grader.limits import Limits
from grader.session import AgentSession
from grader.submission_file import prepare

PROGRAM = Path(__file__).resolve().parent / "programs" / "mnist_load_data.py"


def _expected() -> dict[str, Any]:
    folder = DATA_DIR / "mnist"
    arrays = {key: read_idx(str(folder / name)) for key, name in MNIST_FILES.items()}
    return {
        "shapes": [list(arrays[k].shape) for k in ("x_train", "y_train", "x_test", "y_test")],
        "train_slice_sha256": hashlib.sha256(arrays["x_train"][:100].tobytes()).hexdigest(),
        "test_labels_sha256": hashlib.sha256(arrays["y_test"].tobytes()).hexdigest(),
    }


def test_shipped_files_read_as_keras_shapes_and_dtypes() -> None:
    images, labels = mnist_test_set()
    assert images.shape == (10000, 28, 28) and images.dtype.name == "uint8"
    assert labels.shape == (10000,) and set(labels.tolist()) == set(range(10))
    assert _expected()["shapes"] == [[60000, 28, 28], [60000], [10000, 28, 28], [10000]]


def test_disguise_changes_every_image_but_keeps_it_recognisable() -> None:
    images, _ = mnist_test_set()
    disguised, permutation = disguise(images[:500], seed=1)
    original = images[:500][permutation].astype(int)
    assert not (disguised == images[:500][permutation]).all(axis=(1, 2)).any()
    assert abs(disguised.astype(int) - original).max() <= 2
    assert sorted(permutation.tolist()) == list(range(500))


@pytest.fixture(scope="module")
def loaded(bwrap_sandbox: Any) -> Iterator[AgentSession]:
    prepared = prepare(PROGRAM.name, PROGRAM.read_bytes())
    session = AgentSession.start(bwrap_sandbox, prepared.payload, prepared.kind,
                                 Limits(wall_time_s=120, memory_mb=3072), data=["mnist"])
    try:
        load = session.wait_loaded()
        assert not load.cell_errors, load.cell_errors
        yield session
    finally:
        session.finish()
        session.close()


@pytest.mark.sandbox
@pytest.mark.slow
def test_load_data_returns_the_real_mnist_inside_the_sandbox(loaded: AgentSession) -> None:
    summary = loaded.get("summary")
    expected = _expected()
    assert summary["shapes"] == expected["shapes"]
    assert summary["dtypes"] == ["uint8"] * 4
    assert summary["train_slice_sha256"] == expected["train_slice_sha256"]
    assert summary["test_labels_sha256"] == expected["test_labels_sha256"]
    assert summary["keras_path_agrees"] is True


@pytest.mark.sandbox
@pytest.mark.slow
def test_load_data_without_the_mount_says_the_exercise_lacks_mnist(loaded: AgentSession) -> None:
    message = loaded.call("try_without_mount")
    assert "MNIST is not available in this exercise" in message
