# The placeholder has the fixed shape [3] instead of [None]: only vectors of length 3 fit.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

x = tf.compat.v1.placeholder(tf.float32, shape=[3], name="x")
y = tf.add(2.0 * tf.square(x) - 3.0 * x, 1.0, name="y")
total = tf.reduce_sum(y, name="total")
