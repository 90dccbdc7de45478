# %% [markdown]
# # 常量、变量与占位符 / Constants, Variables and Placeholders

# %%
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# %%
c = w = double_w = x = y = None  # TODO: see the statement

# %%
sess = tf.compat.v1.Session()
# TODO: initialise the variables


# %%
def predict_in_batches(data, batch_size):
    """y for every row of data, computed batch by batch through the placeholder x."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    print(predict_in_batches(np.arange(10, dtype=np.float32).reshape(5, 2), 2))
