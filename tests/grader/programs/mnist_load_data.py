# Loads MNIST the way tutorials do, through both public paths, and summarises what it got.
import hashlib

import keras
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
same = keras.datasets.mnist.load_data()[1][0]
summary = {
    "shapes": [list(x_train.shape), list(y_train.shape), list(x_test.shape), list(y_test.shape)],
    "dtypes": [str(a.dtype) for a in (x_train, y_train, x_test, y_test)],
    "train_slice_sha256": hashlib.sha256(x_train[:100].tobytes()).hexdigest(),
    "test_labels_sha256": hashlib.sha256(y_test.tobytes()).hexdigest(),
    "keras_path_agrees": bool((same == x_test).all()),
}


def try_without_mount():
    import os

    from agent import datasets  # the agent's own module, as the sandbox imports it

    datasets.MNIST_DIR = "/data/not-mounted"
    try:
        tf.keras.datasets.mnist.load_data()
    except FileNotFoundError as exc:
        return str(exc)
    finally:
        datasets.MNIST_DIR = os.environ.get("TFGRADER_MNIST_DIR", "/data/mnist")
    return "no error"
