# The scalar is called "Loss", not "loss".
import numpy as np
import tensorflow as tf


def train_with_summaries(logdir, steps=100):
    x = tf.constant(np.linspace(-1, 1, 100), dtype=tf.float32)
    y = 3 * x + 2
    w = tf.Variable(0.0)
    b = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
    writer = tf.summary.create_file_writer(logdir)
    with writer.as_default():
        for step in range(steps):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(w * x + b - y))
            optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
            tf.summary.scalar("Loss", loss, step=step)
    writer.close()
    return float(loss)
