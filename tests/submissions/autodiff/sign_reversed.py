# Hand-derived loss gradient with the residual's sign reversed (y - prediction).
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
    residual = y - (x @ w + b)
    return 2 * x.T @ residual / len(y), float(2 * residual.mean())


def second_derivative(coeffs, x):
    x = tf.constant(x, tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = polynomial(coeffs, x)
        first = inner.gradient(y, x)
    return outer.gradient(first, x).numpy()

