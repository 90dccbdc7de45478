# %% [markdown]
# # 常量、变量与占位符 / Constants, Variables and Placeholders

# %%
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

# %%
c = tf.constant([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float32, name="c")
w = tf.Variable([0.5, -0.5], dtype=tf.float32, name="w")
double_w = w.assign(w * 2)
x = tf.compat.v1.placeholder(tf.float32, shape=[None, 2], name="x")
y = tf.add(tf.matmul(x, c), w, name="y")

# %%
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())


# %%
def predict_in_batches(data, batch_size):
    """y for every row of data, computed batch by batch through the placeholder x."""
    data = np.asarray(data, dtype=np.float32)
    parts = [
        sess.run(y, feed_dict={x: data[start:start + batch_size]})
        for start in range(0, len(data), batch_size)
    ]
    return np.concatenate(parts, axis=0)


# %%
if __name__ == "__main__":
    print(predict_in_batches(np.arange(10, dtype=np.float32).reshape(5, 2), 2))
