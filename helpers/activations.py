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
