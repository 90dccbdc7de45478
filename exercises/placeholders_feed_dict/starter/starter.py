# %% [markdown]
# # 占位符与 feed_dict / Placeholders and feed_dict
#
# 在非 eager 的计算图中，占位符是图的输入，运行时用 `feed_dict` 喂入数据。
# In a non-eager graph a placeholder is an input, fed through `feed_dict` when the graph runs.

# %%
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# %% [markdown]
# 1. `x`：名字为 `"x"`、形状 `[None]` 的 `float32` 占位符
#    / a float32 placeholder named "x" of shape [None]
# 2. `y = 2x² − 3x + 1`，名字为 `"y"` / named "y"
# 3. `total`：`y` 的所有元素之和，名字为 `"total"` / the sum of y, named "total"

# %%
x = None  # TODO: tf.compat.v1.placeholder(...)
y = None  # TODO: 2x^2 - 3x + 1, name="y"
total = None  # TODO: the sum of y, name="total"

# %%
if __name__ == "__main__":
    with tf.compat.v1.Session() as sess:
        pass  # TODO: print(sess.run([y, total], feed_dict={x: [0.0, 1.0, 2.0]}))
