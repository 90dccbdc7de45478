"""Ask a submission's ``predict`` for digits and turn the answer into checked labels."""

from __future__ import annotations

import numpy as np

from grader.checker.api import Fail, Submission

CHUNK = 2500
"""Images per request: keeps each frame a few MB and the student's batch memory small."""


def predictions(sub: Submission, images: np.ndarray) -> np.ndarray:
    """``predict(images)`` as int labels (N,), from labels or (N, 10) scores, or a Fail."""
    parts = []
    for start in range(0, len(images), CHUNK):
        chunk = images[start:start + CHUNK]
        answer = sub.call("predict", chunk)
        try:
            array = np.asarray(answer)
        except (TypeError, ValueError):
            array = np.asarray([], dtype=object)
        if array.dtype.kind not in "biuf":
            raise Fail("predict should return an array of digits, not "
                       f"{type(answer).__name__}.")
        if array.ndim == 2 and array.shape == (len(chunk), 10):
            array = np.argmax(array, axis=1)
        array = array.reshape(-1) if array.ndim == 2 and 1 in array.shape else array
        if array.shape != (len(chunk),):
            raise Fail(f"predict got {len(chunk)} images and returned shape {array.shape}; "
                       f"expected ({len(chunk)},) digits or ({len(chunk)}, 10) scores.")
        if array.dtype.kind == "f":
            if not np.all(np.isfinite(array)):
                raise Fail("predict returned NaN: training diverged (learning rate too large, "
                           "or log of 0 in a hand-written cross-entropy?).")
            array = np.rint(array)
        parts.append(array.astype(np.int64))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
