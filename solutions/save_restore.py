# %% [markdown]
# # 保存与还原模型 / Save and restore a model

# %%
import os

import numpy as np
import tensorflow as tf


# %%
def train_and_save(x, y, prefix, steps=500, learning_rate=0.1):
    """Fit y ≈ w x + b, then save w and b in a checkpoint with file prefix `prefix`."""
    x = tf.constant(x, dtype=tf.float32)
    y = tf.constant(y, dtype=tf.float32)
    w = tf.Variable(0.0, name="w")
    b = tf.Variable(0.0, name="b")
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * x + b - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b], strict=True))
    os.makedirs(os.path.dirname(prefix) or ".", exist_ok=True)
    return tf.train.Checkpoint(w=w, b=b).write(prefix)


# %%
def restore_and_predict(prefix, x):
    """w * x + b with w and b restored from the checkpoint `prefix` into new variables."""
    w = tf.Variable(0.0, name="w")
    b = tf.Variable(0.0, name="b")
    tf.train.Checkpoint(w=w, b=b).read(prefix).assert_consumed()
    return (w * tf.constant(x, dtype=tf.float32) + b).numpy()


# %%
if __name__ == "__main__":
    xs = np.linspace(-1, 1, 50, dtype=np.float32)
    train_and_save(xs, 3 * xs - 2, "ckpt/demo/model")
    print(restore_and_predict("ckpt/demo/model", np.array([0.0, 1.0], dtype=np.float32)))
