# total averages y instead of summing it.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

x = tf.compat.v1.placeholder(tf.float32, shape=[None], name="x")
y = tf.add(2.0 * tf.square(x) - 3.0 * x, 1.0, name="y")
total = tf.reduce_mean(y, name="total")
