"""Unit tests of helpers.update_rules: every NumPy rule reproduces its keras.optimizers class."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import update_rules

CURVATURE = np.array([1.0, 10.0, 0.1])


def _grad(w: np.ndarray) -> np.ndarray:
    return CURVATURE * (w - 0.5)  # the gradient of sum(c (w - 0.5)^2 / 2)


def _keras_optimizer(name: str, lr: float):  # type: ignore[no-untyped-def]
    import keras

    k = keras.optimizers
    return {
        "SGD": k.SGD(lr),
        "SGD momentum": k.SGD(lr, momentum=0.9),
        "SGD Nesterov": k.SGD(lr, momentum=0.9, nesterov=True),
        "Ftrl": k.Ftrl(lr),
        "Adagrad": k.Adagrad(lr),
        "Adadelta": k.Adadelta(lr),
        "RMSprop": k.RMSprop(lr),
        "Adam": k.Adam(lr),
        "Adamax": k.Adamax(lr),
        "Nadam": k.Nadam(lr),
    }[name]


@pytest.mark.parametrize("name", list(update_rules.RULES))
def test_rule_matches_keras(name: str) -> None:
    import tensorflow as tf

    start, lr, steps = np.array([2.0, -1.0, 3.0]), 0.05, 8
    w = tf.Variable(start, dtype=tf.float32)
    opt = _keras_optimizer(name, lr)
    keras_path = [w.numpy().copy()]
    for _ in range(steps):
        opt.apply_gradients([(tf.constant(_grad(w.numpy()), dtype=tf.float32), w)])
        keras_path.append(w.numpy().copy())
    numpy_path = update_rules.numpy_path(name, _grad, start, steps, lr)
    assert numpy_path.shape == (steps + 1, 3)
    np.testing.assert_allclose(np.array(keras_path), numpy_path, rtol=1e-5, atol=1e-6)


def test_every_rule_has_a_one_line_summary() -> None:
    for name, rule in update_rules.RULES.items():
        assert rule.__doc__ and "w <-" in rule.__doc__.splitlines()[0], name


def test_sgd_by_hand() -> None:
    path = update_rules.numpy_path("SGD", lambda w: 2 * w, [1.0], steps=2, lr=0.1)
    np.testing.assert_allclose(path[:, 0], [1.0, 0.8, 0.64])


def test_numpy_path_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown optimizer"):
        update_rules.numpy_path("Lion", _grad, [0.0], 1, 0.1)
    with pytest.raises(ValueError, match="positive integer"):
        update_rules.numpy_path("SGD", _grad, [0.0], 0, 0.1)
    with pytest.raises(ValueError, match="lr must be positive"):
        update_rules.numpy_path("SGD", _grad, [0.0], 1, 0.0)
