"""Unit tests of helpers.training: a reused compiled copy trains exactly as a fresh compile would."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import training


def _setup():  # type: ignore[no-untyped-def]
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(64, 5)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] > 0).astype(np.int64)
    model = keras.Sequential(
        [keras.Input((5,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(2)]
    )
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def data():  # type: ignore[no-untyped-def]
        return tf.data.Dataset.from_tensor_slices((x, y)).batch(16)

    return model, loss, data, model.get_weights()


def _fresh_fit(model, loss, optimizer, data, weights):  # type: ignore[no-untyped-def]
    import keras

    copy = keras.models.clone_model(model)
    copy.compile(optimizer=optimizer, loss=loss, steps_per_execution=2)
    copy.set_weights(weights)
    history = copy.fit(data(), epochs=3, shuffle=False, verbose=0)
    return history.history["loss"], copy.get_weights()


@pytest.mark.parametrize(
    "make",
    [
        lambda lr: __import__("keras").optimizers.Adam(lr),
        lambda lr: __import__("keras").optimizers.Adagrad(lr),  # its sums start at 0.1, not 0
    ],
    ids=["Adam", "Adagrad"],
)
def test_reused_copy_trains_like_a_fresh_compile(make) -> None:  # type: ignore[no-untyped-def]
    model, loss, data, weights = _setup()
    trainer = training.Trainer(model, loss, steps_per_execution=2)
    first, _ = trainer.fit(make(0.05), data(), epochs=3, weights=weights)
    second, network = trainer.fit(make(0.01), data(), epochs=3, weights=weights)
    assert len(trainer.copies) == 1  # one kind of optimizer: compiled once
    expected_losses, expected_weights = _fresh_fit(model, loss, make(0.01), data, weights)
    np.testing.assert_allclose(second, expected_losses, rtol=1e-5)
    for got, want in zip(network.get_weights(), expected_weights):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert not np.allclose(first, second)  # the new learning rate was used
    assert int(network.optimizer.iterations) == 3 * 4  # counted from 0 again: 3 epochs of 4 steps


def test_kinds_are_class_and_settings_without_learning_rate() -> None:
    import keras

    k = keras.optimizers
    assert training.optimizer_kind(k.SGD(0.1)) == training.optimizer_kind(k.SGD(0.5))
    assert training.optimizer_kind(k.SGD(0.1)) != training.optimizer_kind(k.SGD(0.1, momentum=0.9))
    assert training.optimizer_kind(k.Adam()) != training.optimizer_kind(k.Nadam())
    model, loss, data, weights = _setup()
    trainer = training.Trainer(model, loss)
    trainer.fit(k.SGD(0.1), data(), epochs=1, weights=weights)
    trainer.fit(k.SGD(0.1, momentum=0.9), data(), epochs=1, weights=weights)
    assert len(trainer.copies) == 2


def test_a_used_optimizer_is_refused() -> None:
    import keras

    model, loss, data, weights = _setup()
    trainer = training.Trainer(model, loss)
    optimizer = keras.optimizers.SGD(0.1)
    trainer.fit(optimizer, data(), epochs=1, weights=weights)
    with pytest.raises(ValueError, match="fresh optimizer"):
        trainer.fit(optimizer, data(), epochs=1, weights=weights)
