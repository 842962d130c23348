"""The update rules of the Keras optimizers, written out in NumPy, one short rule each.

Taught in 09_optimizers, which checks that these rules reproduce ``keras.optimizers`` step for step.
Symbols: w weights, g gradient, t step number (1, 2, ...), lr learning rate; the other names are the
optimizer's state (moving averages, accumulators), which starts at zero unless said otherwise.
Hyper-parameters are Keras's defaults (momentum 0.9 where the lecture's "momentum" is meant).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

State = dict[str, np.ndarray]
Rule = Callable[[np.ndarray, np.ndarray, State, int, float], np.ndarray]

EPS = 1e-7  # Keras's default epsilon
BETA_1, BETA_2 = 0.9, 0.999  # Adam, Adamax, Nadam
MOMENTUM = 0.9  # SGD with momentum / Nesterov (Keras's SGD default is 0: plain SGD)
RHO_RMSPROP, RHO_ADADELTA = 0.9, 0.95
INITIAL_ACCUMULATOR = 0.1  # Adagrad and Ftrl


def _get(state: State, key: str, like: np.ndarray, start: float = 0.0) -> np.ndarray:
    if key not in state:
        state[key] = np.full_like(like, start)
    return state[key]


def sgd(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """w <- w - lr g."""
    return w - lr * g


def momentum(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """v <- 0.9 v - lr g;  w <- w + v."""
    s["v"] = MOMENTUM * _get(s, "v", w) - lr * g
    return w + s["v"]


def nesterov(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """v <- 0.9 v - lr g;  w <- w + 0.9 v - lr g (the step the momentum is about to take, plus g's)."""
    s["v"] = MOMENTUM * _get(s, "v", w) - lr * g
    return w + MOMENTUM * s["v"] - lr * g


def ftrl(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """n <- n + g^2;  z <- z + g - (sqrt(n) - sqrt(n_old)) / lr * w;  w <- -lr z / sqrt(n)  (n starts at 0.1)."""
    n_old = _get(s, "n", w, INITIAL_ACCUMULATOR)
    s["n"] = n_old + g**2
    s["z"] = _get(s, "z", w) + g - (np.sqrt(s["n"]) - np.sqrt(n_old)) / lr * w
    return -lr * s["z"] / np.sqrt(s["n"])


def adagrad(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """G <- G + g^2;  w <- w - lr g / sqrt(G + eps)  (G starts at 0.1)."""
    s["G"] = _get(s, "G", w, INITIAL_ACCUMULATOR) + g**2
    return w - lr * g / np.sqrt(s["G"] + EPS)


def adadelta(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """s <- 0.95 s + 0.05 g^2;  d = -sqrt(u + eps) / sqrt(s + eps) g;  u <- 0.95 u + 0.05 d^2;  w <- w + lr d."""
    s["s"] = RHO_ADADELTA * _get(s, "s", w) + (1 - RHO_ADADELTA) * g**2
    d = -np.sqrt(_get(s, "u", w) + EPS) / np.sqrt(s["s"] + EPS) * g
    s["u"] = RHO_ADADELTA * s["u"] + (1 - RHO_ADADELTA) * d**2
    return w + lr * d


def rmsprop(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """s <- 0.9 s + 0.1 g^2;  w <- w - lr g / sqrt(s + eps)."""
    s["s"] = RHO_RMSPROP * _get(s, "s", w) + (1 - RHO_RMSPROP) * g**2
    return w - lr * g / np.sqrt(s["s"] + EPS)


def _moments(w: np.ndarray, g: np.ndarray, s: State) -> tuple[np.ndarray, np.ndarray]:
    s["m"] = BETA_1 * _get(s, "m", w) + (1 - BETA_1) * g
    s["s"] = BETA_2 * _get(s, "s", w) + (1 - BETA_2) * g**2
    return s["m"], s["s"]


def adam(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """m <- 0.9 m + 0.1 g;  s <- 0.999 s + 0.001 g^2;  w <- w - lr m_hat / (sqrt(s_hat) + eps).

    The hats undo the zero start: m_hat = m / (1 - 0.9^t), s_hat = s / (1 - 0.999^t). (Keras adds eps
    to sqrt(s), not to sqrt(s_hat); the difference shows only when sqrt(s_hat) is as small as eps.)
    """
    m, sq = _moments(w, g, s)
    return w - lr * (m / (1 - BETA_1**t)) / (np.sqrt(sq / (1 - BETA_2**t)) + EPS)


def adamax(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """m <- 0.9 m + 0.1 g;  u <- max(0.999 u, |g|);  w <- w - lr m_hat / (u + eps)."""
    s["m"] = BETA_1 * _get(s, "m", w) + (1 - BETA_1) * g
    s["u"] = np.maximum(BETA_2 * _get(s, "u", w), np.abs(g))
    return w - lr * (s["m"] / (1 - BETA_1**t)) / (s["u"] + EPS)


def _mu(t: int) -> float:
    return BETA_1 * (1 - 0.5 * 0.96**t)  # Keras's warming-up momentum schedule for Nadam


def nadam(w: np.ndarray, g: np.ndarray, s: State, t: int, lr: float) -> np.ndarray:
    """Adam with a Nesterov look-ahead: w <- w - lr (mu_{t+1} m_hat + (1 - mu_t) g_hat) / (sqrt(s_hat) + eps).

    mu_t = 0.9 (1 - 0.5 * 0.96^t); m_hat = m / (1 - mu_1...mu_{t+1}), g_hat = g / (1 - mu_1...mu_t).
    """
    m, sq = _moments(w, g, s)
    prod_t = float(np.prod([_mu(i) for i in range(1, t + 1)]))
    m_hat = _mu(t + 1) * m / (1 - prod_t * _mu(t + 1))
    g_hat = (1 - _mu(t)) * g / (1 - prod_t)
    return w - lr * (m_hat + g_hat) / (np.sqrt(sq / (1 - BETA_2**t)) + EPS)


#: The rules, by the names 09_optimizers uses for the Keras optimizers.
RULES: dict[str, Rule] = {
    "SGD": sgd,
    "SGD momentum": momentum,
    "SGD Nesterov": nesterov,
    "Ftrl": ftrl,
    "Adagrad": adagrad,
    "Adadelta": adadelta,
    "RMSprop": rmsprop,
    "Adam": adam,
    "Adamax": adamax,
    "Nadam": nadam,
}


def numpy_path(
    name: str,
    grad: Callable[[np.ndarray], np.ndarray],
    start: Sequence[float],
    steps: int,
    lr: float,
) -> np.ndarray:
    """Apply rule ``name`` for ``steps`` steps from ``start``; return the points, shape (steps + 1, dim)."""
    if name not in RULES:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {list(RULES)}.")
    if int(steps) != steps or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}.")
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr!r}.")
    w = np.asarray(start, dtype=np.float64)
    state: State = {}
    path = [w]
    for t in range(1, int(steps) + 1):
        w = RULES[name](w, np.asarray(grad(w), dtype=np.float64), state, t, lr)
        path.append(w)
    return np.stack(path)
