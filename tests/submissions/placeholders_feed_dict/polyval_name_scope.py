# Right answer with tf.math.polyval(..., name="y"), which makes name a scope (y/add_1).
"""占位符练习"""
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
graph = tf.compat.v1.get_default_graph()

x = tf.compat.v1.placeholder(tf.float32, shape=[None], name="x")
y = tf.math.polyval([2.0, -3.0, 1.0], x, name="y")
total = tf.math.reduce_sum(y, axis=0, name="total")


def main() -> None:
    with tf.compat.v1.Session(graph=graph) as sess:
        y_value, total_value = sess.run([y, total], {x: [0.0, 1.0, 2.0]})
        print("y =", y_value, "total =", total_value)


if __name__ == "__main__":
    main()
