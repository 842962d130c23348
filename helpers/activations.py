"""Activation functions and their derivatives in NumPy, and a numerically stable softmax.

Taught in 03_activation_functions (each function, its derivative, saturation, the max-subtracted
softmax). ``sigmoid`` is also used in 02_neuron_and_forward_pass (a forward pass by hand) and in
04_loss_functions (logits to probabilities), ``softmax`` in 04_loss_functions.

Every function takes a number or an array and returns a NumPy array of the same shape; float32
input stays float32 (so float32 rounding can be shown), anything else becomes float64.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

ArrayFn = Callable[[Any], np.ndarray]

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _as_float_array(z: Any, name: str = "z") -> np.ndarray:
    """Return ``z`` as a float array (float32 kept, other numbers as float64), or raise TypeError."""
    if isinstance(z, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, got the string {z!r}.")
    arr = np.asarray(z)
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}.")
    return arr if arr.dtype in (np.float32, np.float64) else arr.astype(np.float64)


def sigmoid(z: Any) -> np.ndarray:
    """The logistic sigmoid 1 / (1 + e^(-z)), computed without overflow for large |z|. Taught in 03."""
    z = _as_float_array(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype)


def sigmoid_derivative(z: Any) -> np.ndarray:
    """sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)); at most 0.25, at z = 0. Taught in 03."""
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z: Any) -> np.ndarray:
    """The hyperbolic tangent, values in (-1, 1). Taught in 03_activation_functions."""
    return np.tanh(_as_float_array(z))


def tanh_derivative(z: Any) -> np.ndarray:
    """tanh'(z) = 1 - tanh(z)^2; at most 1, at z = 0. Taught in 03_activation_functions."""
    t = tanh(z)
    return 1 - t * t


def relu(z: Any) -> np.ndarray:
    """The rectified linear unit max(z, 0). Taught in 03_activation_functions."""
    z = _as_float_array(z)
    return np.maximum(z, 0).astype(z.dtype)


def relu_derivative(z: Any) -> np.ndarray:
    """relu'(z): 1 for z > 0, else 0 (0 at z = 0, as TensorFlow defines it). Taught in 03."""
    z = _as_float_array(z)
    return (z > 0).astype(z.dtype)


def gelu(z: Any) -> np.ndarray:
    """GELU z * Phi(z) with Phi the standard normal CDF (exact, not the tanh approximation). Taught in 03."""
    z = _as_float_array(z)
    return (0.5 * z * (1 + _erf(z / math.sqrt(2)))).astype(z.dtype)


def gelu_derivative(z: Any) -> np.ndarray:
    """gelu'(z) = Phi(z) + z * phi(z), with phi the standard normal density. Taught in 03."""
    z = _as_float_array(z)
    cdf = 0.5 * (1 + _erf(z / math.sqrt(2)))
    pdf = np.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    return (cdf + z * pdf).astype(z.dtype)


def softmax(a: Any, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` with the maximum subtracted first, so large logits do not overflow.

    Taught in 03_activation_functions; used in 04_loss_functions.
    """
    a = _as_float_array(a, name="a")
    if a.ndim == 0:
        raise ValueError("softmax needs at least one axis of logits, got a scalar.")
    if not -a.ndim <= axis < a.ndim:
        raise ValueError(f"axis {axis} is out of range for logits of shape {a.shape}.")
    if a.shape[axis] == 0:
        raise ValueError(f"softmax over an empty axis (logits of shape {a.shape}, axis {axis}).")
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


#: name -> (function, derivative), in the order 03_activation_functions plots them.
ACTIVATIONS: dict[str, tuple[ArrayFn, ArrayFn]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "gelu": (gelu, gelu_derivative),
}


def stack_gradients(
    scale: float,
    seed: int,
    activation: str = "sigmoid",
    depth: int = 10,
    width: int = 64,
    batch: int = 128,
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Forward and backward pass through a deep stack of dense layers, written out in NumPy.

    Taught in 03_activation_functions (vanishing and exploding gradients); the backward rule it
    uses is derived in 05_backpropagation_by_hand. ``depth`` layers of ``width`` units, no biases,
    weights drawn from a normal distribution with standard deviation ``scale / sqrt(width)``, a
    batch of standard-normal inputs, and the loss L = mean over the batch of the sum of the last
    layer's outputs. Returns the inputs, the weights, the gradients dL/dW_l (layer 1 first) and the
    slopes phi'(z_l) of every unit. On the way back each layer multiplies the gradient by its
    phi'(z) and by its W transposed.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}.")
    if depth < 1 or width < 1 or batch < 1 or not scale > 0:
        raise ValueError("depth, width and batch must be >= 1 and scale > 0.")
    from threadpoolctl import threadpool_limits  # installed with scikit-learn

    # products this small run fastest on one BLAS thread, and give the same sums on any machine
    with threadpool_limits(limits=1):
        return _stack_gradients(scale, seed, activation, depth, width, batch)


def _stack_gradients(
    scale: float, seed: int, activation: str, depth: int, width: int, batch: int
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    phi, dphi = ACTIVATIONS[activation]
    rng = np.random.default_rng(seed)
    weights = [rng.normal(scale=scale / np.sqrt(width), size=(width, width)) for _ in range(depth)]
    a = rng.normal(size=(batch, width))
    inputs, zs = [], []
    for w in weights:  # forward: z = a W, a = phi(z)
        inputs.append(a)
        zs.append(a @ w)
        a = phi(zs[-1])
    grad_a = np.full_like(a, 1 / batch)  # dL/da of the last layer
    grads: list[np.ndarray] = [np.empty(0)] * depth
    slopes: list[np.ndarray] = [np.empty(0)] * depth
    for i in reversed(range(depth)):  # backward: one phi' and one W.T per layer
        slopes[i] = dphi(zs[i])
        delta = grad_a * slopes[i]
        grads[i] = inputs[i].T @ delta
        grad_a = delta @ weights[i].T
    return inputs[0], weights, grads, slopes


def gradient_ratios(
    scale: float, seeds: Any = range(5), activation: str = "sigmoid", **stack: int
) -> dict[str, np.ndarray]:
    """Per seed: |dL/dW_1| / |dL/dW_last|, the gradient norm of every layer, the saturated share.

    Taught in 03_activation_functions. ``saturated`` is the fraction of units (all layers, all
    inputs) whose slope phi'(z) is below 0.01. Keyword arguments go to ``stack_gradients``.
    """
    norms, saturated = [], []
    for seed in seeds:
        _, _, grads, slopes = stack_gradients(scale, seed, activation, **stack)
        norms.append([np.linalg.norm(g) for g in grads])
        saturated.append(np.mean(np.concatenate([s.ravel() for s in slopes]) < 0.01))
    norms_arr = np.array(norms)
    return {
        "ratio": norms_arr[:, 0] / norms_arr[:, -1],
        "norms": norms_arr,
        "saturated": np.array(saturated),
    }
