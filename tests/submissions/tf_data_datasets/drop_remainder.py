# drop_remainder=True: the last, smaller batch is lost (and with it some rows).
import numpy as np
import tensorflow as tf


def squares(n):
    return tf.data.Dataset.range(n).map(lambda i: i * i)


def make_batches(features, labels, batch_size, seed):
    ds = tf.data.Dataset.from_tensor_slices((features, labels))
    return ds.shuffle(len(features), seed=seed).batch(batch_size, drop_remainder=True)


def epochs(values, batch_size, num_epochs, seed):
    ds = tf.data.Dataset.from_tensor_slices(values).shuffle(len(values), seed=seed)
    return ds.batch(batch_size).repeat(num_epochs)
