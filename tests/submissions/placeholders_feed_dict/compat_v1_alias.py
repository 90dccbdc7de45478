# Right answer written the way TF1 tutorials do: import tensorflow.compat.v1 as tf.
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None], name="x")
y = tf.identity(2 * x * x - 3 * x + 1, name="y")
total = tf.reduce_sum(y, name="total")

with tf.Session() as sess:
    print(sess.run([y, total], feed_dict={x: [1.0, 2.0, 3.0]}))
