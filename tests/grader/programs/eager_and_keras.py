# Eager style: variables, tensors, a dict-structured dataset, a Keras model, and mistakes.
import numpy as np
import tensorflow as tf

weight = tf.Variable([[1.0, 2.0]], name="weight")
pairs = tf.data.Dataset.from_tensor_slices({"a": [1, 2, 3], "b": [10.0, 20.0, 30.0]}).shuffle(
    3, seed=1
)
model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1, use_bias=False)])
model.layers[0].set_weights([np.array([[1.0], [1.0]], dtype=np.float32)])


def square(values):
    return tf.square(tf.constant(values, dtype=tf.float32))


def divide(a, b):
    return a / b


def returns_object():
    return object()


def make_dataset(n):
    return tf.data.Dataset.range(n).repeat(2)
