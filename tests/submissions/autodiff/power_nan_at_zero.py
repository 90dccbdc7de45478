# Nearly right: c * x**(n - k) in float32; TensorFlow's gradient of x**0 is NaN at x = 0.
import numpy as np
import tensorflow as tf


def _f(coeffs, x):
    n = len(coeffs) - 1
    return tf.add_n([c * x ** (n - k) for k, c in enumerate(coeffs)])


def poly_grad(coeffs, x):
    x = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = _f(coeffs, x)
    return tape.gradient(y, x)                    # a tf.Tensor


def loss_grads(w, b, x, y):
    w = tf.Variable(w, dtype=tf.float32)
    b = tf.Variable(b, dtype=tf.float32)
    x = tf.constant(x, tf.float32)
    y = tf.constant(y, tf.float32)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.linalg.matvec(x, w) + b - y))
    return tape.gradient(loss, [w, b])            # a list of tensors


def second_derivative(coeffs, x):
    x = tf.convert_to_tensor(x, dtype=tf.float32)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = _f(coeffs, x)
        dy = inner.gradient(y, x)
    return outer.gradient(dy, x).numpy()
