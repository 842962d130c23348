"""Answers to the exercises of 04_loss_functions (format: CONTRIBUTING.md, "Writing an exercise")."""

import numpy as np


def _bce_from_logits(z, y):
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


def _bce_through_sigmoid(z, y):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-z))
        return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def _bce_no_max(z, y):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.log(1 + np.exp(z)) - z * y


def _bce_wrong_sign(z, y):
    return np.maximum(z, 0) - z * (1 - y) + np.log1p(np.exp(-np.abs(z)))


z_ex = np.array([2.0, 0.5, -1.0])
log_norm = np.log(np.sum(np.exp(z_ex)))
errors = np.array([1.0, -2.0, 3.0, -4.0])
targets = np.array([1.0, 2.0, 4.0, 7.0, 200.0])

QUESTIONS = {
    "04-bce-one": {
        "kind": "number",
        "answer": -np.log(0.25),
        "decimals": 3,
        "wrong": [
            (-np.log10(0.25), "use the natural logarithm np.log, not np.log10."),
            (
                -np.log(0.75),
                "that is -log(p), the loss for label 1; the label is 0, so -log(1 - p) counts.",
            ),
            (np.log(0.25), "the sign is wrong: a loss is -log(p), which is positive."),
        ],
    },
    "04-sparse-cce": {
        "kind": "number",
        "answer": -(z_ex[1] - log_norm),
        "decimals": 3,
        "wrong": [
            (-(z_ex[0] - log_norm), "class 1 is the second logit (0.5): counting starts at 0."),
            (
                np.log1p(np.exp(-0.5)),
                "that is a sigmoid of one logit; softmax normalises over all three.",
            ),
            (z_ex[1] - log_norm, "the sign is wrong: the loss is minus the log-probability."),
        ],
    },
    "04-bce-from-logits": {
        "kind": "function",
        "answer": _bce_from_logits,
        "inputs": [[[2.0, -3.0, 50.0, -800.0, 800.0], [1.0, 0.0, 0.0, 1.0, 1.0]]],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (
                _bce_through_sigmoid,
                "inf or nan: you went through sigmoid(z); use the formula in z only.",
            ),
            (
                _bce_no_max,
                "log(1 + exp(z)) overflows for z = 800: compute it as np.logaddexp(0, z).",
            ),
            (_bce_wrong_sign, "the y term is - z * y: for y = 1 the loss is log(1 + exp(-z))."),
        ],
    },
    "04-mae-or-mse": {
        "kind": "choice",
        "answer": "MSE",
        "options": ["MAE", "MSE", "equal"],
        "wrong": [
            ("MAE", "errors of size 2, 3 and 4 square to 4, 9 and 16: above 1, e^2 > |e|."),
            ("equal", "only errors of size 0 or 1 cost the same under both."),
        ],
    },
    "04-mae": {
        "kind": "number",
        "answer": np.mean(np.abs(errors)),
        "decimals": 2,
        "wrong": [
            (np.mean(errors), "take the absolute value of each error before averaging."),
            (np.sum(np.abs(errors)), "divide the sum by n = 4."),
        ],
    },
    "04-mse": {
        "kind": "number",
        "answer": np.mean(errors**2),
        "decimals": 2,
        "wrong": [
            (np.sum(errors**2), "divide the sum of squares by n = 4."),
            (np.mean(np.abs(errors)) ** 2, "average the squared errors; that is the MAE squared."),
        ],
    },
    "04-mae-constant": {
        "kind": "number",
        "answer": np.median(targets),
        "decimals": 1,
        "wrong": [
            (
                np.mean(targets),
                "that is the average; under MAE a target 200 away pulls no harder than one 1 away.",
            ),
            (4.5, "with 5 targets, equal pulling means as many targets above c as below it."),
        ],
    },
    "04-mse-constant": {
        "kind": "number",
        "answer": np.mean(targets),
        "decimals": 1,
        "wrong": [
            (
                np.median(targets),
                "that is the middle target; under MSE the target 200 pulls hardest.",
            ),
        ],
    },
}
