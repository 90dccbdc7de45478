"""Reference solution for placeholders_feed_dict."""

import tensorflow as tf

tf.compat.v1.disable_eager_execution()

x = tf.compat.v1.placeholder(tf.float32, shape=[None], name="x")
y = tf.add(2.0 * tf.square(x) - 3.0 * x, 1.0, name="y")
total = tf.reduce_sum(y, name="total")

if __name__ == "__main__":
    with tf.compat.v1.Session() as sess:
        print(sess.run([y, total], feed_dict={x: [0.0, 1.0, 2.0]}))
