# Right answer in TF1 alias style: a graph and a with-Session per call, numpy float32 returned.
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def fit_line(x, y):
    with tf.Graph().as_default():
        X = tf.placeholder(tf.float32, [None])
        Y = tf.placeholder(tf.float32, [None])
        a = tf.Variable(0.0)
        b = tf.Variable(0.0)
        loss = tf.reduce_mean(tf.square(a * X + b - Y))
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i in range(1000):
                _, l = sess.run([train, loss], feed_dict={X: x, Y: y})
            a_val, b_val = sess.run([a, b])
    return a_val, b_val   # numpy float32 scalars


if __name__ == "__main__":
    xs = np.linspace(-2, 2, 50).astype(np.float32)
    print(fit_line(xs, 2 * xs + 1))
