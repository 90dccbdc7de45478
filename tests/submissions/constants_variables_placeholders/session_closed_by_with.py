# Nearly right: the session is a with-block, closed before the grader uses it.
import numpy as np
import tensorflow as tf
tf.compat.v1.disable_eager_execution()

c = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="c")
w = tf.Variable([0.5, -0.5], name="w")
double_w = w.assign(w * 2)
x = tf.compat.v1.placeholder(tf.float32, [None, 2], name="x")
y = tf.add(tf.matmul(x, c), w, name="y")

with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    print(sess.run(y, {x: [[1, 1]]}))


def predict_in_batches(data, batch_size):
    return np.concatenate([sess.run(y, {x: data[i:i + batch_size]})
                           for i in range(0, len(data), batch_size)])
