# %% [markdown]
# # 直线参数估计 / Line fitting
#
# 用 TensorFlow 的梯度下降最小化均方误差，估计直线 $y = a x + b$ 的参数。
# Estimate $a$ and $b$ of $y = a x + b$ by gradient descent on the mean squared error.
#
# 编写 `fit_line(x, y)`，返回两个 Python 数 `(a, b)`。
# Write `fit_line(x, y)` returning two Python floats `(a, b)`.

# %%
import numpy as np
import tensorflow as tf


# %%
def fit_line(x, y, learning_rate=0.1, steps=1000):
    """Return (a, b) as Python floats, learned with TensorFlow gradient descent on the L2 loss."""
    ### BEGIN SOLUTION
    x = tf.constant(np.asarray(x, dtype=np.float32))
    y = tf.constant(np.asarray(y, dtype=np.float32))
    a = tf.Variable(0.0)
    b = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(a * x + b - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b]), [a, b], strict=True))
        return loss

    for _ in range(steps):
        step()
    return float(a.numpy()), float(b.numpy())
    ### END SOLUTION


# %% [markdown]
# 在含噪声的数据上试一试（应接近 a = 2, b = 1）。
# Try it on noisy data (it should be close to a = 2, b = 1).

# %%
if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 100).astype(np.float32)
    y = (2 * x + 1 + rng.normal(0, 0.1, 100)).astype(np.float32)
    print(fit_line(x, y))
