# Right answer in TF1 style: FileWriter, a merged summary op, add_summary, close.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()


def train_with_summaries(logdir, steps=100):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(np.linspace(-1, 1, 100), dtype=tf.float32)
        y = 3 * x + 2
        w = tf.Variable(0.0)
        b = tf.Variable(0.0)
        loss = tf.reduce_mean(tf.square(w * x + b - y))
        train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        summary = tf.compat.v1.summary.scalar("loss", loss)
        writer = tf.compat.v1.summary.FileWriter(logdir, graph)
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for step in range(steps):
                value, text, _ = sess.run([loss, summary, train])
                writer.add_summary(text, step)
    writer.close()
    return float(value)
