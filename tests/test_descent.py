"""Unit tests of helpers.descent: the logged training loop, batch gradients, the 2-D toys, the plots."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import descent


def _tiny_problem():
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 5)).astype(np.float32)
    y = rng.integers(0, 3, 40)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)])
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return model, loss_fn, x, y


def test_descend_matches_plain_sgd_on_the_same_batches() -> None:
    import keras
    import tensorflow as tf

    model, loss_fn, x, y = _tiny_problem()
    start = model.get_weights()
    descend = descent.make_descend(model, loss_fn, x, y)
    log = descend(batch_size=8, updates=7, learning_rate=0.1, record_every=3, seed=4)
    assert list(log["updates"]) == [0, 3, 6]
    assert log["loss"].shape == log["seconds"].shape == (3,)
    assert np.all(np.diff(log["seconds"]) >= 0)
    # the same 7 updates by hand: 5 batches of a first permutation, then a new one
    rng = np.random.default_rng(4)
    order = rng.permutation(40)
    batches = [order[i : i + 8] for i in range(0, 40, 8)]
    order = rng.permutation(40)
    batches += [order[0:8], order[8:16]]
    reference = keras.models.clone_model(model)
    reference.set_weights(start)
    opt = keras.optimizers.SGD(0.1)
    for batch in batches:
        with tf.GradientTape() as tape:
            loss = loss_fn(y[batch], reference(x[batch], training=True))
        grads = tape.gradient(loss, reference.trainable_variables)
        opt.apply_gradients(zip(grads, reference.trainable_variables))
    for a, b in zip(model.get_weights(), reference.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-6)


def test_descend_restarts_from_the_given_weights_and_decays() -> None:
    model, loss_fn, x, y = _tiny_problem()
    start = model.get_weights()
    descend = descent.make_descend(model, loss_fn, x, y)
    first = descend(4, 5, 0.1, seed=1)
    again = descend(4, 5, 0.1, seed=1, weights=start)
    np.testing.assert_allclose(first["loss"], again["loss"], rtol=1e-6)
    descend(4, 10, 0.2, decay=5.0)
    assert float(descend.optimizer.learning_rate) == pytest.approx(0.2 / 3)
    with pytest.raises(ValueError, match="batch_size"):
        descend(41, 1, 0.1)
    with pytest.raises(ValueError, match="updates"):
        descend(4, 0, 0.1)


def test_several_updates_per_call_give_the_same_run() -> None:
    model, loss_fn, x, y = _tiny_problem()
    descend = descent.make_descend(model, loss_fn, x, y)
    one = descend(6, 13, 0.3, record_every=4, decay=7.0, seed=2)
    one_weights = model.get_weights()
    for per_call in (3, 4, 100):
        many = descend(6, 13, 0.3, record_every=4, decay=7.0, seed=2, updates_per_call=per_call)
        assert list(many["updates"]) == list(one["updates"]) == [0, 4, 8, 12]
        np.testing.assert_array_equal(many["loss"], one["loss"])
        for a, b in zip(model.get_weights(), one_weights):
            np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="updates_per_call"):
        descend(4, 2, 0.1, updates_per_call=0)


def test_step_is_one_update() -> None:
    import tensorflow as tf

    model, loss_fn, x, y = _tiny_problem()
    descend = descent.make_descend(model, loss_fn, x, y)
    start = model.get_weights()
    descend(5, 1, 0.2, seed=3)  # one update on the first batch of seed 3's order
    after_descend = model.get_weights()
    batch = np.random.default_rng(3).permutation(40)[:5]
    model.set_weights(start)
    descend.step(tf.constant(x[batch]), tf.constant(y[batch].astype(np.int64)))
    for a, b in zip(model.get_weights(), after_descend):
        np.testing.assert_array_equal(a, b)


def test_batch_gradient_is_the_mean_of_single_gradients() -> None:
    model, loss_fn, x, y = _tiny_problem()
    gradient = descent.make_batch_gradient(model, loss_fn, x, y)
    n_weights = sum(w.size for w in model.get_weights())
    batch = np.array([0, 3, 7, 9])
    whole = gradient(batch)
    assert whole.shape == (n_weights,)
    singles = np.mean([gradient([i]) for i in batch], axis=0)
    np.testing.assert_allclose(whole, singles, rtol=1e-5, atol=1e-6)
    along, across = descent.noise_directions(gradient, gradient(np.arange(40)), 40, samples=10)
    assert abs(np.linalg.norm(along) - 1) < 1e-6 and abs(np.linalg.norm(across) - 1) < 1e-5
    assert abs(along @ across) < 1e-5


def test_sample_offsets_average_to_zero() -> None:
    c = descent.sample_offsets(n=500, scale=2.0, seed=3)
    assert c.shape == (500, 2)
    np.testing.assert_allclose(c.mean(axis=0), 0.0, atol=1e-12)
    assert 1.7 < c.std() < 2.3


@pytest.mark.parametrize("key", sorted(descent.TOYS))
def test_toy_gradients_match_finite_differences(key: str) -> None:
    surface, gradient = descent.TOYS[key]
    for p in [(0.3, -0.7), (-1.2, 0.4), (1.1, 1.0)]:
        h = 1e-6
        numeric = [
            (surface.fn(p[0] + h, p[1]) - surface.fn(p[0] - h, p[1])) / (2 * h),
            (surface.fn(p[0], p[1] + h) - surface.fn(p[0], p[1] - h)) / (2 * h),
        ]
        np.testing.assert_allclose(gradient(np.array(p)), numeric, atol=1e-6)
    for point in surface.minima:  # the listed minima are points of zero gradient
        np.testing.assert_allclose(gradient(np.array(point)), 0.0, atol=1e-3)


def test_noisy_descent_exact_and_noisy() -> None:
    surface, gradient = descent.TOYS["saddle"]
    offsets = descent.sample_offsets(100)
    exact = descent.noisy_descent(gradient, surface.start, 0.2, 100, offsets)
    assert exact.shape == (101, 2)
    assert np.all(exact[:, 1] == 0.0)  # on the ridge, the exact gradient never leaves it
    assert np.linalg.norm(exact[-1]) < 1e-6  # it ends at the saddle point
    noisy = descent.noisy_descent(gradient, surface.start, 0.2, 100, offsets, batch_size=1, seed=0)
    assert abs(abs(noisy[-1, 1]) - 1) < 0.5  # it leaves the ridge for a minimum
    same = descent.noisy_descent(gradient, surface.start, 0.2, 100, offsets, batch_size=1, seed=0)
    np.testing.assert_array_equal(noisy, same)


def test_plots_return_figures() -> None:
    import matplotlib.pyplot as plt

    fig = descent.plot_gradient_cloud(np.zeros((5, 2)) + [1.0, 0.0], 1.0, 0.5, batch_size=4)
    assert isinstance(fig, Figure) and "batch size 4" in fig.axes[0].get_title()
    surface, gradient = descent.TOYS["double well"]
    path = descent.noisy_descent(gradient, surface.start, 0.2, 10, descent.sample_offsets(10))
    fig2 = descent.plot_toy_paths([(surface, {"exact": path}, "a title", path[-3:])], "all")
    assert isinstance(fig2, Figure) and fig2.axes[0].get_title() == "a title"
    labels = [text.get_text() for text in fig2.axes[0].get_legend().get_texts()]
    assert "end: exact" in labels and "where 3 runs end" in labels  # every mark is in the legend
    plt.close("all")
