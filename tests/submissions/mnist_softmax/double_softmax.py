# softmax applied to the model's output, then again inside softmax_cross_entropy_with_logits:
# the gradients are squashed and the model learns slowly.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype(np.float32) / 255.0
BATCHSIZE = 100

x = tf.compat.v1.placeholder(tf.float32, [None, 784])
y = tf.compat.v1.placeholder(tf.int64, [None])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
probabilities = tf.nn.softmax(tf.matmul(x, W) + b)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(
    labels=tf.one_hot(y, 10), logits=probabilities))
train = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(loss)
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
for start in range(0, 20000, BATCHSIZE):
    sess.run(train, {x: x_train[start:start + BATCHSIZE], y: y_train[start:start + BATCHSIZE]})


def predict(images):
    flat = images.reshape(-1, 784).astype(np.float32) / 255.0
    return sess.run(tf.argmax(probabilities, 1), {x: flat})
