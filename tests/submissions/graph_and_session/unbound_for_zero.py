# Nearly right: run_steps(0) never assigns its result (UnboundLocalError).
import tensorflow.compat.v1 as tf
tf.disable_eager_execution()
a = tf.placeholder(tf.float32, [None], name="a")
b = tf.placeholder(tf.float32, [None], name="b")
total = tf.add(a, b, name="total")
product = tf.multiply(a, b, name="product")
counter = tf.Variable(0, name="counter")
increment = tf.assign_add(counter, 1)
sess = tf.Session()
sess.run(tf.global_variables_initializer())

def compute(a_values, b_values):
    return sess.run([total, product], {a: a_values, b: b_values})

def run_steps(n):
    for _ in range(n):
        value = sess.run(increment)
    return value
