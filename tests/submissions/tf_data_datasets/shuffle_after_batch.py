# shuffle() after batch(): only the order of whole batches changes.
import numpy as np
import tensorflow as tf


def squares(n):
    return tf.data.Dataset.range(n).map(lambda i: i * i)


def make_batches(features, labels, batch_size, seed):
    ds = tf.data.Dataset.from_tensor_slices((features, labels)).batch(batch_size)
    return ds.shuffle(100, seed=seed)


def epochs(values, batch_size, num_epochs, seed):
    ds = tf.data.Dataset.from_tensor_slices(values).batch(batch_size)
    return ds.shuffle(100, seed=seed).repeat(num_epochs)
