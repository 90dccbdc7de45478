"""Reference solution for line_fitting: eager TensorFlow with GradientTape."""

import numpy as np
import tensorflow as tf


def fit_line(x, y, learning_rate=0.1, steps=1000):
    x = tf.constant(np.asarray(x, dtype=np.float32))
    y = tf.constant(np.asarray(y, dtype=np.float32))
    a = tf.Variable(0.0)
    b = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(a * x + b - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b]), [a, b]))
        return loss

    for _ in range(steps):
        step()
    return float(a.numpy()), float(b.numpy())


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 100).astype(np.float32)
    y = (2 * x + 1 + rng.normal(0, 0.1, 100)).astype(np.float32)
    print(fit_line(x, y))
