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
