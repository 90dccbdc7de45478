# One tape only: second_derivative returns f'(x) instead of f''(x).
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
        loss = tf.reduce_mean((tf.linalg.matvec(tf.constant(x), w) + b - y) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    return dw.numpy(), float(db)


def second_derivative(coeffs, x):
    return poly_grad(coeffs, x)
