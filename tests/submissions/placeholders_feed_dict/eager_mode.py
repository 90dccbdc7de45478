# Eager mode: no graph is built, y is computed once from fixed numbers and nothing can be fed.
import tensorflow as tf

x = tf.constant([0.0, 1.0, 2.0])
y = 2.0 * tf.square(x) - 3.0 * x + 1.0
total = tf.reduce_sum(y)
print(y.numpy(), total.numpy())
