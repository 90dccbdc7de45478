"""Imports TensorFlow and computes one tensor: the runtime works under the default limits."""

import tensorflow as tf

print(int(tf.constant(2) * 3))
