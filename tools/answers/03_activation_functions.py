"""Answers to the exercises of 03_activation_functions (format: CONTRIBUTING.md, "Writing an exercise")."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(a):
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _softmax_naive(a):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(a)
        return e / e.sum(axis=1, keepdims=True)


def _softmax_global_max(a):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(a - a.max())
        return e / e.sum(axis=1, keepdims=True)


def _softmax_columns(a):
    e = np.exp(a - a.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _softmax_whole_batch(a):
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum()


def _softmax_min(a):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(a - a.min(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)


def _sigmoid_each(a):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-a))


S2 = float(_sigmoid(2.0))
H = 0.01
FORWARD = float((_sigmoid(2.0 + H) - _sigmoid(2.0)) / H)
SHIFT_HINTS = {
    "b": "only differences of logits matter, and adding 100 keeps every difference.",
    "c": "only differences of logits matter, and adding 100 keeps every difference.",
    "d": "e^103 is about 7e44: large, but finite in float64 (which overflows only past about 709).",
}
SCALE_HINTS = {
    "a": "multiplying by 100 makes every difference between logits 100 times larger.",
    "b": "that happens for a small scale (a high temperature), not for 100.",
    "d": "e^300 is about 2e130: large, but finite in float64 (which overflows only past about 709).",
}
HEAD_OPTIONS = ["a", "b", "c", "d", "e"]

QUESTIONS = {
    "03-sigmoid-slope": {
        "kind": "number",
        "answer": S2 * (1 - S2),
        "decimals": 4,
        "wrong": [
            (S2, "that is sigma(2) itself; multiply it by (1 - sigma(2))."),
            (1 - S2, "that is 1 - sigma(2); multiply it by sigma(2)."),
        ],
    },
    "03-sigmoid-slope-fd": {
        "kind": "number",
        "answer": float((_sigmoid(2.0 + H) - _sigmoid(2.0 - H)) / (2 * H)),
        "decimals": 4,
        "wrong": [
            (FORWARD, "that is the one-sided difference; use sigma(2 + h) - sigma(2 - h) over 2h."),
            (float(_sigmoid(2.0 + H) - _sigmoid(2.0 - H)), "divide the difference by 2h."),
        ],
    },
    "03-cifar-w-shape": {
        "kind": "shape",
        "answer": (3072, 100),
        "wrong": [
            ((100, 3072), "that is the transpose: in the lecture W is (D, k), inputs first."),
            ((1024, 100), "each pixel is 3 numbers (red, green, blue): D = 32 * 32 * 3."),
            ((3072, 10), "CIFAR-100 has 100 classes: k = 100, one column of W per class."),
            ((784, 10), "those are MNIST's sizes; here D = 32 * 32 * 3 and k = 100."),
            ((64, 10), "those are the 8x8 digits' sizes; here D = 32 * 32 * 3 and k = 100."),
        ],
    },
    "03-cifar-a-shape": {
        "kind": "shape",
        "answer": (100, 1),
        "wrong": [
            ((1, 100), "that is the Keras row convention; the lecture's A = W^T X is a column."),
            ((3072, 1), "W^T is (k, D), so W^T X has one entry per class."),
            ((100,), "the lecture keeps A as a column, like X: give it two axes."),
            ((10, 1), "one entry per class, and CIFAR-100 has 100 classes."),
        ],
    },
    "03-stable-softmax": {
        "kind": "function",
        "answer": _softmax,
        "inputs": [
            [[[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]]],
            [[[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]]],
            [[[-800.0, 0.0, 800.0, 800.0]]],
        ],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (
                _softmax_naive,
                "nan for large logits: subtract each row's largest logit before np.exp.",
            ),
            (
                _softmax_global_max,
                "nan for the row around -1000: subtract each row's own largest logit "
                "(max along axis 1, keepdims=True), not the largest of the whole batch.",
            ),
            (
                _softmax_columns,
                "each column sums to 1 here; each row (one sample) must: reduce along axis 1.",
            ),
            (
                _softmax_whole_batch,
                "the whole batch sums to 1 here; each row must: sum along axis 1, keepdims=True.",
            ),
            (_softmax_min, "subtract the largest logit, not the smallest: exponents must be <= 0."),
            (_sigmoid_each, "that is a sigmoid per logit; softmax divides by the sum of its row."),
        ],
        "hint": "subtract each row's largest logit, exponentiate, divide by each row's sum.",
    },
    "03-shift-logits": {
        "kind": "choice",
        "answer": "a",
        "options": ["a", "b", "c", "d"],
        "wrong": list(SHIFT_HINTS.items()),
    },
    "03-scale-logits": {
        "kind": "choice",
        "answer": "c",
        "options": ["a", "b", "c", "d"],
        "wrong": list(SCALE_HINTS.items()),
    },
    "03-head-regions": {
        "kind": "choice",
        "answer": "a",
        "options": HEAD_OPTIONS,
        "wrong": [
            ("b", "20 separate sigmoids need not add up to 1; these shares must."),
            ("c", "one output gives one number; there are 20 shares."),
            ("d", "one output gives one number; there are 20 shares."),
            ("e", "two outputs give two numbers, and nothing makes them add up to 1."),
        ],
    },
    "03-head-editors": {
        "kind": "choice",
        "answer": "b",
        "options": HEAD_OPTIONS,
        "wrong": [
            (
                "a",
                "softmax makes the 20 answers compete for one total of 1: two editors could "
                "not both say yes.",
            ),
            ("c", "one output can give one editor's answer only; there are 20."),
            (
                "d",
                "yes/no answers are labels, not quantities: use probabilities and cross-entropy.",
            ),
            ("e", "yes/no answers are labels, not quantities, and there are 20 of them."),
        ],
    },
    "03-head-two-numbers": {
        "kind": "choice",
        "answer": "e",
        "options": HEAD_OPTIONS,
        "wrong": [
            ("a", "minutes and shares are quantities, not a choice among 20 classes."),
            ("b", "minutes and shares are quantities, not yes/no labels."),
            (
                "c",
                "a sigmoid squeezes the output into (0, 1), and there are two numbers to predict.",
            ),
            ("d", "one output unit predicts one number; here there are two."),
        ],
    },
}
