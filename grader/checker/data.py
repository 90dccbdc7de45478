"""Data sets the checker holds on the trusted side (the labels never enter the sandbox)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from grader.agent.datasets import MNIST_FILES, read_idx
from grader.exercise import DATA_DIR


@lru_cache(maxsize=1)
def mnist_test_set() -> tuple[np.ndarray, np.ndarray]:
    """The 10,000 MNIST test images (uint8, 28x28) and labels, from the project's own copy."""
    folder = DATA_DIR / "mnist"
    images = read_idx(str(folder / MNIST_FILES["x_test"]))
    labels = read_idx(str(folder / MNIST_FILES["y_test"]))
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def disguise(images: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle the images with a hidden permutation and add ±2 grey levels of noise.

    Why: the sandbox can read the test set too (tutorial code evaluates on ``x_test``), so a
    submission could look each image up and return its true label. Exact look-ups (bytes,
    hashes, ``np.array_equal``) fail on disguised images, and the order says nothing, while a
    real classifier hardly notices ±2 of 255. Returns (images, permutation).
    """
    rng = np.random.default_rng(seed)
    permutation = rng.permutation(len(images))
    noise = rng.integers(-2, 3, size=images.shape)
    noise[noise == 0] = 1  # every pixel changes, so no image stays byte-identical
    disguised = np.clip(images[permutation].astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return disguised, permutation
