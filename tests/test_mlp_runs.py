"""Unit tests of helpers.mlp_runs: architecture line, dropout copy with the same start, fit recording."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import pytest

from helpers import mlp_runs


def _mlp(seed: int = 0, softmax: bool = False, compiled: bool = True) -> keras.Model:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(4, 4)),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(8, activation="relu", name="hidden"),
            keras.layers.Dense(3, activation="softmax" if softmax else None, name="logits"),
        ]
    )
    if compiled:
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=1e-2),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=not softmax),
        )
    return model


def _data(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.random((n, 4, 4), dtype=np.float32), rng.integers(0, 3, n)


def test_architecture_names_layers_and_loss() -> None:
    assert mlp_runs.architecture(_mlp()) == (
        "Flatten | Dense 8 relu | Dense 3 linear | loss sparse_categorical_crossentropy "
        "from_logits=True"
    )
    assert mlp_runs.architecture(_mlp(softmax=True)).endswith(
        "Dense 3 softmax | loss sparse_categorical_crossentropy from_logits=False"
    )
    assert mlp_runs.architecture(_mlp(compiled=False)).endswith("| not compiled")


def test_architecture_of_a_string_loss_and_of_non_models() -> None:
    model = _mlp(compiled=False)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    assert mlp_runs.architecture(model).endswith(
        "loss sparse_categorical_crossentropy from_logits=False"
    )
    assert mlp_runs.architecture(...) is Ellipsis
    assert mlp_runs.architecture("Flatten Dense") == "Flatten Dense"


def test_with_dropout_shares_weights_and_inserts_the_layer() -> None:
    base = _mlp(seed=3)
    start = [w.copy() for w in base.get_weights()]
    model = mlp_runs.with_dropout(base, 0.5, after="hidden", seed=3)
    assert mlp_runs.architecture(model) == (
        "Flatten | Dense 8 relu | Dropout 0.5 | Dense 3 linear | loss "
        "sparse_categorical_crossentropy from_logits=True"
    )
    for a, b in zip(model.get_weights(), start):
        np.testing.assert_array_equal(a, b)
    assert isinstance(model.optimizer, keras.optimizers.Adam)
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-2)
    with pytest.raises(ValueError, match="no layer named"):
        mlp_runs.with_dropout(base, 0.5, after="nope", seed=3)


def test_rate_zero_dropout_trains_exactly_like_the_plain_model() -> None:
    """Same initial weights and the same batches: with rate 0 the two runs are identical."""
    x, y = _data()
    plain = mlp_runs.fit_recording(_mlp(seed=5), x, y, (x[:16], y[:16]), epochs=3, batch_size=16)
    copy = mlp_runs.with_dropout(_mlp(seed=5), 0.0, after="hidden", seed=5)
    same = mlp_runs.fit_recording(copy, x, y, (x[:16], y[:16]), epochs=3, batch_size=16)
    np.testing.assert_allclose(same["val_loss"], plain["val_loss"], rtol=1e-6)
    np.testing.assert_allclose(same["train_loss"], plain["train_loss"], rtol=1e-6)


def test_fit_recording_measures_the_end_of_epoch_loss() -> None:
    x, y = _data()
    model = _mlp(seed=1)
    curves = mlp_runs.fit_recording(model, x, y, (x[:16], y[:16]), epochs=2, batch_size=16)
    assert set(curves) >= {"loss", "val_loss", "train_loss"}
    assert curves["train_loss"].shape == (2,)
    assert curves["train_loss"][-1] == pytest.approx(model.evaluate(x, y, verbose=0), rel=1e-5)
    val = model.evaluate(x[:16], y[:16], verbose=0, return_dict=True)
    assert curves["val_loss"][-1] == pytest.approx(val["loss"], rel=1e-5)
    right = np.argmax(model.predict(x[:16], verbose=0), axis=1) == y[:16]
    assert curves["val_accuracy"][-1] == pytest.approx(right.mean(), abs=1e-6)
    assert curves["val_loss"].shape == curves["val_accuracy"].shape == (2,)
    steps = mlp_runs.fit_recording(
        _mlp(seed=1), x, y, (x[:16], y[:16]), 3, 16, steps_per_epoch=2, record_train_loss=False
    )
    assert "train_loss" not in steps and steps["val_loss"].shape == (3,)


def test_figures_have_titles_and_alt_text() -> None:
    from helpers import plotting

    epochs = np.arange(1, 9, dtype=float)
    loss = 1 / epochs
    fig = mlp_runs.plot_overfitting(loss * 2, loss, loss + 0.1, best=4, patience=3)
    assert fig._suptitle.get_text().startswith("Plain MLP")
    run = {"val_loss": loss + 0.2, "train_loss": loss}
    fig = mlp_runs.plot_dropout_runs({("plain", 1): run, ("dropout", 1): run})
    assert "Dropout(0.5)" in fig._suptitle.get_text()
    histories = {("plain", 1): {"val_loss": loss}, ("shifted", 1): {"val_loss": loss / 2}}
    fig = mlp_runs.plot_paired_accuracy(
        histories,
        {("plain", 1): 0.93, ("shifted", 1): 0.95},
        {"plain": "plain", "shifted": "shifted copies"},
        steps=25 * epochs,
    )
    assert "plain vs shifted copies" in fig._suptitle.get_text()
    cm = np.array([[5, 1], [2, 7]])
    fig = mlp_runs.plot_mistakes(cm, "Mistakes")
    assert "3 mistakes" in plotting.alt_text(fig)


def test_paired_interval_combines_seed_and_image_noise_in_quadrature() -> None:
    import scipy.stats

    result = mlp_runs.paired_interval([0.0, 0.01, -0.01, 0.02, -0.02], [4, 4, 4, 4, 4], 200)
    se_seeds = np.std([0.0, 0.01, -0.01, 0.02, -0.02], ddof=1) / np.sqrt(5)
    se_images = 2 / 200  # not divided by sqrt(5): the 200 images are shared by all seeds
    assert np.isclose(result["se_seeds"], se_seeds)
    assert np.isclose(result["se_images"], se_images)
    assert np.isclose(result["se"], np.sqrt(se_seeds**2 + se_images**2))
    assert np.isclose(result["t"], scipy.stats.t.ppf(0.975, df=4))
    assert np.isclose(result["high"] - result["mean"], result["t"] * result["se"])
    assert np.isclose(result["mean"] - result["low"], result["t"] * result["se"])


def _two_heads(seed: int) -> keras.Model:
    keras.utils.set_random_seed(seed)
    image = keras.Input(shape=(4, 4))
    h = keras.layers.Dense(8, activation="relu")(keras.layers.Flatten()(image))
    model = keras.Model(
        image, {"digit": keras.layers.Dense(3, name="digit")(h), "odd": keras.layers.Dense(1)(h)}
    )
    model.compile(
        optimizer="adam",
        loss={
            "digit": keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            "odd": keras.losses.BinaryCrossentropy(from_logits=True),
        },
        loss_weights={"digit": 1.0, "odd": 0.5},
        metrics={"odd": [keras.metrics.BinaryAccuracy(name="accuracy", threshold=0.0)]},
    )
    return model


def _fit_both_ways(make: Any, x: np.ndarray, y: Any, **settings: Any) -> tuple[Any, Any, Any, Any]:
    """The same fresh model trained by model.fit and by mlp_runs.fit, the batch order fixed."""
    reference = make()
    keras.utils.set_random_seed(7)
    expected = reference.fit(x, y, verbose=0, **settings).history
    model = make()
    keras.utils.set_random_seed(7)
    history = mlp_runs.fit(model, x, y, **settings)
    return reference, expected, model, history


def _assert_same_training(reference: Any, expected: Any, model: Any, history: Any) -> None:
    assert set(history) == set(expected)
    for name, values in expected.items():
        np.testing.assert_array_equal(history[name], np.array(values), err_msg=name)
    for a, b in zip(model.get_weights(), reference.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert int(model.optimizer.iterations) == int(reference.optimizer.iterations)
    for a, b in zip(model.optimizer.variables, reference.optimizer.variables, strict=True):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b))


def test_fit_trains_exactly_like_model_fit_and_compiles_once_per_kind() -> None:
    x, y = _data(70)  # 5 batches of 16, the last one partial
    settings = dict(epochs=3, batch_size=16)
    _assert_same_training(*_fit_both_ways(lambda: _mlp(seed=11), x, y, **settings))
    made = len(mlp_runs._COPIES)
    _assert_same_training(*_fit_both_ways(lambda: _mlp(seed=12), x, y, **settings))
    assert len(mlp_runs._COPIES) == made  # the second model of the same kind reused the copy
    x, y = _data(96)  # 6 batches: two "epochs" of 3 steps each pass over the data
    _assert_same_training(
        *_fit_both_ways(lambda: _mlp(seed=12), x, y, epochs=4, batch_size=16, steps_per_epoch=3)
    )


def test_fit_of_a_dropout_model_and_of_a_two_headed_model() -> None:
    x, y = _data(64)

    def dropout_model(seed: int) -> keras.Model:
        return mlp_runs.with_dropout(_mlp(seed=seed), 0.5, after="hidden", seed=seed)

    for seed in (1, 2):  # the second reuses the first one's copy, with its own dropout masks
        _assert_same_training(
            *_fit_both_ways(lambda s=seed: dropout_model(s), x, y, epochs=3, batch_size=16)
        )
    targets = {"digit": y, "odd": (y % 2).astype("float32")[:, None]}
    for seed in (3, 4):
        _assert_same_training(
            *_fit_both_ways(lambda s=seed: _two_heads(s), x, targets, epochs=2, batch_size=16)
        )


def test_fit_leaves_the_random_state_as_model_fit_would() -> None:
    import random

    x, y = _data(32)
    model = _mlp(seed=5)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="sparse_categorical_crossentropy")
    state = random.getstate(), np.random.get_state()[1].copy()
    mlp_runs.fit(model, x, y, epochs=1, batch_size=16)  # a new kind: its copy is made here
    assert random.getstate() == state[0]
    np.testing.assert_array_equal(np.random.get_state()[1], state[1])


def test_fit_refuses_a_trained_model_and_an_uncompiled_one() -> None:
    x, y = _data(32)
    model = _mlp(seed=2)
    model.fit(x, y, epochs=1, batch_size=16, verbose=0)
    with pytest.raises(ValueError, match="already been trained"):
        mlp_runs.fit(model, x, y, epochs=1)
    with pytest.raises(ValueError, match="compile"):
        mlp_runs.fit(_mlp(compiled=False), x, y, epochs=1)


def test_fit_recording_with_early_stopping_restores_the_best_weights() -> None:
    x, y = _data(64)
    x_val, y_val = x[:16], (y[:16] + 1) % 3  # labels it cannot fit: the loss soon turns up
    model = _mlp(seed=4)
    stop = keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True)
    curves = mlp_runs.fit_recording(model, x, y, (x_val, y_val), 30, 16, callbacks=[stop])
    assert len(curves["val_loss"]) == stop.best_epoch + 1 + 2 < 30
    restored = model.evaluate(x_val, y_val, verbose=0)
    assert restored == pytest.approx(curves["val_loss"][stop.best_epoch], rel=1e-5)
    assert int(model.optimizer.iterations) == 4 * len(curves["val_loss"])
