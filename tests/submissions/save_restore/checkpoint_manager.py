# nearly right: CheckpointManager names the files ckpt-N in the folder, not at the given prefix
import os
import tensorflow as tf


def train_and_save(x, y, prefix):
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    for _ in range(300):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * x + b - y))
        dw, db = tape.gradient(loss, [w, b])
        w.assign_sub(0.1 * dw)
        b.assign_sub(0.1 * db)
    ckpt = tf.train.Checkpoint(w=w, b=b)
    manager = tf.train.CheckpointManager(ckpt, os.path.dirname(prefix), max_to_keep=3)
    manager.save()


def restore_and_predict(prefix, x):
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    ckpt = tf.train.Checkpoint(w=w, b=b)
    ckpt.restore(tf.train.latest_checkpoint(os.path.dirname(prefix)))
    return (w * x + b).numpy()
