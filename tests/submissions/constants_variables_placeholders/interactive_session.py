# Right answer with tf.InteractiveSession and Tensor.eval (not a tf.Session subclass).
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

c = tf.constant([[1., 2.], [3., 4.]], name="c")
w = tf.Variable([0.5, -0.5], name="w")
double_w = w.assign(w * 2)
x = tf.placeholder("float32", shape=(None, 2), name="x")
y = tf.identity(tf.matmul(x, c) + w, name="y")

sess = tf.InteractiveSession()
tf.global_variables_initializer().run()


def predict_in_batches(data, batch_size: int) -> np.ndarray:
    batches = [data[s:s + batch_size] for s in range(0, len(data), batch_size)]
    return np.concatenate([y.eval(feed_dict={x: b}) for b in batches])
