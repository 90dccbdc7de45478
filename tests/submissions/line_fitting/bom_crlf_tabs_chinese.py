# -*- coding: utf-8 -*-
# 直线拟合作业：用梯度下降求斜率和截距
import numpy as np
import tensorflow as tf


def fit_line(x, y):
	"""返回 (斜率, 截距)"""
	数据x = tf.constant(x, dtype=tf.float32)
	数据y = tf.constant(y, dtype=tf.float32)
	斜率 = tf.Variable(0.0)
	截距 = tf.Variable(0.0)
	学习率 = 0.1
	for 步 in range(600):
		with tf.GradientTape() as 带:
			损失 = tf.reduce_mean(tf.square(斜率 * 数据x + 截距 - 数据y))
		梯度 = 带.gradient(损失, [斜率, 截距])
		斜率.assign_sub(学习率 * 梯度[0])
		截距.assign_sub(学习率 * 梯度[1])
	return 斜率.numpy(), 截距.numpy()   # 返回 numpy 标量
