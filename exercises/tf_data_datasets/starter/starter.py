# %% [markdown]
# # tf.data 数据集 / tf.data Datasets

# %%
import numpy as np
import tensorflow as tf


# %%
def squares(n):
    """0², 1², ..., (n-1)²."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
def make_batches(features, labels, batch_size, seed):
    """(features, labels) shuffled with seed, then batched; the last batch is kept."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
def epochs(values, batch_size, num_epochs, seed):
    """num_epochs shuffled passes over values, each split into batches."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    print(list(squares(5).as_numpy_iterator()))
    x = np.arange(10, dtype=np.float32).reshape(5, 2)
    for features_batch, labels_batch in make_batches(x, np.arange(5), 2, seed=1):
        print(features_batch.numpy(), labels_batch.numpy())
    print([b.numpy().tolist() for b in epochs(np.arange(6), 4, 2, seed=1)])
