"""Answers to the exercises of 06_gradienttape."""

import numpy as np

# Exercise 1: f(x, y) = x²y + y³ at (1.5, 2); the mixed second derivative ∂²f/∂y∂x = 2x, by hand
# and by nested tapes. The other derivatives a slip gives instead:
X1, Y1 = 1.5, 2.0
D2F = 2 * X1  # ∂/∂y of ∂f/∂x = 2xy
DF_DX = 2 * X1 * Y1  # the first derivative in x
D2F_DXX = 2 * Y1  # twice in x
D2F_DYY = 6 * Y1  # twice in y
DF_DY = X1**2 + 3 * Y1**2  # the first derivative in y
D2F_SUM = 2 * X1 + 6 * Y1  # the outer tape on ∂f/∂x + ∂f/∂y (the inner tape asked about both)
FIRST = "that is ∂f/∂x = 2xy, the first derivative; differentiate it once more, with respect to y."
TWICE_X = "that is ∂²f/∂x², twice with respect to x; the second derivative is with respect to y."
TWICE_Y = "that is ∂²f/∂y², twice with respect to y; the first derivative is with respect to x."

# Exercise 2: y = [x², 3x, stop(x)·x] at x = 2; tape.gradient sums the entries' gradients.
X2 = 2.0
G_SUM = 2 * X2 + 3 + X2
G_NO_STOP = 2 * X2 + 3 + 2 * X2  # stop_gradient ignored
G_NO_STOP_AT_ALL = 2 * X2 + 3  # the third entry dropped entirely

# Exercise 3: 20 steps of gradient descent, ε = 0.05, on mean((Xw − y)²) + 0.1·Σw² from w = 0.
X3 = np.array([[1.0, 2.0, 0.0], [0.5, -1.0, 1.0], [2.0, 0.0, -1.0], [1.0, 1.0, 1.0]])
Y3 = np.array([3.0, 0.0, 1.0, 2.0])
PENALTY = 0.1


def _descend(
    steps: int = 20,
    penalty: float = PENALTY,
    penalty_mean: bool = False,
    error_sum: bool = False,
    column: bool = False,
    broadcast: bool = False,
) -> np.ndarray:
    """The weights after ``steps`` steps of ε = 0.05, with the gradient written by hand.

    The flags make the slips: the penalty averaged instead of summed, the squared errors summed
    instead of averaged, ``w`` a (3, 1) column with ``y`` a column too (right), or with ``y``
    left of shape (4,), so that Xw − y broadcasts to (4, 4) and the mean runs over 16 entries.
    """
    w = np.zeros((3, 1)) if column or broadcast else np.zeros(3)
    y = Y3.reshape(-1, 1) if column else Y3
    for _ in range(steps):
        e = X3 @ w - y  # (4, 4) when broadcast: e[i, j] = (Xw)_i − y_j
        e_rows = e.sum(axis=1, keepdims=True) if broadcast else e
        grad = 2 * X3.T @ e_rows / (1 if error_sum else e.size)
        grad_penalty = 2 * penalty * w / (w.size if penalty_mean else 1)
        w = w - 0.05 * (grad + grad_penalty)
    return w


W_TRAINED = _descend()
W_MINIMUM = np.linalg.solve(X3.T @ X3 / len(Y3) + PENALTY * np.eye(3), X3.T @ Y3 / len(Y3))
BROADCAST = (
    "X_ex @ w has shape (4, 1) and y_ex (4,): their difference broadcasts to (4, 4) and the mean "
    "runs over 16 wrong errors. Make the targets a column too, y_ex.reshape(-1, 1)."
)

QUESTIONS = {
    "06-second-derivative": {
        "kind": "number",
        "answer": D2F,
        "decimals": 3,
        "hint": (
            "differentiate f with respect to x (y held fixed), then that result with respect to y "
            "(x held fixed)."
        ),
        "wrong": [
            (DF_DX, FIRST),
            (D2F_DXX, TWICE_X),
            (D2F_DYY, TWICE_Y),
            (DF_DY, "that is ∂f/∂y, a first derivative; the exercise asks for ∂(∂f/∂x)/∂y."),
        ],
    },
    "06-second-derivative-tape": {
        "kind": "number",
        "answer": D2F,
        "decimals": 3,
        "hint": (
            "the outer tape must record the inner gradient: call inner.gradient(f, x_v) inside the "
            "outer with block, then outer.gradient(that, y_v)."
        ),
        "wrong": [
            (
                DF_DX,
                "that is ∂f/∂x, the inner tape's answer; compute it inside the outer tape's block "
                "and ask the outer tape for its gradient with respect to y_v.",
            ),
            (D2F_DXX, "that is ∂²f/∂x²: ask the outer tape for the gradient with respect to y_v."),
            (D2F_DYY, TWICE_Y),
            (
                D2F_SUM,
                "the inner tape was asked about x_v and y_v, so the outer tape differentiated "
                "the sum ∂f/∂x + ∂f/∂y; ask the inner tape about x_v only.",
            ),
        ],
    },
    "06-predict-sum": {
        "kind": "number",
        "answer": G_SUM,
        "decimals": 3,
        "hint": (
            "the tape sums the gradients of the three entries: take each entry's derivative at x = "
            "2, with stop_gradient(x) a constant."
        ),
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
        "hint": (
            "record the three entries inside the tape, stack them, and pass the stacked vector as "
            "the target."
        ),
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
        "hint": (
            "check the loss (mean of the squared errors plus 0.1 times the sum of the squared "
            "weights) and the update: 20 times w.assign_sub(0.05 * gradient), from zeros."
        ),
        "wrong": [
            (_descend(penalty=0.0), "the penalty 0.1 · Σ w² is missing from the loss."),
            (
                _descend(penalty_mean=True),
                "the penalty is 0.1 times the sum of the squared weights (tf.reduce_sum), not "
                "their mean.",
            ),
            (_descend(penalty=1.0), "the penalty's factor is 0.1: 0.1 * tf.reduce_sum(w**2)."),
            (
                _descend(error_sum=True),
                "the first term is the mean of the squared errors (tf.reduce_mean), not their sum.",
            ),
            (_descend(broadcast=True), BROADCAST),
            (_descend(broadcast=True).ravel(), BROADCAST),
            (
                W_MINIMUM,
                "that is the minimum of the loss itself; run exactly 20 steps of ε = 0.05.",
            ),
            (_descend(1), "only one step was applied: keep w a tf.Variable and use assign_sub."),
            (_descend(19), "that is 19 steps; run exactly 20."),
            (_descend(21), "that is 21 steps; run exactly 20."),
        ],
    },
}
