"""Answers to the exercises of 06_gradienttape."""

import numpy as np

# Exercise 1: f(x) = x³ − 2x², f'(x) = 3x² − 4x, f''(x) = 6x − 4 at x = 1.5, by hand and by
# nested tapes.
X1 = 1.5
D2F = 6 * X1 - 4
DF = 3 * X1**2 - 4 * X1

# Exercise 2: y = [x², 3x, stop(x)·x] at x = 2; tape.gradient sums the entries' gradients.
X2 = 2.0
G_SUM = 2 * X2 + 3 + X2
G_NO_STOP = 2 * X2 + 3 + 2 * X2  # stop_gradient ignored
G_NO_STOP_AT_ALL = 2 * X2 + 3  # the third entry dropped entirely

# Exercise 3: 20 steps of gradient descent, ε = 0.05, on mean((Xw − y)²) from w = 0.
X3 = np.array([[1.0, 2.0, 0.0], [0.5, -1.0, 1.0], [2.0, 0.0, -1.0], [1.0, 1.0, 1.0]])
Y3 = np.array([3.0, 0.0, 1.0, 2.0])


def _descend(steps: int, lr: float = 0.05) -> np.ndarray:
    w = np.zeros(3)
    for _ in range(steps):
        w = w - lr * 2 / len(Y3) * X3.T @ (X3 @ w - Y3)
    return w


W_TRAINED = _descend(20)
W_LSTSQ = np.linalg.lstsq(X3, Y3, rcond=None)[0]

QUESTIONS = {
    "06-second-derivative": {
        "kind": "number",
        "answer": D2F,
        "decimals": 3,
        "wrong": [
            (DF, "that is the first derivative f'(1.5); differentiate once more."),
            (6 * X1, "the −2x² term also contributes to f'': its second derivative is −4."),
        ],
    },
    "06-second-derivative-tape": {
        "kind": "number",
        "answer": D2F,
        "decimals": 3,
        "wrong": [
            (
                DF,
                "that is the first derivative, the inner tape's answer; compute it inside the "
                "outer tape's block and ask the outer tape for its gradient.",
            ),
            (6 * X1, "the −2x² term also contributes to f'': its second derivative is −4."),
        ],
    },
    "06-predict-sum": {
        "kind": "number",
        "answer": G_SUM,
        "decimals": 3,
        "wrong": [
            (
                G_NO_STOP,
                "stop_gradient(x) counts as the constant 2, so d(stop(x)·x)/dx = 2, not 2x.",
            ),
            (
                G_NO_STOP_AT_ALL,
                "the third entry still depends on x through the factor outside stop_gradient.",
            ),
            (2 * X2, "tape.gradient of a vector target sums the gradients of all its entries."),
        ],
    },
    "06-run-sum": {
        "kind": "number",
        "answer": G_SUM,
        "decimals": 3,
        "wrong": [
            (G_NO_STOP, "wrap only the first factor of the third entry in tf.stop_gradient."),
            (
                G_NO_STOP_AT_ALL,
                "the third entry is stop_gradient(x) * x: x outside the "
                "stop_gradient still counts.",
            ),
        ],
    },
    "06-train-loop": {
        "kind": "array",
        "answer": W_TRAINED,
        "decimals": 3,
        "wrong": [
            (
                W_LSTSQ,
                "that is the least-squares minimum itself; run exactly 20 steps of ε = 0.05.",
            ),
            (_descend(1), "only one step was applied: keep w a tf.Variable and use assign_sub."),
            (_descend(19), "that is 19 steps; run exactly 20."),
            (_descend(21), "that is 21 steps; run exactly 20."),
        ],
    },
}
