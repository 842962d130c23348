"""Answers to the exercises of 09_optimizers (format: CONTRIBUTING.md, "Writing an exercise")."""

import numpy as np

# Exercise 1: two momentum steps, lr 0.1, beta 0.9, from w = 1 with g = 2 then g = 1
_v1 = -0.1 * 2.0
_v2 = 0.9 * _v1 - 0.1 * 1.0
_momentum_two = 1.0 + _v1 + _v2  # 0.52
_sgd_two = 1.0 - 0.1 * 2.0 - 0.1 * 1.0  # 0.7
_nesterov_two = (1.0 + 0.9 * _v1 - 0.1 * 2.0) + 0.9 * _v2 - 0.1 * 1.0  # 0.268

# Exercise 2: Adam's first step, w = 0.5, g = 0.02, lr 0.01
_g = 0.02
_m, _s = 0.1 * _g, 0.001 * _g**2
_adam_first = 0.5 - 0.01 * (_m / 0.1) / (np.sqrt(_s / 0.001) + 1e-7)  # 0.49
_adam_uncorrected = 0.5 - 0.01 * _m / (np.sqrt(_s) + 1e-7)
_sgd_first = 0.5 - 0.01 * _g
_adam_plus = 0.5 + 0.01 * (_m / 0.1) / (
    np.sqrt(_s / 0.001) + 1e-7
)  # the step added, not subtracted
_adam_no_root = 0.5 - 0.01 * (_m / 0.1) / (_s / 0.001 + 1e-7)  # s_hat without its square root


# Exercise 3: RMSprop from w = 0, s = 0
def _rmsprop(gradients, lr):
    w, s = 0.0, 0.0
    for g in gradients:
        s = 0.9 * s + 0.1 * g**2
        w = w - lr * g / np.sqrt(s + 1e-7)
    return w


def _rmsprop_no_decay_weight(gradients, lr):
    w, s = 0.0, 0.0
    for g in gradients:
        s = 0.9 * s + g**2
        w = w - lr * g / np.sqrt(s + 1e-7)
    return w


def _rmsprop_s_after(gradients, lr):
    w, s = 0.0, 0.0
    for g in gradients:
        w = w - lr * g / np.sqrt(s + 1e-7)  # the old s: the new g^2 is not in it yet
        s = 0.9 * s + 0.1 * g**2
    return w


def _rmsprop_uphill(gradients, lr):
    w, s = 0.0, 0.0
    for g in gradients:
        s = 0.9 * s + 0.1 * g**2
        w = w + lr * g / np.sqrt(s + 1e-7)
    return w


def _rmsprop_no_root(gradients, lr):
    w, s = 0.0, 0.0
    for g in gradients:
        s = 0.9 * s + 0.1 * g**2
        w = w - lr * g / (s + 1e-7)
    return w


# Exercise 4: Adadelta's first step with lr 1.0 and the tiny g = 0.001 (0.05 g^2 = delta / 2)
_g4 = 0.001
_adadelta_first = np.sqrt(1e-7) / np.sqrt(0.05 * _g4**2 + 1e-7) * _g4
_adadelta_shortcut = np.sqrt(1e-7 / 0.05)  # ignores delta next to 0.05 g^2
_adadelta_no_g = np.sqrt(1e-7) / np.sqrt(0.05 * _g4**2 + 1e-7)  # the factor, without times g
_adadelta_no_roots = 1e-7 / (0.05 * _g4**2 + 1e-7) * _g4  # (u + delta) / (s + delta), no roots

QUESTIONS = {
    "09-momentum-two-steps": {
        "kind": "number",
        "answer": _momentum_two,
        "decimals": 3,
        "wrong": [
            (
                _sgd_two,
                "that is plain SGD: momentum adds 0.9 times the previous step to the second.",
            ),
            (
                _nesterov_two,
                "that is the Nesterov variant; plain momentum adds v itself: w <- w + v.",
            ),
            (1.0 - _v1 - _v2, "v already carries the minus sign of -lr g: add it, w <- w + v."),
            (1.0 + _v1, "that is w after the first step; take the second step too."),
        ],
    },
    "09-adam-m-hat": {
        "kind": "number",
        "answer": 0.1 * _g / 0.1,
        "decimals": 6,
        "wrong": [
            (0.1 * _g, "that is m itself; m_hat divides it by 1 - 0.9^1 = 0.1."),
            (0.1 * _g / 0.9, "divide m by 1 - 0.9^t = 1 - 0.9 = 0.1 (t = 1), not by 0.9."),
        ],
    },
    "09-adam-s-hat": {
        "kind": "number",
        "answer": 0.001 * _g**2 / 0.001,
        "sig": 3,
        "wrong": [
            (0.001 * _g**2, "that is s itself; s_hat divides it by 1 - 0.999^1 = 0.001."),
            (_g, "that is the square root of s_hat; s_hat itself is an average of g^2."),
        ],
    },
    "09-adam-first-step": {
        "kind": "number",
        "answer": _adam_first,
        "decimals": 4,
        "wrong": [
            (
                _adam_uncorrected,
                "you left out the bias correction: divide m by 1 - 0.9^t and s by 1 - 0.999^t.",
            ),
            (_sgd_first, "that is SGD's step, lr * g; Adam divides by the root of s."),
            (
                _adam_plus,
                "Adam steps against the gradient: w - lr * m_hat / (sqrt(s_hat) + delta).",
            ),
            (_adam_no_root, "divide by the square root of s_hat, not by s_hat itself."),
        ],
    },
    "09-rmsprop": {
        "kind": "function",
        "answer": _rmsprop,
        "inputs": [
            [[2.0, 1.0, -0.5], 0.1],
            [[0.3], 0.01],
            [[1.0, 1.0, 1.0, 1.0], 0.05],
            [[-4.0, 0.5, 0.5, 2.0, -1.0], 0.2],
        ],
        "output": "number",
        "decimals": 4,
        "wrong": [
            (_rmsprop_no_decay_weight, "the new g^2 enters with weight 0.1: s <- 0.9 s + 0.1 g^2."),
            (_rmsprop_no_root, "divide by the square root of s + delta, not by s itself."),
            (_rmsprop_s_after, "update s with the new g^2 first, then take the step with that s."),
            (
                _rmsprop_uphill,
                "the step goes against the gradient: w <- w - lr g / sqrt(s + delta).",
            ),
        ],
    },
    "09-adadelta-first-step": {
        "kind": "number",
        "answer": _adadelta_first,
        "sig": 3,
        "wrong": [
            (
                _adadelta_shortcut,
                "that is the shortcut for large gradients; here 0.05 g^2 is only half of delta, "
                "so keep delta in sqrt(s + delta).",
            ),
            (_g4, "the step is scaled by sqrt(u + delta) / sqrt(s + delta), not by 1."),
            (_adadelta_no_g, "that is the scale factor; the step d is that factor times g."),
            (_adadelta_no_roots, "take the square roots: sqrt(u + delta) / sqrt(s + delta)."),
        ],
    },
}
