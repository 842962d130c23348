"""Answers to the exercises of 02_neuron_and_forward_pass."""

import numpy as np

# the batch on which the check calls the student's forward(X, W1, b1, W2, b2)
_X = [[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]]
_W1 = [[0.5, -1.0, 0.2], [0.3, 0.8, -0.5]]
_b1 = [0.1, 0.0, -0.2]
_W2 = [[1.0], [-2.0], [0.5]]
_b2 = [0.3]


def _forward(X, W1, b1, W2, b2):
    return np.tanh(X @ W1 + b1) @ W2 + b2


QUESTIONS = {
    "02-perceptron-w": {
        "kind": "array",
        "answer": np.array([0.6, -0.8]),
        "decimals": 2,
        "wrong": [
            (np.array([0.4, -1.2]), "the error y - prediction is +1 here: add eps*x."),
            (np.array([0.5, -1.0]), "the prediction is wrong (xw + b = -1.5 gives 0), so w moves."),
        ],
    },
    "02-perceptron-b": {
        "kind": "number",
        "answer": 0.1,
        "decimals": 2,
        "wrong": [
            (-0.1, "the error is +1, so the bias goes up: b + eps*(y - prediction)."),
            (0.0, "the bias changes too, by eps*(y - prediction)."),
        ],
    },
    "02-kernel-shape": {
        "kind": "shape",
        "answer": (5, 3),
        "wrong": [((3, 5), "that is the transpose: a Keras kernel is (inputs, units).")],
    },
    "02-output-shape": {
        "kind": "shape",
        "answer": (32, 3),
        "wrong": [
            ((3, 32), "the batch axis comes first: one row per sample."),
            ((32, 5), "each sample leaves the layer with one value per unit, not per feature."),
        ],
    },
    "02-forward": {
        "kind": "function",
        "answer": _forward,
        "inputs": [[_X, _W1, _b1, _W2, _b2]],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (
                lambda X, W1, b1, W2, b2: (X @ W1 + b1) @ W2 + b2,
                "the hidden layer needs its activation: tanh of XW1 + b1.",
            ),
            (
                lambda X, W1, b1, W2, b2: np.maximum(X @ W1 + b1, 0) @ W2 + b2,
                "this network's hidden layer uses tanh, not ReLU.",
            ),
            (
                lambda X, W1, b1, W2, b2: 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2))),
                "the output layer has no activation here: leave out the sigmoid.",
            ),
        ],
    },
    "02-param-count": {
        "kind": "int",
        "answer": (10 + 1) * 8 + (8 + 1) * 8 + (8 + 1) * 1,
        "wrong": [
            (10 * 8 + 8 * 8 + 8 * 1, "you counted the weights only: each neuron also has a bias."),
            (168, "the output neuron has a bias too."),
        ],
    },
}
