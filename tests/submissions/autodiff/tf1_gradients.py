# Right answer in graph mode with tf.gradients (TensorFlow 1 style), one small graph per call.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()


def _run(build, feeds):
    graph = tf.Graph()
    with graph.as_default():
        fetches, placeholders = build()
        with tf.compat.v1.Session(graph=graph) as sess:
            return sess.run(fetches, dict(zip(placeholders, feeds)))


def _poly(coeffs, x):
    y = tf.zeros_like(x)
    for c in coeffs:
        y = y * x + c
    return y


def poly_grad(coeffs, x):
    def build():
        xs = tf.compat.v1.placeholder(tf.float64, [None])
        return tf.gradients(_poly(coeffs, xs), xs)[0], [xs]
    return _run(build, [x])


def second_derivative(coeffs, x):
    def build():
        xs = tf.compat.v1.placeholder(tf.float64, [None])
        first = tf.gradients(_poly(coeffs, xs), xs)[0]
        return tf.gradients(first, xs)[0], [xs]
    return _run(build, [x])


def loss_grads(w, b, x, y):
    def build():
        ws = tf.compat.v1.placeholder(tf.float64, [None])
        bs = tf.compat.v1.placeholder(tf.float64, [])
        xs = tf.compat.v1.placeholder(tf.float64, [None, None])
        ys = tf.compat.v1.placeholder(tf.float64, [None])
        loss = tf.reduce_mean(tf.square(tf.linalg.matvec(xs, ws) + bs - ys))
        return tf.gradients(loss, [ws, bs]), [ws, bs, xs, ys]
    dw, db = _run(build, [np.asarray(w), float(b), x, y])
    return dw, float(db)
