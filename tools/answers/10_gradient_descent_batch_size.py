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


def _no_factor_two(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(int(epochs)):
        for start in range(0, len(x), int(batch_size)):
            xb, yb = x[start : start + int(batch_size)], y[start : start + int(batch_size)]
            w = w - lr / len(xb) * xb.T @ (xb @ w - yb)
    return w


def _w_reset_every_epoch(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    for _ in range(int(epochs)):
        w = np.zeros(x.shape[1])
        for start in range(0, len(x), int(batch_size)):
            xb, yb = x[start : start + int(batch_size)], y[start : start + int(batch_size)]
            w = w - lr * 2 / len(xb) * xb.T @ (xb @ w - yb)
    return w


def _full_data_gradient(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(int(epochs)):
        for _start in range(0, len(x), int(batch_size)):
            w = w - lr * 2 / len(x) * x.T @ (x @ w - y)
    return w


def _gradient_ascent(x, y, batch_size, lr, epochs):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(int(epochs)):
        for start in range(0, len(x), int(batch_size)):
            xb, yb = x[start : start + int(batch_size)], y[start : start + int(batch_size)]
            w = w + lr * 2 / len(xb) * xb.T @ (xb @ w - yb)
    return w


_x5 = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [1.0, 2.0]]
_y5 = [2.0, -1.0, 1.0, 3.0, 0.0]
_x3 = [[1.0], [2.0], [3.0]]
_y3 = [2.0, 4.0, 6.5]


# Exercise 4: FLOPs of a training step of a 784-256-10 MLP at batch 128
def _layer_flops(layer_sizes, batch):
    return [2 * batch * a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:])]


def _step_flops(layer_sizes, batch):
    f = _layer_flops(layer_sizes, batch)
    return 2 * f[0] + 3 * sum(f[1:])


def _forward_only(layer_sizes, batch):
    return sum(_layer_flops(layer_sizes, batch))


def _all_three(layer_sizes, batch):
    return 3 * sum(_layer_flops(layer_sizes, batch))


def _backward_only(layer_sizes, batch):
    f = _layer_flops(layer_sizes, batch)
    return f[0] + 2 * sum(f[1:])


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
            (_sum_not_mean, "the loss is the mean over the batch: divide the gradient by len(xb)."),
            (
                _no_factor_two,
                "the derivative of the square (xb @ w - yb) ** 2 brings down a factor 2: the "
                "gradient is 2 / B * xb.T @ (xb @ w - yb).",
            ),
            (
                _w_reset_every_epoch,
                "your w is what one epoch gives: set w = 0 once, before the loop over epochs, "
                "so that each epoch continues from the w the previous one reached.",
            ),
            (
                _full_data_gradient,
                "each update uses the gradient of its own batch (xb, yb), not of the whole data x, y.",
            ),
            (
                _gradient_ascent,
                "subtract the gradient (w - lr * gradient): adding it climbs the loss.",
            ),
        ],
    },
    "10-batch-for-third-std": {
        "kind": "int",
        "answer": 8 * 3**2,
        "wrong": [
            (24, "the variance falls as 1/B, the standard deviation as 1/sqrt(B)."),
            (
                14,
                "the standard deviation falls as 1/sqrt(B): to divide it by 3, sqrt(B) must grow 3 times.",
            ),
            (8 * 3**4, "the standard deviation falls as 1/sqrt(B), not as 1/B**2."),
        ],
    },
    "10-step-flops": {
        "kind": "function",
        "answer": _step_flops,
        "inputs": [
            [[784, 256, 10], 128],
            [[784, 64, 10], 1],
            [[10, 5], 3],
            [[784, 1024, 10], 256],
            [[3, 4, 5, 2], 7],
        ],
        "convert": "none",
        "output": "int",
        "wrong": [
            (_forward_only, "that is the forward pass only; add the backward pass."),
            (_all_three, "the first layer needs no gradient with respect to the data: 2x, not 3x."),
            (
                _backward_only,
                "2x and 3x are the whole step (forward included), not the backward pass alone.",
            ),
        ],
    },
}
