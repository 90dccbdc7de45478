# TF1 style: a graph, a session left open after training, and a graph-mode dataset.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

x = tf.compat.v1.placeholder(tf.float32, shape=[None], name="x")
w = tf.compat.v1.get_variable("w", initializer=0.0)
y = tf.multiply(w, x, name="y")
loss = tf.reduce_mean(tf.square(y - 3.0 * x))
train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
doubled = tf.constant([1.0, 2.0], name="c") * 2.0

sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
data = np.linspace(-1, 1, 20, dtype=np.float32)
for _ in range(200):
    sess.run(train, feed_dict={x: data})

numbers = tf.data.Dataset.range(10).map(lambda v: v * 2).batch(3)


def symbolic_sum(a, b):
    return tf.add(tf.constant(a), tf.constant(b))
