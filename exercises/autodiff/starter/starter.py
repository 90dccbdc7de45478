# %% [markdown]
# # 自动微分 / Automatic differentiation

# %%
import numpy as np
import tensorflow as tf


def polynomial(coeffs, x):
    """f(x) = sum_k coeffs[k] * x ** (n - k), as np.polyval, with TensorFlow ops."""
    result = tf.zeros_like(x)
    for c in coeffs:
        result = result * x + c
    return result


# %%
def poly_grad(coeffs, x):
    """f'(x) at each point of x, by automatic differentiation."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
def loss_grads(w, b, x, y):
    """(dL/dw, dL/db) for L = mean((x @ w + b - y)^2)."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
def second_derivative(coeffs, x):
    """f''(x) at each point of x, with nested tapes."""
    # TODO: write your code here / 在此处编写代码
    raise NotImplementedError("not written yet / 尚未完成")


# %%
if __name__ == "__main__":
    print(poly_grad([1.0, 0.0, 0.0], np.array([1.0, 2.0])))  # d/dx x^2 = 2x: [2, 4]
    print(second_derivative([1.0, 0.0, 0.0, 0.0], np.array([1.0, 2.0])))  # 6x: [6, 12]
