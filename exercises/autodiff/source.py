# %% [markdown]
# # 自动微分 / Automatic differentiation

# %%
import numpy as np
import tensorflow as tf


def polynomial(coeffs, x):
    """f(x) = sum_k coeffs[k] * x ** (n - k), as np.polyval, with TensorFlow ops."""
    result = tf.zeros_like(x)
    for c in coeffs:
        result = result * x + c
    return result


# %%
def poly_grad(coeffs, x):
    """f'(x) at each point of x, by automatic differentiation."""
    ### BEGIN SOLUTION
    x = tf.constant(x, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = polynomial(coeffs, x)
    return tape.gradient(y, x).numpy()
    ### END SOLUTION


# %%
def loss_grads(w, b, x, y):
    """(dL/dw, dL/db) for L = mean((x @ w + b - y)^2)."""
    ### BEGIN SOLUTION
    w = tf.Variable(np.asarray(w, dtype=np.float64))
    b = tf.Variable(float(b), dtype=tf.float64)
    x = tf.constant(x, dtype=tf.float64)
    y = tf.constant(y, dtype=tf.float64)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.linalg.matvec(x, w) + b - y))
    dw, db = tape.gradient(loss, [w, b])
    return dw.numpy(), float(db.numpy())
    ### END SOLUTION


# %%
def second_derivative(coeffs, x):
    """f''(x) at each point of x, with nested tapes."""
    ### BEGIN SOLUTION
    x = tf.constant(x, dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = polynomial(coeffs, x)
        first = inner.gradient(y, x)
    return outer.gradient(first, x).numpy()
    ### END SOLUTION


# %%
if __name__ == "__main__":
    print(poly_grad([1.0, 0.0, 0.0], np.array([1.0, 2.0])))  # d/dx x^2 = 2x: [2, 4]
    print(second_derivative([1.0, 0.0, 0.0, 0.0], np.array([1.0, 2.0])))  # 6x: [6, 12]
