# Right answer in a TF1 program (graph mode): the datasets are the same objects.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()


def squares(n):
    return tf.data.Dataset.from_tensor_slices(np.arange(n)).map(tf.square)


def make_batches(features, labels, batch_size, seed):
    return (tf.data.Dataset.from_tensor_slices((features, labels))
            .shuffle(buffer_size=len(labels), seed=seed)
            .batch(batch_size))


def epochs(values, batch_size, num_epochs, seed):
    return (tf.data.Dataset.from_tensor_slices(values)
            .shuffle(len(values), seed=seed, reshuffle_each_iteration=True)
            .batch(batch_size)
            .repeat(num_epochs))


iterator = tf.compat.v1.data.make_one_shot_iterator(squares(4))
with tf.compat.v1.Session() as sess:
    print([sess.run(iterator.get_next()) for _ in range(4)])
