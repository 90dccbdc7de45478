# Operators without name=: TensorFlow calls the nodes mul, add, sub instead of c, d, e.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

a = tf.constant(5.0, name="a")
b = tf.constant(3.0, name="b")
c = a * b
d = a + b
e = c - d

g = tf.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
    y = tf.compat.v1.placeholder(tf.float32, [None], name="y")
    out = tf.multiply(x + y, x - y, name="out")
