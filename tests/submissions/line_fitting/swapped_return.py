# Trains correctly but returns (intercept, slope) instead of (slope, intercept).
import numpy as np
import tensorflow as tf


def fit_line(x, y):
    x = tf.constant(np.asarray(x, dtype=np.float32))
    y = tf.constant(np.asarray(y, dtype=np.float32))
    a = tf.Variable(0.0)
    b = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(a * x + b - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b]), [a, b]))

    for _ in range(1000):
        step()
    return float(b.numpy()), float(a.numpy())
