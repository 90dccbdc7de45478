# %% [markdown]
# # TensorBoard 可视化 / TensorBoard summaries

# %%
import numpy as np
import tensorflow as tf


# %%
def train_with_summaries(logdir, steps=100):
    """Fit y = 3x + 2, logging the scalar `loss` at every step into logdir."""
    x = tf.constant(np.linspace(-1, 1, 100), dtype=tf.float32)
    y = 3 * x + 2
    w = tf.Variable(0.0)
    b = tf.Variable(0.0)
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    print(train_with_summaries("logs/run1", 50))
