# Right answer whose __main__ demo runs double_w once: the tests use w as it is now.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
v1 = tf.compat.v1

c = tf.constant(np.array([[1, 2], [3, 4]]), dtype=tf.float32, name="c")
w = tf.Variable(np.array([0.5, -0.5], dtype=np.float32), name="w")
double_w = w.assign(w * 2)
x = v1.placeholder(tf.float32, shape=[None, 2], name="x")
y = tf.math.add(x @ c, w, name="y")

sess = v1.Session()
with sess.as_default():
    v1.global_variables_initializer().run()


def predict_in_batches(data, batch_size):
    n = len(data)
    n_batches = int(np.ceil(n / batch_size))
    out = np.zeros((n, 2), dtype=np.float32)
    with sess.as_default():
        for k in range(n_batches):
            out[k * batch_size:(k + 1) * batch_size] = y.eval({x: data[k * batch_size:(k + 1) * batch_size]})
    return out


if __name__ == "__main__":
    print(predict_in_batches(np.ones((5, 2)), 2))
    print(sess.run(double_w))
