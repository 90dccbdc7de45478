# %% [markdown]
# # 计算图与会话 / Graph and Session
#
# 定义图不计算，`sess.run` 才计算。Defining computes nothing; `sess.run` does.

# %%
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# %%
### BEGIN SOLUTION
a = tf.compat.v1.placeholder(tf.float32, [None], name="a")
b = tf.compat.v1.placeholder(tf.float32, [None], name="b")
total = tf.add(a, b, name="total")
product = tf.multiply(a, b, name="product")
counter = tf.compat.v1.Variable(0, dtype=tf.int32, name="counter")
increment = tf.compat.v1.assign_add(counter, 1, name="increment")
### END SOLUTION
### BEGIN STARTER
# a = b = total = product = None  # TODO: placeholders a, b; total = a + b; product = a * b
# counter = increment = None  # TODO: int32 variable counter = 0; increment adds 1 to it
### END STARTER

# %% [markdown]
# 定义到这里，还没有计算任何东西：`total` 只是图中的一个节点。
# Nothing has been computed yet: `total` is only a node of the graph.

# %%
print(total)
sess = tf.compat.v1.Session()
### BEGIN SOLUTION
sess.run(tf.compat.v1.global_variables_initializer())
### END SOLUTION
### BEGIN STARTER
# # TODO: initialise the variables in sess
### END STARTER


# %%
def compute(a_values, b_values):
    """(total, product) for the given inputs, fetched in one sess.run."""
    ### BEGIN SOLUTION
    return sess.run([total, product], feed_dict={a: a_values, b: b_values})
    ### END SOLUTION


def run_steps(n):
    """Run increment n times; the counter's value afterwards."""
    ### BEGIN SOLUTION
    for _ in range(n):
        sess.run(increment)
    return int(sess.run(counter))
    ### END SOLUTION


# %%
if __name__ == "__main__":
    print(compute(np.array([1.0, 2.0]), np.array([3.0, 4.0])))
    print(run_steps(3), run_steps(2))
