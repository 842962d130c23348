"""Answers to the exercises of 10_gradient_descent_batch_size (format: CONTRIBUTING.md,
"Writing an exercise")."""

import numpy as np


# Exercise 2: mini-batch gradient descent for a linear model and the mean squared error
def _minibatch_gd(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(int(epochs)):
        for start in range(0, len(x), int(batch_size)):
            xb, yb = x[start : start + int(batch_size)], y[start : start + int(batch_size)]
            w = w - lr * 2 / len(xb) * xb.T @ (xb @ w - yb)
    return w


def _divides_by_batch_size(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(int(epochs)):
        for start in range(0, len(x), int(batch_size)):
            xb, yb = x[start : start + int(batch_size)], y[start : start + int(batch_size)]
            w = w - lr * 2 / int(batch_size) * xb.T @ (xb @ w - yb)
    return w


def _drops_last_batch(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    b = int(batch_size)
    for _ in range(int(epochs)):
        for start in range(0, len(x) - b + 1, b):
            xb, yb = x[start : start + b], y[start : start + b]
            w = w - lr * 2 / len(xb) * xb.T @ (xb @ w - yb)
    return w


def _sum_not_mean(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(int(epochs)):
        for start in range(0, len(x), int(batch_size)):
            xb, yb = x[start : start + int(batch_size)], y[start : start + int(batch_size)]
            w = w - lr * 2 * xb.T @ (xb @ w - yb)
    return w


_x5 = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [1.0, 2.0]]
_y5 = [2.0, -1.0, 1.0, 3.0, 0.0]
_x3 = [[1.0], [2.0], [3.0]]
_y3 = [2.0, 4.0, 6.5]

# Exercise 4: FLOPs of a training step of a 784-256-10 MLP at batch 128
_first, _second = 2 * 128 * 784 * 256, 2 * 128 * 256 * 10

QUESTIONS = {
    "10-updates-per-epoch": {
        "kind": "int",
        "answer": int(np.ceil(4000 / 128)),
        "wrong": [
            (31, "4000 = 31 * 128 + 32: the 32 images left over make a batch too."),
            (4000 * 128, "divide the number of images by the batch size."),
        ],
    },
    "10-minibatch-gd": {
        "kind": "function",
        "answer": _minibatch_gd,
        "inputs": [
            [_x5, _y5, 2, 0.1, 3],
            [_x3, _y3, 3, 0.05, 5],
            [_x5, _y5, 1, 0.05, 2],
            [_x5, _y5, 4, 0.1, 4],
        ],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (
                _divides_by_batch_size,
                "the last batch can be smaller: divide by the number of rows it has, len(xb).",
            ),
            (_drops_last_batch, "the last, smaller batch is part of the epoch too: keep it."),
            (_sum_not_mean, "the loss is the mean over the batch: the gradient has a 2 / B."),
        ],
    },
    "10-batch-for-quarter-std": {
        "kind": "int",
        "answer": 8 * 4**2,
        "wrong": [(32, "the variance falls as 1/B, the standard deviation as 1/sqrt(B).")],
    },
    "10-step-flops": {
        "kind": "int",
        "answer": 2 * _first + 3 * _second,
        "wrong": [
            (_first + _second, "that is the forward pass only; add the backward pass."),
            (
                3 * (_first + _second),
                "the first layer needs no gradient with respect to the data: 2x, not 3x.",
            ),
            (
                _first + 2 * _second,
                "2x and 3x are the whole step (forward included), not the backward pass alone.",
            ),
        ],
    },
}
