# Right answer in TF1 alias style: a hand-made tf.Summary protobuf per step, printed progress.
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def train_with_summaries(logdir, steps):
    tf.reset_default_graph()
    x = np.linspace(-1, 1, 100)
    y = 3 * x + 2
    X = tf.placeholder(tf.float32, [None])
    Y = tf.placeholder(tf.float32, [None])
    w = tf.Variable(0.0)
    b = tf.Variable(0.0)
    loss = tf.reduce_mean(tf.square(w * X + b - Y))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    writer = tf.summary.FileWriter(logdir)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for step in range(steps):
        l, _ = sess.run([loss, train], {X: x, Y: y})
        summary = tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=l)])
        writer.add_summary(summary, global_step=step)
        print("step %d loss %.4f" % (step, l))
    writer.close()
    return l
