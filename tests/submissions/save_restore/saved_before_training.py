# Saves the checkpoint before the training loop: it holds the initial zeros.
import os

import numpy as np
import tensorflow as tf


def train_and_save(x, y, prefix):
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    os.makedirs(os.path.dirname(prefix), exist_ok=True)
    tf.train.Checkpoint(w=w, b=b).write(prefix)
    opt = tf.keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(400):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * x + b - y))
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))


def restore_and_predict(prefix, x):
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    tf.train.Checkpoint(w=w, b=b).read(prefix)
    return (w * x + b).numpy()
