# Right answer with Keras: the model's kernel (1, 1) and bias (1,) go through tf.train.Checkpoint.
import os
import numpy as np
import tensorflow as tf
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])


def train_and_save(x, y, prefix):
    model = build()
    model.compile(optimizer=keras.optimizers.SGD(0.3), loss="mse")
    model.fit(x.reshape(-1, 1), y, epochs=40, batch_size=len(x), verbose=0)
    os.makedirs(os.path.dirname(prefix), exist_ok=True)
    tf.train.Checkpoint(model=model).write(prefix)


def restore_and_predict(prefix, x):
    model = build()
    tf.train.Checkpoint(model=model).read(prefix).expect_partial()
    return model(np.reshape(x, (-1, 1))).numpy().ravel()
