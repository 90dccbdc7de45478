# Right answer: __future__ annotations, a typed tf.function step, progress printed, tensors returned.
from __future__ import annotations

import numpy as np
import tensorflow as tf
import matplotlib.pyplot as plt


@tf.function
def _train_step(a: tf.Variable, b: tf.Variable, x: tf.Tensor, y: tf.Tensor,
                opt: tf.keras.optimizers.Optimizer) -> tf.Tensor:
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(a * x + b - y))
    grads = tape.gradient(loss, [a, b])
    opt.apply_gradients(zip(grads, [a, b]))
    return loss


def fit_line(x: np.ndarray, y: np.ndarray) -> tuple[tf.Tensor, tf.Tensor]:
    a = tf.Variable(0.0)
    b = tf.Variable(0.0)
    opt = tf.keras.optimizers.SGD(learning_rate=0.1)
    x_t, y_t = tf.convert_to_tensor(x), tf.convert_to_tensor(y)
    for step in range(600):
        loss = _train_step(a, b, x_t, y_t, opt)
        print(f"step {step}: loss = {float(loss):.5f}")
    return tf.identity(a), tf.convert_to_tensor(b)


if __name__ == "__main__":
    xs = np.random.uniform(-2, 2, 100).astype(np.float32)
    ys = 3 * xs - 1 + np.random.normal(0, 0.2, 100).astype(np.float32)
    a, b = fit_line(xs, ys)
    plt.scatter(xs, ys)
    plt.plot(xs, float(a) * xs + float(b), "r")
    plt.show()
