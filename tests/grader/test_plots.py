"""Feedback pictures are PNG images drawn from plain data on the trusted side."""

from __future__ import annotations

import numpy as np

from grader.checker import plots

PNG = b"\x89PNG\r\n\x1a\n"


def test_confusion_matrix_is_a_png() -> None:
    labels = np.arange(100) % 10
    predicted = labels.copy()
    predicted[::7] = 3
    assert plots.confusion_matrix(labels, predicted, "accuracy").startswith(PNG)


def test_misclassified_digits_is_a_png_even_when_nothing_is_wrong() -> None:
    images = np.random.default_rng(0).integers(0, 255, (20, 28, 28), dtype=np.uint8)
    labels = np.arange(20) % 10
    assert plots.misclassified_digits(images, labels, (labels + 1) % 10, "wrong").startswith(PNG)
    assert plots.misclassified_digits(images, labels, labels, "none").startswith(PNG)


def test_loss_curve_is_a_png_for_long_and_constant_series() -> None:
    steps = np.arange(200)
    assert plots.loss_curve(steps, 100.0 * 0.97 ** steps, "decreasing").startswith(PNG)
    assert plots.loss_curve(steps[:3], np.ones(3), "flat").startswith(PNG)


def test_fitted_line_is_a_png() -> None:
    x = np.linspace(-1, 1, 10)
    assert plots.fitted_line(x, 2 * x, 2.0, 0.0, 2.0, 0.0, "line").startswith(PNG)
