# %% [markdown]
# # sigmoid 与 softmax / Sigmoid vs softmax
#
# $\mathrm{softmax}(z_0, z_1)_1 = \sigma(z_1 - z_0)$

# %%
import numpy as np
import tensorflow as tf


# %%
def sigmoid(z):
    """σ(z) element-wise."""
    return tf.sigmoid(tf.constant(z, dtype=tf.float64)).numpy()


def binary_cross_entropy(labels, logits):
    """Mean binary cross-entropy, computed from logits so that it stays finite."""
    losses = tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.constant(labels, dtype=tf.float64), logits=tf.constant(logits, dtype=tf.float64)
    )
    return float(tf.reduce_mean(losses))


def softmax_pair(logits):
    """Softmax of each row of an (n, 2) array."""
    return tf.nn.softmax(tf.constant(logits, dtype=tf.float64), axis=1).numpy()


# %%
def train_logistic(x, y, steps=500, learning_rate=0.5):
    """(w, b) of a logistic regression trained by gradient descent on the cross-entropy."""
    x = tf.constant(x, dtype=tf.float32)
    y = tf.constant(y, dtype=tf.float32)
    w = tf.Variable(tf.zeros([x.shape[1]]))
    b = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            logits = tf.linalg.matvec(x, w) + b
            loss = tf.reduce_mean(
                tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits)
            )
        optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b], strict=True))

    for _ in range(steps):
        step()
    return w.numpy(), float(b.numpy())


# %%
if __name__ == "__main__":
    z = np.array([-2.0, 0.0, 3.0])
    print(sigmoid(z), softmax_pair(np.stack([np.zeros(3), z], axis=1))[:, 1])
    print(binary_cross_entropy(np.array([0.0, 1.0, 1.0]), z))
