# Ignores the prefix it is given and always saves to model.ckpt.
import os

import numpy as np
import tensorflow as tf


def _fit(x, y):
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    opt = tf.keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(400):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * x + b - y))
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
    return w, b


def train_and_save(x, y, prefix):
    w, b = _fit(x, y)
    tf.train.Checkpoint(w=w, b=b).write("model.ckpt")


def restore_and_predict(prefix, x):
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    tf.train.Checkpoint(w=w, b=b).read("model.ckpt")
    return (w * x + b).numpy()
