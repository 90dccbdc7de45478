# Right answer that names nodes with tf.identity(expr, name=...): judged on the wrapped op.
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

a = tf.constant(5.0, name="a")
b = tf.constant(3.0, name="b")
c = tf.identity(a * b, name="c")
d = tf.identity(a + b, name="d")
e = tf.identity(c - d, name="e")

g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.placeholder(tf.float32, [None], name="y")
    out = tf.identity((x + y) * (x - y), name="out")

with tf.Session() as sess:
    print(sess.run(e))
with tf.Session(graph=g) as sess:
    print(sess.run(out, {x: [3.0], y: [2.0]}))
