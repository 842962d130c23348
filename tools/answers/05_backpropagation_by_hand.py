"""Answers to the exercises of 05_backpropagation_by_hand."""

import numpy as np

from helpers import datasets
from helpers.activations import sigmoid

# Exercise 1: f = w1² + 20 w2². Each step multiplies w1 by 1 - 2ε and w2 by 1 - 40ε; the slower
# of the two shrinks fastest where |1 - 2ε| = |1 - 40ε|, i.e. 1 - 2ε = 40ε - 1: ε = 1/21.
EPS_BEST = 1 / 21

# Exercise 4: sigmoid + squared error at z = 2, y = 0: dL/dz = 2(ŷ - y)·ŷ(1 - ŷ).
Y_HAT_2 = float(sigmoid(2.0))
DL_DZ_SQ = 2 * Y_HAT_2 * Y_HAT_2 * (1 - Y_HAT_2)

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
    "05-eps-best": {
        "kind": "number",
        "answer": EPS_BEST,
        "decimals": 3,
        "hint": (
            "write both factors, 1 − 2ε for w₁ and 1 − 40ε for w₂, and find the ε where their "
            "sizes are equal with w₂'s negative."
        ),
        "wrong": [
            (1 / 6, "that is the fastest ε of section 3's bowl (5w₂²); what is ∂f/∂w₂ for 20w₂²?"),
            (
                0.05,
                "at ε = 0.05, w₂ is multiplied by −1: it never shrinks. The fastest ε balances "
                "|1 − 2ε| and |1 − 40ε|.",
            ),
            (
                0.025,
                "at ε = 0.025, w₂ reaches 0 in one step, but w₁ shrinks only by 0.95 per step; "
                "the loss falls as fast as the slower coordinate.",
            ),
            (
                1 / 11,
                "the derivative of 20w₂² is 40w₂, so each step multiplies w₂ by 1 − 40ε, not "
                "1 − 20ε.",
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
    "05-sigmoid-squared": {
        "kind": "number",
        "answer": DL_DZ_SQ,
        "decimals": 4,
        "wrong": [
            (
                Y_HAT_2,
                "that is ŷ − y, the cross-entropy's dL/dz; with the squared error the factor "
                "ŷ(1 − ŷ) does not cancel.",
            ),
            (2 * Y_HAT_2, "that is dL/dŷ only; multiply by dŷ/dz = ŷ(1 − ŷ)."),
            (
                Y_HAT_2 * Y_HAT_2 * (1 - Y_HAT_2),
                "the derivative of (ŷ − y)² with respect to ŷ is 2(ŷ − y).",
            ),
            (2 * Y_HAT_2 * Y_HAT_2, "dŷ/dz is φ'(z) = ŷ(1 − ŷ), not ŷ."),
            (Y_HAT_2**2, "that is the loss itself, not its derivative."),
            (-DL_DZ_SQ, "the sign: ŷ is above y = 0, so a larger z raises the loss: dL/dz > 0."),
            (
                2 * (Y_HAT_2 - 1) * Y_HAT_2 * (1 - Y_HAT_2),
                "the label is y = 0, so dL/dŷ = 2(ŷ − 0).",
            ),
        ],
    },
}
