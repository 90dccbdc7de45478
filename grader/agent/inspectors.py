"""Open artifacts a submission left behind (checkpoints, Keras files) in a sandbox that holds
no student code, and answer with plain data. Files are under ``/work/artifacts``."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

ARTIFACTS = "/work/artifacts"
MAX_VARIABLES = 1000


def _path(relative: str) -> str:
    path = os.path.normpath(os.path.join(ARTIFACTS, relative))
    if not path.startswith(ARTIFACTS):
        raise ValueError(f"artifact path {relative!r} leaves the artifact folder")
    return path


def checkpoint_variables(paths: list[str], params: dict[str, Any]) -> dict[str, Any]:
    """Variables of a TF checkpoint (``prefix`` like ``model.ckpt``), optimizer slots skipped."""
    import tensorflow as tf

    reader = tf.train.load_checkpoint(_path(params["prefix"]))
    shapes = reader.get_variable_to_shape_map()
    values: dict[str, Any] = {}
    for name in sorted(shapes)[:MAX_VARIABLES]:
        if "OPTIMIZER_SLOT" in name or name.startswith(("_CHECKPOINTABLE", "save_counter")):
            continue
        values[name] = reader.get_tensor(name)
    return values


def keras_predict(paths: list[str], params: dict[str, Any]) -> Any:
    """Load a ``.keras``/``.h5`` model in safe mode (no lambdas) and predict on given inputs."""
    import numpy as np
    import tensorflow as tf

    model = tf.keras.models.load_model(_path(params["model"]), compile=False, safe_mode=True)
    return np.asarray(model.predict(np.asarray(params["inputs"]), verbose=0))


INSPECTORS: dict[str, Callable[[list[str], dict[str, Any]], Any]] = {
    "checkpoint_variables": checkpoint_variables,
    "keras_predict": keras_predict,
}
