# Builds new ops inside the functions: every call adds nodes to the graph (and gets slower).
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

a = tf.compat.v1.placeholder(tf.float32, [None], name="a")
b = tf.compat.v1.placeholder(tf.float32, [None], name="b")
total = tf.add(a, b, name="total")
product = tf.multiply(a, b, name="product")
counter = tf.compat.v1.Variable(0, dtype=tf.int32, name="counter")
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())


def compute(a_values, b_values):
    return sess.run([tf.add(a, b), tf.multiply(a, b)], feed_dict={a: a_values, b: b_values})


def run_steps(n):
    for _ in range(n):
        sess.run(tf.compat.v1.assign_add(counter, 1))
    return int(sess.run(counter))
