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
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


def binary_cross_entropy(labels, logits):
    """Mean binary cross-entropy, computed from logits so that it stays finite."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


def softmax_pair(logits):
    """Softmax of each row of an (n, 2) array."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
def train_logistic(x, y, steps=500, learning_rate=0.5):
    """(w, b) of a logistic regression trained by gradient descent on the cross-entropy."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    z = np.array([-2.0, 0.0, 3.0])
    print(sigmoid(z), softmax_pair(np.stack([np.zeros(3), z], axis=1))[:, 1])
    print(binary_cross_entropy(np.array([0.0, 1.0, 1.0]), z))
