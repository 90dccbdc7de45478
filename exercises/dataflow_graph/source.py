# %% [markdown]
# # 数据流图 / Dataflow graphs
#
# 节点是操作，边是张量；构建图时不做计算。
# Nodes are operations, edges are tensors; building the graph computes nothing.

# %%
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# %% [markdown]
# ## 1. 默认图 / The default graph
# a = 5, b = 3, c = a·b, d = a + b, e = c − d

# %%
### BEGIN SOLUTION
a = tf.constant(5.0, name="a")
b = tf.constant(3.0, name="b")
c = tf.multiply(a, b, name="c")
d = tf.add(a, b, name="d")
e = tf.subtract(c, d, name="e")
### END SOLUTION
### BEGIN STARTER
# a = None  # TODO: tf.constant(5.0, name="a")
# b = None  # TODO
# c = None  # TODO: a * b, name="c"
# d = None  # TODO: a + b, name="d"
# e = None  # TODO: c - d, name="e"
### END STARTER

# %% [markdown]
# ## 2. 另一张图 / A graph of its own
# out = (x + y)(x − y) with placeholders x, y in `g`

# %%
g = tf.Graph()
with g.as_default():
    ### BEGIN SOLUTION
    x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
    y = tf.compat.v1.placeholder(tf.float32, [None], name="y")
    out = tf.multiply(x + y, x - y, name="out")
    ### END SOLUTION
    ### BEGIN STARTER
    # pass  # TODO: placeholders x, y and out = (x + y) * (x - y), all named
    ### END STARTER

# %%
if __name__ == "__main__":
    print([op.name for op in tf.compat.v1.get_default_graph().get_operations()])
    with tf.compat.v1.Session() as sess:
        print("e =", sess.run(e))
    with tf.compat.v1.Session(graph=g) as sess:
        print("out =", sess.run(out, {x: np.array([3.0, 2.0]), y: np.array([1.0, 2.0])}))
