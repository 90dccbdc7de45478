# nearly right: repeat() before batch() lets a batch straddle two epochs
import tensorflow as tf


def squares(n):
    return tf.data.Dataset.range(n).map(lambda i: i * i)


def make_batches(features, labels, batch_size, seed):
    return (tf.data.Dataset.from_tensor_slices((features, labels))
            .shuffle(len(features), seed=seed).batch(batch_size))


def epochs(values, batch_size, num_epochs, seed):
    return (tf.data.Dataset.from_tensor_slices(values)
            .shuffle(len(values), seed=seed).repeat(num_epochs).batch(batch_size))
