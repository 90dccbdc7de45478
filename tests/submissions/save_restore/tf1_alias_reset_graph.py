# Right answer in TF1 alias style: reset_default_graph, Saver with a dict of other names.
import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def train_and_save(x, y, prefix):
    tf.reset_default_graph()
    w = tf.Variable(0.0, name="weight")
    b = tf.Variable(0.0, name="bias")
    loss = tf.reduce_mean(tf.square(w * x + b - y))
    opt = tf.train.GradientDescentOptimizer(learning_rate=0.1).minimize(loss)
    saver = tf.train.Saver({"w": w, "b": b})
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for step in range(300):
        _, l = sess.run([opt, loss])
        if step % 50 == 0:
            print(step, l)
    folder = os.path.dirname(prefix)
    if not os.path.exists(folder):
        os.makedirs(folder)
    path = saver.save(sess, prefix)
    sess.close()
    return path


def restore_and_predict(prefix, x):
    tf.reset_default_graph()
    w = tf.Variable(0.0, name="weight")
    b = tf.Variable(0.0, name="bias")
    saver = tf.train.Saver({"w": w, "b": b})
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        return sess.run(w * tf.constant(x) + b)
