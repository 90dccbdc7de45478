# Pixels left in 0..255 with a learning rate meant for 0..1 inputs: the weights blow up to NaN.
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype(np.float32)
BATCHSIZE = 100

x = tf.compat.v1.placeholder(tf.float32, [None, 784])
y = tf.compat.v1.placeholder(tf.int64, [None])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
logits = tf.matmul(x, W) + b
probabilities = tf.nn.softmax(logits)
loss = -tf.reduce_mean(tf.reduce_sum(tf.one_hot(y, 10) * tf.math.log(probabilities), axis=1))
train = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(loss)
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
for start in range(0, 60000, BATCHSIZE):
    sess.run(train, {x: x_train[start:start + BATCHSIZE], y: y_train[start:start + BATCHSIZE]})


def predict(images):
    return sess.run(probabilities, {x: images.reshape(-1, 784).astype(np.float32)})
