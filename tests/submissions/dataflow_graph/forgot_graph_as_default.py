# g is created but never made the default: x, y and out end up in the default graph.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

a = tf.constant(5.0, name="a")
b = tf.constant(3.0, name="b")
c = tf.multiply(a, b, name="c")
d = tf.add(a, b, name="d")
e = tf.subtract(c, d, name="e")

g = tf.Graph()
x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
y = tf.compat.v1.placeholder(tf.float32, [None], name="y")
out = tf.multiply(x + y, x - y, name="out")
