# %% [markdown]
# # MNIST 手写数字分类 / MNIST digits with softmax and cross-entropy
#
# softmax 回归 + 交叉熵 + 小批量梯度下降。
# Softmax regression, cross-entropy loss, mini-batch gradient descent.

# %%
import time

import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype(np.float32) / 255.0
y_train = y_train.astype(np.int64)

# %% [markdown]
# 每个小批量的样本数 / examples per mini-batch

# %%
BATCHSIZE = 100
EPOCHS = 3

# %% [markdown]
# 模型与损失：$\hat y = \mathrm{softmax}(xW + b)$，交叉熵。
# Model and loss: logits $xW + b$, softmax cross-entropy.

# %%
x = tf.compat.v1.placeholder(tf.float32, [None, 784], name="x")
labels = tf.compat.v1.placeholder(tf.int64, [None], name="labels")
W = tf.Variable(tf.zeros([784, 10]), name="W")
b = tf.Variable(tf.zeros([10]), name="b")
logits = tf.matmul(x, W) + b
loss = tf.reduce_mean(
    tf.nn.softmax_cross_entropy_with_logits(labels=tf.one_hot(labels, 10), logits=logits)
)
train_step = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(loss)
predicted = tf.argmax(logits, axis=1, name="predicted")

# %% [markdown]
# 按批训练 / train batch by batch

# %%
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
started = time.time()
rng = np.random.default_rng(0)
for _ in range(EPOCHS):
    order = rng.permutation(len(x_train))
    for start in range(0, len(order), BATCHSIZE):
        batch = order[start:start + BATCHSIZE]
        sess.run(train_step, feed_dict={x: x_train[batch], labels: y_train[batch]})
print(f"training took {time.time() - started:.1f} s")


# %%
def predict(images):
    """Digits (N,) for uint8 images (N, 28, 28), scaled the same way as the training data."""
    flat = np.asarray(images, dtype=np.float32).reshape(-1, 784) / 255.0
    return sess.run(predicted, feed_dict={x: flat})


# %%
if __name__ == "__main__":
    accuracy = np.mean(predict(x_test) == y_test)
    print(f"test accuracy: {accuracy:.4f}")
