"""Answers to the exercises of 04_loss_functions (format: CONTRIBUTING.md, "Writing an "
"exercise")."""

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


def _bce_unguarded(z, y):
    with np.errstate(over="ignore", invalid="ignore"):
        return y * np.log(1 + np.exp(-z)) + (1 - y) * np.log(1 + np.exp(z))


# Exercise 2: a batch whose rows have very different sizes (one ordinary row, one of +-1000, one
# where every logit is near -1000): only a maximum per row computes all three.
Z_BATCH = [[2.0, 0.5, -1.0], [1000.0, 0.0, -1000.0], [-1000.0, -995.0, -1010.0]]
LABELS = [1, 2, 0]


def _quiet(fn):
    def wrapped(z, labels):
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            return fn(np.asarray(z, float), np.asarray(labels))

    return wrapped


def _rows(z):
    return np.arange(len(z))


@_quiet
def _cce(z, labels):
    m = z.max(axis=1, keepdims=True)
    return -(z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[_rows(z), labels]


@_quiet
def _cce_through_softmax(z, labels):
    p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    return -np.log(p[_rows(z), labels])


@_quiet
def _cce_stable_softmax_then_log(z, labels):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return -np.log((e / e.sum(axis=1, keepdims=True))[_rows(z), labels])


@_quiet
def _cce_one_max(z, labels):
    m = z.max()
    return -(z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[_rows(z), labels]


@_quiet
def _cce_no_max(z, labels):
    return -(z - np.log(np.sum(np.exp(z), axis=1, keepdims=True)))[_rows(z), labels]


@_quiet
def _cce_max_no_keepdims(z, labels):
    m = z.max(axis=1)  # shape (N,): lines up with the columns of an (N, k) array
    return -(z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[_rows(z), labels]


@_quiet
def _cce_sum_all(z, labels):
    m = z.max(axis=1, keepdims=True)
    return -(z - m - np.log(np.sum(np.exp(z - m))))[_rows(z), labels]


@_quiet
def _cce_mean(z, labels):
    return np.mean(_cce(z, labels))


@_quiet
def _cce_block(z, labels):
    m = z.max(axis=1, keepdims=True)
    return -(z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, labels]


@_quiet
def _cce_sign(z, labels):
    return -_cce(z, labels)


errors = np.array([0.5, -0.5, 0.5, -0.5, 2.0])
six = np.array([1.0, 2.0, 4.0, 7.0, 9.0, 200.0])

QUESTIONS = {
    "04-bce-one": {
        "kind": "number",
        "answer": 1 - np.exp(-1),
        "decimals": 3,
        "wrong": [
            (
                np.exp(-1),
                "that p makes -log(p) = 1, the loss of label 1; for label 0 the loss is "
                "-log(1 - p).",
            ),
            (
                0.9,
                "solve with the natural logarithm: -log(1 - p) = 1 gives 1 - p = e^-1, not 10^-1.",
            ),
            (
                1 - np.exp(1),
                "a probability lies between 0 and 1: -log(1 - p) = 1 means 1 - p = e^-1.",
            ),
        ],
    },
    "04-sparse-cce": {
        "kind": "function",
        "answer": _cce,
        "inputs": [[Z_BATCH, LABELS]],
        "output": "array",
        "decimals": 3,
        "hint": (
            "work row by row: subtract the row's maximum m, take z - m - log(sum(exp(z - m))) over "
            "that row, pick the true class and negate it."
        ),
        "wrong": [
            (
                _cce_through_softmax,
                "inf and nan for the rows of size 1000: through the probabilities, exp(1000) "
                "overflows and exp(-1000) rounds to 0; compute log softmax from the logits, "
                "with each row's maximum taken out.",
            ),
            (
                _cce_stable_softmax_then_log,
                "inf for the second row: its true class's probability, exp(-2000), rounds to 0 and "
                "log(0) = -inf; take the log before dividing: z - m - log(sum(exp(z - m))).",
            ),
            (
                _cce_one_max,
                "one maximum for the whole batch leaves rows far below it at exp(-1000) = 0: take "
                "one maximum per row, z.max(axis=1, keepdims=True).",
            ),
            (
                _cce_no_max,
                "inf or nan for the rows of size 1000: exp overflows; subtract each row's maximum "
                "first, as in section 3.",
            ),
            (
                _cce_max_no_keepdims,
                "z.max(axis=1) has shape (N,), and z - it subtracts it along the columns, not the "
                "rows: use z.max(axis=1, keepdims=True), shape (N, 1).",
            ),
            (
                _cce_sum_all,
                "np.sum without an axis adds the whole batch: sum each row, axis=1, keepdims=True.",
            ),
            (_cce_mean, "return the loss of each example, shape (N,), not their mean."),
            (
                _cce_block,
                "z[:, labels] takes whole columns, an (N, N) block; take one entry per row with "
                "[np.arange(len(z)), labels].",
            ),
            (_cce_sign, "the sign is wrong: the loss is minus the log-probability."),
        ],
    },
    "04-bce-from-logits": {
        "kind": "function",
        "answer": _bce_from_logits,
        "inputs": [[[2.0, -3.0, 50.0, -800.0, 800.0], [1.0, 0.0, 0.0, 1.0, 1.0]]],
        "output": "array",
        "decimals": 4,
        "hint": (
            "check one example of each label by hand: for y = 1 the loss is log(1 + e^(-z)), for y "
            "= 0 it is log(1 + e^z)."
        ),
        "wrong": [
            (
                _bce_through_sigmoid,
                "inf or nan: you went through sigmoid(z); use the formula in z only.",
            ),
            (
                _bce_no_max,
                "log(1 + exp(z)) overflows for z = 800: compute it as np.logaddexp(0, z).",
            ),
            (
                _bce_unguarded,
                "inf and nan for z = -800 and 800: exp(800) overflows in log(1 + exp(u)), and "
                "0 * inf is nan; write each log(1 + e^u) as np.logaddexp(0, u).",
            ),
            (_bce_wrong_sign, "the y term is - z * y: for y = 1 the loss is log(1 + exp(-z))."),
        ],
    },
    "04-mae-or-mse": {
        "kind": "choice",
        "answer": "MSE",
        "options": ["MAE", "MSE", "equal"],
        "wrong": [
            (
                "MAE",
                "four errors of 0.5 each cost 0.25 less under MSE, but the error 2 costs 4 "
                "instead of 2: add up the differences.",
            ),
            ("equal", "only errors of size 0 or 1 cost the same under both; add up the rest."),
        ],
    },
    "04-mae": {
        "kind": "number",
        "answer": np.mean(np.abs(errors)),
        "decimals": 2,
        "wrong": [
            (np.mean(errors), "take the absolute value of each error before averaging."),
            (np.sum(np.abs(errors)), "divide the sum by n = 5."),
        ],
    },
    "04-mse": {
        "kind": "number",
        "answer": np.mean(errors**2),
        "decimals": 2,
        "wrong": [
            (np.sum(errors**2), "divide the sum of squares by n = 5."),
            (np.mean(np.abs(errors)) ** 2, "average the squared errors; that is the MAE squared."),
            (
                np.mean(errors) ** 2,
                "that is the square of the mean error: square each error first, then average.",
            ),
        ],
    },
    "04-mse-constant": {
        "kind": "number",
        "answer": np.mean(six),
        "decimals": 1,
        "wrong": [
            (
                np.median(six),
                "that is the middle of the targets; under MSE the target 200 pulls hardest.",
            ),
            (np.sum(six) / 5, "there are six targets: divide their sum by 6."),
            (np.mean(six[:-1]), "keep the target 200: MSE counts every target."),
        ],
    },
    "04-mae-interval": {
        "kind": "array",
        "answer": np.array([4.0, 7.0]),
        "decimals": 1,
        "hint": (
            "count the targets above and below c for c between each pair of neighbouring targets: "
            "the MAE falls while more lie on one side, and is flat where the counts are equal."
        ),
        "wrong": [
            (
                np.array([5.5, 5.5]),
                "5.5 is one of them; move c a little either way and count the targets above and "
                "below it: does the MAE change?",
            ),
            (np.array([7.0, 4.0]), "give the lower end first: (lower, upper)."),
            (
                np.array([2.0, 9.0]),
                "between 2 and 4 there are four targets above c and two below: moving c up still "
                "lowers the MAE.",
            ),
            (
                np.array([4.0, 9.0]),
                "between 7 and 9 there are four targets below c and two above: moving c down still "
                "lowers the MAE.",
            ),
            (
                np.array([2.0, 7.0]),
                "between 2 and 4 there are four targets above c and two below: moving c up still "
                "lowers the MAE.",
            ),
            (
                np.array([4.0, 4.0]),
                "4 is one end; what happens to the MAE as c moves from 4 towards 7?",
            ),
        ],
    },
}
