# Right model, but training stops after 8 batches of 10 images: far from converged.
import numpy as np
import tensorflow as tf

(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype(np.float32) / 255.0
BATCHSIZE = 10

W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
for step in range(8):
    xb = x_train[step * BATCHSIZE:(step + 1) * BATCHSIZE]
    yb = y_train[step * BATCHSIZE:(step + 1) * BATCHSIZE]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=yb.astype(np.int64), logits=xb @ W + b))
    optimizer.apply_gradients(zip(tape.gradient(loss, [W, b]), [W, b]))


def predict(images):
    flat = images.reshape(-1, 784).astype(np.float32) / 255.0
    return tf.argmax(flat @ W + b, axis=1).numpy()
