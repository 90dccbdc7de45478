# c and d are defined, but e recomputes a*b and a+b instead of using them: edges c->e, d->e
# are missing (the value is still 7).
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

a = tf.constant(5.0, name="a")
b = tf.constant(3.0, name="b")
c = tf.multiply(a, b, name="c")
d = tf.add(a, b, name="d")
e = tf.subtract(a * b, a + b, name="e")

g = tf.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
    y = tf.compat.v1.placeholder(tf.float32, [None], name="y")
    out = tf.multiply(x + y, x - y, name="out")
