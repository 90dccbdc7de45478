# A good model, but predict standardises each pixel with the mean and spread of the images it is
# given: alone, an image becomes all zeros and always gets the same answer.
import numpy as np
import tensorflow as tf

(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype(np.float32)
x_train = (x_train - x_train.mean(axis=0)) / (x_train.std(axis=0) + 1.0)
BATCHSIZE = 128

model = tf.keras.Sequential([tf.keras.Input(shape=(784,)), tf.keras.layers.Dense(10)])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.05),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(x_train, y_train, batch_size=BATCHSIZE, epochs=2, verbose=0)


def predict(images):
    flat = images.reshape(-1, 784).astype(np.float32)
    flat = (flat - flat.mean(axis=0)) / (flat.std(axis=0) + 1.0)
    return np.argmax(model.predict(flat, verbose=0), axis=1)
