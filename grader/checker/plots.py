"""Feedback pictures, drawn on the trusted side from plain data the submission returned."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def fitted_line(
    x: np.ndarray, y: np.ndarray, a: float, b: float, true_a: float, true_b: float, title: str
) -> bytes:
    """The data, the student's line and the best line, so the gap is visible at a glance."""
    figure, axes = plt.subplots(figsize=(5, 3.5))
    axes.scatter(x, y, s=8, alpha=0.6, label="data")
    grid = np.linspace(float(np.min(x)), float(np.max(x)), 50)
    axes.plot(grid, a * grid + b, color="tab:red", label=f"yours: y = {a:.3g}x + {b:.3g}")
    axes.plot(grid, true_a * grid + true_b, "--", color="tab:green",
              label=f"best: y = {true_a:.3g}x + {true_b:.3g}")
    axes.set_title(title)
    axes.legend(fontsize=8)
    return _png(figure)


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, title: str) -> bytes:
    """Counts of (true digit, predicted digit): which digits the model confuses, at a glance."""
    classes = 10
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (labels.astype(np.int64), predicted.astype(np.int64)), 1)
    figure, axes = plt.subplots(figsize=(5, 4.5))
    image = axes.imshow(np.log1p(matrix), cmap="Blues")
    for true in range(classes):
        for guess in range(classes):
            count = int(matrix[true, guess])
            if count:
                color = "white" if true == guess else "black"
                axes.text(guess, true, str(count), ha="center", va="center", fontsize=6,
                          color=color)
    axes.set_xticks(range(classes))
    axes.set_yticks(range(classes))
    axes.set_xlabel("predicted digit")
    axes.set_ylabel("true digit")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, fraction=0.046, label="log(1 + count)")
    return _png(figure)


def misclassified_digits(
    images: np.ndarray, labels: np.ndarray, predicted: np.ndarray, title: str, count: int = 12
) -> bytes:
    """A few test images the model got wrong, each with its true and predicted digit."""
    wrong = np.flatnonzero(labels != predicted)[:count]
    columns = 6
    rows = max(1, -(-len(wrong) // columns))
    figure, grid = plt.subplots(rows, columns, figsize=(columns * 1.2, rows * 1.45))
    cells = np.atleast_1d(grid).reshape(-1)
    for cell in cells:
        cell.axis("off")
    for cell, index in zip(cells, wrong, strict=False):
        cell.imshow(images[index].reshape(28, 28), cmap="gray_r")
        cell.set_title(f"{int(labels[index])} → {int(predicted[index])}", fontsize=9)
    figure.suptitle(title + (" (none)" if not len(wrong) else " (true → predicted)"),
                    fontsize=10)
    return _png(figure)


def loss_curve(steps: np.ndarray, values: np.ndarray, title: str, tag: str = "loss") -> bytes:
    """The scalar the submission logged, as TensorBoard would draw it."""
    figure, axes = plt.subplots(figsize=(5, 3.2))
    axes.plot(steps, values, marker="." if len(steps) < 60 else None, color="tab:orange")
    axes.set_xlabel("step")
    axes.set_ylabel(tag)
    if len(values) and np.all(np.asarray(values) > 0) and np.max(values) > 20 * np.min(values):
        axes.set_yscale("log")
    axes.grid(alpha=0.3)
    axes.set_title(title)
    return _png(figure)
