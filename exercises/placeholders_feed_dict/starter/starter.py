"""Placeholders and feed_dict / 占位符与 feed_dict."""

import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# TODO: x = a float32 placeholder named "x" of shape [None]
# TODO: y = 2x^2 - 3x + 1, named "y"
# TODO: total = the sum of y, named "total"

if __name__ == "__main__":
    with tf.compat.v1.Session() as sess:
        pass  # TODO: print(sess.run([y, total], feed_dict={x: [0.0, 1.0, 2.0]}))
