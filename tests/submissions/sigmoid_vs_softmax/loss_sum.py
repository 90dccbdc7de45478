# The loss sums over the examples instead of averaging.
import numpy as np
import tensorflow as tf


def sigmoid(z):
    return tf.sigmoid(tf.constant(z, tf.float64)).numpy()


def binary_cross_entropy(labels, logits):
    return float(tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.constant(labels, tf.float64), logits=tf.constant(logits, tf.float64))))


def softmax_pair(logits):
    return tf.nn.softmax(tf.constant(logits, tf.float64), axis=1).numpy()


def train_logistic(x, y):
    x = tf.constant(x, tf.float32)
    y = tf.constant(y, tf.float32)
    w = tf.Variable(tf.zeros([x.shape[1]]))
    b = tf.Variable(0.0)
    for _ in range(300):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
                labels=y, logits=tf.linalg.matvec(x, w) + b))
        dw, db = tape.gradient(loss, [w, b])
        w.assign_sub(0.5 * dw)
        b.assign_sub(0.5 * db)
    return w.numpy(), float(b.numpy())

