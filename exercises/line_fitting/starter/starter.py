"""Line fitting / 直线参数估计: estimate a and b of y = a*x + b by gradient descent."""

import numpy as np
import tensorflow as tf


def fit_line(x, y):
    """Return (a, b) as Python floats, learned with TensorFlow gradient descent on the L2 loss."""
    # TODO: create variables a and b, define the mean squared error, and minimise it.
    raise NotImplementedError("fit_line is not written yet")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 100).astype(np.float32)
    y = (2 * x + 1 + rng.normal(0, 0.1, 100)).astype(np.float32)
    print(fit_line(x, y))
