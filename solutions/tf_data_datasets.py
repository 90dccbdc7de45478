# %% [markdown]
# # tf.data 数据集 / tf.data Datasets

# %%
import numpy as np
import tensorflow as tf


# %%
def squares(n):
    """0², 1², ..., (n-1)²."""
    return tf.data.Dataset.range(n).map(lambda i: i * i)


# %%
def make_batches(features, labels, batch_size, seed):
    """(features, labels) shuffled with seed, then batched; the last batch is kept."""
    dataset = tf.data.Dataset.from_tensor_slices((features, labels))
    return dataset.shuffle(len(features), seed=seed).batch(batch_size)


# %%
def epochs(values, batch_size, num_epochs, seed):
    """num_epochs shuffled passes over values, each split into batches."""
    dataset = tf.data.Dataset.from_tensor_slices(values)
    dataset = dataset.shuffle(len(values), seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(batch_size).repeat(num_epochs)


# %%
if __name__ == "__main__":
    print(list(squares(5).as_numpy_iterator()))
    x = np.arange(10, dtype=np.float32).reshape(5, 2)
    for features_batch, labels_batch in make_batches(x, np.arange(5), 2, seed=1):
        print(features_batch.numpy(), labels_batch.numpy())
    print([b.numpy().tolist() for b in epochs(np.arange(6), 4, 2, seed=1)])
