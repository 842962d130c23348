"""Answers to the exercises of 02_neuron_and_forward_pass."""

import numpy as np

# the networks on which the check calls the student's forward(X, *params): one hidden layer of 3
# tanh neurons, then two hidden layers of 3 and 2; one linear output each
_X = [[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]]
_W1 = [[0.5, -1.0, 0.2], [0.3, 0.8, -0.5]]
_b1 = [0.1, 0.0, -0.2]
_W2 = [[1.0], [-2.0], [0.5]]
_b2 = [0.3]
_W2_deep = [[0.7, -0.4], [-0.6, 0.9], [0.2, 0.5]]
_b2_deep = [0.05, -0.1]
_W3_deep = [[1.5], [-1.0]]
_b3_deep = [0.2]


def _forward(X, *params):
    weights, biases = params[0::2], params[1::2]
    for W, b in zip(weights[:-1], biases[:-1]):
        X = np.tanh(X @ W + b)
    return X @ weights[-1] + biases[-1]


def _tanh_everywhere(X, *params):
    for W, b in zip(params[0::2], params[1::2]):
        X = np.tanh(X @ W + b)
    return X


def _no_activation(X, *params):
    for W, b in zip(params[0::2], params[1::2]):
        X = X @ W + b
    return X


def _two_layers_only(X, W1, b1, W2, b2, *rest):
    return np.tanh(X @ W1 + b1) @ W2 + b2


def _relu_hidden(X, *params):
    weights, biases = params[0::2], params[1::2]
    for W, b in zip(weights[:-1], biases[:-1]):
        X = np.maximum(X @ W + b, 0)
    return X @ weights[-1] + biases[-1]


QUESTIONS = {
    "02-perceptron-w": {
        "kind": "array",
        "answer": np.array([0.6, -0.8]),
        "decimals": 2,
        "wrong": [
            (np.array([0.4, -1.2]), "the error y - prediction is +1 here: add eps*x."),
            (np.array([0.5, -1.0]), "the prediction is wrong (xw + b = -1.5 gives 0), so w moves."),
            (
                np.array([1.5, 1.0]),
                "the direction is right; the step is scaled by the learning rate: eps*(y - pred)*x.",
            ),
        ],
    },
    "02-perceptron-b": {
        "kind": "number",
        "answer": 0.1,
        "decimals": 2,
        "wrong": [
            (-0.1, "the error is +1, so the bias goes up: b + eps*(y - prediction)."),
            (0.0, "the bias changes too, by eps*(y - prediction)."),
            (1.0, "the direction is right; the step is scaled by the learning rate eps = 0.1."),
        ],
    },
    "02-kernel-shape": {
        "kind": "shape",
        "answer": (3, 7),
        "wrong": [
            ((7, 3), "that is the transpose: a Keras kernel is (inputs, units)."),
            (
                (5, 7),
                "the second layer's inputs are the first layer's 3 outputs, not the 5 features.",
            ),
            ((5, 3), "that is the first layer's kernel; the question asks for the second's."),
        ],
    },
    "02-output-shape": {
        "kind": "shape",
        "answer": (32, 7),
        "wrong": [
            ((7, 32), "the batch axis comes first: one row per sample."),
            ((32, 3), "that is the first layer's output; the second layer has 7 units."),
            ((32, 5), "each sample leaves a layer with one value per unit, not per feature."),
        ],
    },
    "02-forward": {
        "kind": "function",
        "answer": _forward,
        "inputs": [
            [_X, _W1, _b1, _W2, _b2],
            [_X, _W1, _b1, _W2_deep, _b2_deep, _W3_deep, _b3_deep],
        ],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (
                _tanh_everywhere,
                "the hidden layers are right; the last layer has no activation: leave out its tanh.",
            ),
            (_no_activation, "the hidden layers need their activation: tanh of A W + b."),
            (_relu_hidden, "this network's hidden layers use tanh, not ReLU."),
            (
                _two_layers_only,
                "right for one hidden layer; with two, loop over all the (W, b) pairs in params.",
            ),
        ],
    },
    "02-hidden-units": {
        "kind": "int",
        "answer": 32,
        "wrong": [
            (
                35,
                "with h = 35 the model has 421 parameters: count (10 + 1) h for the hidden layer, "
                "biases included, plus h + 1 for the output neuron.",
            ),
        ],
        "hint": "the hidden layer has (10 + 1) h parameters, the output neuron h + 1; solve for h.",
    },
}
