# Right answer in TF1 alias style: a graph and session per call, (w, b) returned as a list.
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def _run(fn, *arrays):
    with tf.Graph().as_default(), tf.Session() as sess:
        inputs = [tf.constant(np.asarray(a, dtype=np.float64)) for a in arrays]
        return sess.run(fn(*inputs))


def sigmoid(z):
    return _run(tf.sigmoid, z)


def binary_cross_entropy(labels, logits):
    return _run(lambda l, z: tf.reduce_mean(
        tf.nn.sigmoid_cross_entropy_with_logits(labels=l, logits=z)), labels, logits)


def softmax_pair(logits):
    return _run(lambda z: tf.nn.softmax(z), logits)


def train_logistic(x, y):
    with tf.Graph().as_default():
        X = tf.placeholder(tf.float32, [None, x.shape[1]])
        Y = tf.placeholder(tf.float32, [None])
        w = tf.Variable(tf.zeros([x.shape[1]]))
        b = tf.Variable(0.0)
        logits = tf.reduce_sum(X * w, axis=1) + b
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=logits))
        step = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i in range(500):
                sess.run(step, {X: x, Y: y})
            return sess.run([w, b])          # a list, not a tuple
