# The loss sums the squared errors: gradients are n times too large.
import numpy as np
import tensorflow as tf


def polynomial(coeffs, x):
    result = tf.zeros_like(x)
    for c in coeffs:
        result = result * x + c
    return result


def poly_grad(coeffs, x):
    x = tf.constant(x, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = polynomial(coeffs, x)
    return tape.gradient(y, x).numpy()


def loss_grads(w, b, x, y):
    w = tf.Variable(w)
    b = tf.Variable(float(b), dtype=tf.float64)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((tf.linalg.matvec(tf.constant(x), w) + b - y) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    return dw.numpy(), float(db)


def second_derivative(coeffs, x):
    x = tf.constant(x, tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = polynomial(coeffs, x)
        first = inner.gradient(y, x)
    return outer.gradient(first, x).numpy()

