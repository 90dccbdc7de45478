# Eager mode: a..e are computed at once as values; there is no default graph to inspect.
import tensorflow as tf

a = tf.constant(5.0, name="a")
b = tf.constant(3.0, name="b")
c = tf.multiply(a, b, name="c")
d = tf.add(a, b, name="d")
e = tf.subtract(c, d, name="e")

g = tf.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
    y = tf.compat.v1.placeholder(tf.float32, [None], name="y")
    out = tf.multiply(x + y, x - y, name="out")
