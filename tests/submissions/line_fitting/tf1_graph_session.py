# Right answer in TensorFlow 1 style: a graph per call, placeholders, a Session and an optimizer.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()


def fit_line(x, y):
    graph = tf.Graph()
    with graph.as_default():
        xs = tf.compat.v1.placeholder(tf.float32, [None])
        ys = tf.compat.v1.placeholder(tf.float32, [None])
        a = tf.compat.v1.get_variable("a", initializer=0.0)
        b = tf.compat.v1.get_variable("b", initializer=0.0)
        loss = tf.reduce_mean(tf.square(a * xs + b - ys))
        train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        init = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        feed = {xs: np.asarray(x, np.float32), ys: np.asarray(y, np.float32)}
        for _ in range(1000):
            sess.run(train, feed_dict=feed)
        a_value, b_value = sess.run([a, b])
    return float(a_value), float(b_value)
