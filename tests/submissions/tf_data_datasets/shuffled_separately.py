# Features and labels shuffled as two separate datasets: they no longer match.
import numpy as np
import tensorflow as tf


def squares(n):
    return tf.data.Dataset.range(n).map(lambda i: i * i)


def make_batches(features, labels, batch_size, seed):
    xs = tf.data.Dataset.from_tensor_slices(features).shuffle(len(features), seed=seed)
    ys = tf.data.Dataset.from_tensor_slices(labels).shuffle(len(labels), seed=seed + 1)
    return tf.data.Dataset.zip((xs, ys)).batch(batch_size)


def epochs(values, batch_size, num_epochs, seed):
    ds = tf.data.Dataset.from_tensor_slices(values).shuffle(len(values), seed=seed)
    return ds.batch(batch_size).repeat(num_epochs)
