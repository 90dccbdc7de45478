"""Saves a matplotlib figure with a title and labels (text needs fonts) as /work/plot.png."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

figure, axes = plt.subplots()
axes.plot([0, 1, 2], [2.0, 1.0, 0.5], label="loss")
axes.set_title("Training loss")
axes.set_xlabel("epoch")
axes.legend()
figure.savefig("plot.png")
print("saved")
