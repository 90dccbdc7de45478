# repeat() before shuffle(): elements of different epochs mix, an epoch is no permutation.
import numpy as np
import tensorflow as tf


def squares(n):
    return tf.data.Dataset.range(n).map(lambda i: i * i)



def make_batches(features, labels, batch_size, seed):
    ds = tf.data.Dataset.from_tensor_slices((features, labels))
    return ds.shuffle(len(features), seed=seed).batch(batch_size)


def epochs(values, batch_size, num_epochs, seed):
    ds = tf.data.Dataset.from_tensor_slices(values).repeat(num_epochs)
    return ds.shuffle(len(values), seed=seed).batch(batch_size)
