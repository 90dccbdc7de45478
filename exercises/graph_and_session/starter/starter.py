# %% [markdown]
# # 计算图与会话 / Graph and Session
#
# 定义图不计算，`sess.run` 才计算。Defining computes nothing; `sess.run` does.

# %%
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# %%
a = b = total = product = None  # TODO: placeholders a, b; total = a + b; product = a * b
counter = increment = None  # TODO: int32 variable counter = 0; increment adds 1 to it

# %% [markdown]
# 定义到这里，还没有计算任何东西：`total` 只是图中的一个节点。
# Nothing has been computed yet: `total` is only a node of the graph.

# %%
print(total)
sess = tf.compat.v1.Session()
# TODO: initialise the variables in sess


# %%
def compute(a_values, b_values):
    """(total, product) for the given inputs, fetched in one sess.run."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


def run_steps(n):
    """Run increment n times; the counter's value afterwards."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    print(compute(np.array([1.0, 2.0]), np.array([3.0, 4.0])))
    print(run_steps(3), run_steps(2))
