# %% [markdown]
# # 保存与还原模型 / Save and restore a model

# %%
import os

import numpy as np
import tensorflow as tf


# %%
def train_and_save(x, y, prefix, steps=500, learning_rate=0.1):
    """Fit y ≈ w x + b, then save w and b in a checkpoint with file prefix `prefix`."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
def restore_and_predict(prefix, x):
    """w * x + b with w and b restored from the checkpoint `prefix` into new variables."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    xs = np.linspace(-1, 1, 50, dtype=np.float32)
    train_and_save(xs, 3 * xs - 2, "ckpt/demo/model")
    print(restore_and_predict("ckpt/demo/model", np.array([0.0, 1.0], dtype=np.float32)))
