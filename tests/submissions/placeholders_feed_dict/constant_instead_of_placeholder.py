# x is a constant: it has a fixed value and shape [3], so it cannot take inputs of other lengths.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

x = tf.constant([0.0, 1.0, 2.0], name="x")
y = tf.add(2.0 * tf.square(x) - 3.0 * x, 1.0, name="y")
total = tf.reduce_sum(y, name="total")
