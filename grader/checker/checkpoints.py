"""Find the checkpoint a submission wrote and read its values in a fresh sandbox."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checker.api import Fail, Submission


def checkpoint_files(sub: Submission, prefix: str) -> tuple[str, list[str]]:
    """(checkpoint prefix, its files) for the checkpoint written at ``prefix``.

    Accepts ``Checkpoint.write(prefix)`` / ``Saver.save(sess, prefix)`` (files ``prefix.index``,
    ``prefix.data-*``) and ``Checkpoint.save(prefix)`` (``prefix-N.index``: the newest is used).
    """
    files = [path for path, _ in sub.files()]
    indexes = sorted(p for p in files if p.startswith(prefix) and p.endswith(".index"))
    if not indexes:
        near = sorted(p for p in files if p.endswith(".index"))[:5]
        raise Fail(f"No checkpoint was written at the prefix {prefix!r} (no {prefix}.index). "
                   + (f"Checkpoint files found instead: {near}. " if near else "")
                   + "Save with tf.train.Checkpoint(...).write(prefix) or "
                   "Saver().save(sess, prefix), using the prefix you are given.")
    exact = prefix + ".index"
    index = exact if exact in indexes else max(indexes, key=lambda p: (len(p), p))
    found = index[: -len(".index")]
    return found, [index] + sorted(p for p in files if p.startswith(found + ".data-"))


def stored_numbers(values: dict[str, Any]) -> dict[str, float]:
    """Every single-number variable of a checkpoint (shape (), (1,) or (1, 1))."""
    numbers: dict[str, float] = {}
    for name, value in values.items():
        array = np.asarray(value)
        if array.dtype.kind in "fiu" and array.size == 1:
            numbers[name] = float(array.reshape(-1)[0])
    return numbers
