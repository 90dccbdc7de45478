# Right answer with tf.InteractiveSession, increment.eval() and counter.eval().
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

a = tf.placeholder(tf.float32, [None], name="a")
b = tf.placeholder(tf.float32, [None], name="b")
total = tf.add(a, b, name="total")
product = tf.multiply(a, b, name="product")

counter = tf.Variable(0, name="counter")
increment = tf.assign_add(counter, 1)

sess = tf.InteractiveSession()
sess.run(tf.global_variables_initializer())


def compute(a_values, b_values):
    return sess.run([total, product], feed_dict={a: a_values, b: b_values})


def run_steps(n):
    for _ in range(n):
        increment.eval()
    return counter.eval()
