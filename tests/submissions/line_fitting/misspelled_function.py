# A correct fit under the wrong name: the student must be told which name is missing.
import numpy as np
import tensorflow as tf


def fitline(x, y):
    a = tf.Variable(0.0)
    b = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(500):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(a * x + b - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b]), [a, b]))
    return float(a.numpy()), float(b.numpy())
