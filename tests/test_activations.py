"""Unit tests for helpers.activations (TensorFlow only in the two tests that compare with its tape)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import activations as act

Z = np.linspace(-6, 6, 121)


def test_known_values() -> None:
    assert act.sigmoid(0.0) == 0.5
    assert act.sigmoid_derivative(0.0) == 0.25
    assert act.tanh_derivative(0.0) == 1.0
    np.testing.assert_array_equal(act.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(act.relu_derivative([-2.0, 0.0, 3.0]), [0.0, 0.0, 1.0])
    assert act.gelu(0.0) == 0.0
    assert act.gelu_derivative(0.0) == 0.5
    np.testing.assert_allclose(act.gelu(1.0), 1.0 * 0.5 * (1 + math.erf(1 / math.sqrt(2))))


@pytest.mark.parametrize("name", list(act.ACTIVATIONS))
def test_derivative_matches_finite_differences(name: str) -> None:
    f, df = act.ACTIVATIONS[name]
    z = Z[np.abs(Z) > 1e-3]  # relu has a kink at 0
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(df(z), numeric, atol=1e-6)


def test_sigmoid_is_stable_and_symmetric() -> None:
    big = np.array([-1000.0, -40.0, 40.0, 1000.0])
    with np.errstate(over="raise", invalid="raise"):  # underflow to 0 is fine; overflow is not
        s = act.sigmoid(big)
    np.testing.assert_allclose(
        s, [0.0, math.exp(-40) / (1 + math.exp(-40)), 1 / (1 + math.exp(-40)), 1.0]
    )
    np.testing.assert_allclose(act.sigmoid(-Z), 1 - act.sigmoid(Z), atol=1e-15)


def test_float32_is_kept_and_ints_become_float64() -> None:
    assert act.sigmoid(np.float32([20.0])).dtype == np.float32
    assert act.sigmoid(np.float32([20.0]))[0] == 1.0  # float32 saturates, as 04 shows
    assert act.relu(np.arange(3)).dtype == np.float64
    assert act.softmax(np.float32([[1, 2]])).dtype == np.float32
    assert act.gelu(np.float32([1.0])).dtype == np.float32


def test_shapes_are_kept() -> None:
    x = np.zeros((3, 4, 5))
    for f, df in act.ACTIVATIONS.values():
        assert f(x).shape == x.shape
        assert df(x).shape == x.shape


def test_softmax_sums_to_one_along_axis() -> None:
    a = np.random.default_rng(0).normal(size=(4, 6))
    np.testing.assert_allclose(act.softmax(a).sum(axis=-1), np.ones(4))
    np.testing.assert_allclose(act.softmax(a, axis=0).sum(axis=0), np.ones(6))
    column = a[:, :1]  # a (k, 1) column, as in the lecture's A = W^T X
    np.testing.assert_allclose(act.softmax(column, axis=0).sum(), 1.0)


def test_softmax_is_shift_invariant_and_does_not_overflow() -> None:
    a = np.array([1.0, 2.0, 3.0])
    with np.errstate(over="raise", invalid="raise"):
        big = act.softmax(a + 1000)
    np.testing.assert_allclose(big, act.softmax(a))
    np.testing.assert_allclose(act.softmax(a), np.exp(a) / np.exp(a).sum())


@pytest.mark.parametrize(
    "fn",
    [
        act.sigmoid,
        act.relu,
        act.tanh,
        act.gelu,
        act.softmax,
        act.sigmoid_derivative,
        act.relu_derivative,
    ],
)
@pytest.mark.parametrize("bad", ["1.0", ["a", "b"], [True, False], [1 + 2j]])
def test_bad_input_raises_type_error(fn, bad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="must"):
        fn(bad)


def test_softmax_bad_shapes_raise_value_error() -> None:
    with pytest.raises(ValueError, match="scalar"):
        act.softmax(3.0)
    with pytest.raises(ValueError, match="out of range"):
        act.softmax(np.zeros((2, 3)), axis=2)
    with pytest.raises(ValueError, match="empty"):
        act.softmax(np.zeros((2, 0)))


def test_stack_gradients_shapes_and_bound() -> None:
    x, weights, grads, slopes = act.stack_gradients(4.0, seed=0, depth=3, width=8, batch=5)
    assert x.shape == (5, 8) and len(weights) == len(grads) == len(slopes) == 3
    assert all(g.shape == (8, 8) for g in grads) and all(s.shape == (5, 8) for s in slopes)
    assert max(float(s.max()) for s in slopes) <= 0.25  # sigmoid slopes
    with pytest.raises(ValueError, match="activation"):
        act.stack_gradients(1.0, 0, activation="softplus")
    with pytest.raises(ValueError, match="scale"):
        act.stack_gradients(0.0, 0)


def test_stack_gradients_match_automatic_differentiation() -> None:
    """The hand-written backward pass equals TensorFlow's GradientTape (taught in 06)."""
    tf = pytest.importorskip("tensorflow")
    for activation, tf_phi in (("sigmoid", tf.sigmoid), ("relu", tf.nn.relu)):
        x, weights, grads, _ = act.stack_gradients(16.0, seed=1, activation=activation, depth=4)
        variables = [tf.Variable(w) for w in weights]
        with tf.GradientTape() as tape:
            a = tf.constant(x)
            for w in variables:
                a = tf_phi(a @ w)
            loss = tf.reduce_mean(tf.reduce_sum(a, axis=1))
        for g_hand, g_tape in zip(grads, tape.gradient(loss, variables), strict=True):
            np.testing.assert_allclose(g_hand, g_tape.numpy(), rtol=1e-6, atol=1e-12)


def test_derivatives_match_automatic_differentiation() -> None:
    """Each derivative equals TensorFlow's GradientTape on Keras's activation (taught in 06)."""
    tf = pytest.importorskip("tensorflow")
    keras = pytest.importorskip("keras")
    z = tf.constant(np.linspace(-5, 5, 101))
    for name, (_, df) in act.ACTIVATIONS.items():
        with tf.GradientTape() as tape:
            tape.watch(z)
            out = keras.activations.get(name)(z)
        np.testing.assert_allclose(df(z.numpy()), tape.gradient(out, z).numpy(), atol=1e-7)


def test_gradient_ratios_vanish_at_small_scale() -> None:
    small = act.gradient_ratios(1.0, seeds=range(2), depth=5, width=16, batch=8)
    assert small["ratio"].shape == (2,) and small["norms"].shape == (2, 5)
    assert np.all(small["ratio"] < 1e-2) and np.all(small["saturated"] == 0)
