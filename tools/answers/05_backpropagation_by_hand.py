"""Answers to the exercises of 05_backpropagation_by_hand."""

import numpy as np

from helpers import datasets
from helpers.activations import sigmoid

# Exercise 1: f = w1² + 20 w2². Each step multiplies w2 by 1 - 40ε: converges iff |1 - 40ε| < 1.
EPS_MAX = 2 / 40

# Exercise 2: M = a·b·c + b², b used twice: dM/db = a·c + 2b at (2, 3, -1).
A, B, C = 2.0, 3.0, -1.0
DM_DB = A * C + 2 * B


# Exercise 3: logistic regression on the first two breast-cancer features, 100 full-batch steps.
def _train(recompute: bool, lr: float = 0.5, steps: int = 100) -> tuple[np.ndarray, float]:
    (x_bc, y_bc), _ = datasets.load_breast_cancer()
    x, y = x_bc[:, :2].astype(np.float64), y_bc.astype(np.float64)
    w, b = np.zeros(2), 0.0
    y_hat = sigmoid(x @ w + b)
    for _ in range(steps):
        if recompute:
            y_hat = sigmoid(x @ w + b)
        w = w - lr * x.T @ (y_hat - y) / len(y)
        b = b - lr * np.mean(y_hat - y)
    return w, float(b)


W_FIXED, B_FIXED = _train(recompute=True)
W_BUGGY, B_BUGGY = _train(recompute=False)
STALE = "the forward pass (z and ŷ) must be recomputed with the new weights in every step."

QUESTIONS = {
    "05-eps-max": {
        "kind": "number",
        "answer": EPS_MAX,
        "decimals": 3,
        "wrong": [
            (0.2, "that is the limit of section 3's bowl (5w₂²); what is ∂f/∂w₂ for 20w₂²?"),
            (0.1, "the derivative of 20w₂² is 40w₂, so each step multiplies w₂ by 1 − 40ε."),
            (
                0.025,
                "from ε = 0.025 on w₂ flips sign at every step, but it still converges while "
                "|1 − 40ε| < 1.",
            ),
            (
                1.0,
                "that is the limit along w₁ (factor 1 − 2ε); the steep direction w₂ fails first.",
            ),
        ],
    },
    "05-fan-out": {
        "kind": "number",
        "answer": DM_DB,
        "decimals": 3,
        "wrong": [
            (A * C, "that is only the share through a·b·c; b also feeds b², whose share is 2b."),
            (2 * B, "that is only the share through b²; b also feeds a·b·c, whose share is a·c."),
            (B**2, "that is b² itself, not its derivative 2b."),
        ],
    },
    "05-train-w": {
        "kind": "array",
        "answer": W_FIXED,
        "decimals": 3,
        "wrong": [(W_BUGGY, STALE)],
    },
    "05-train-b": {
        "kind": "number",
        "answer": B_FIXED,
        "decimals": 3,
        "wrong": [(B_BUGGY, STALE)],
    },
}
