"""Plumbing for the training experiments of 07_keras_sequential_mlp.

A model's architecture in one line (what exercise 3's check looks at), a copy of a model with a
``Dropout`` layer that starts from the same weights and sees the same batches, and a ``fit`` that
also measures the training loss with the weights at the end of every epoch. Taught in
07_keras_sequential_mlp (overfitting, dropout, comparing two set-ups fairly). The confidence
interval of a paired comparison over seeds is used in 08_functional_api.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers import plotting


def _loss_text(loss: Any) -> str:
    if loss is None:
        return "not compiled"
    if isinstance(loss, str):
        return f"loss {loss} from_logits=False"
    config = loss.get_config() if hasattr(loss, "get_config") else {}
    name = config.get("name") or getattr(loss, "__name__", type(loss).__name__)
    return f"loss {name} from_logits={bool(config.get('from_logits', False))}"


def architecture(model: Any) -> Any:
    """One line: a Keras model's layers in order (units and activation, dropout rate) and its loss.

    E.g. ``"Flatten | Dense 256 relu | Dense 10 linear | loss
    sparse_categorical_crossentropy from_logits=True"``. Anything that is not a Keras model is
    returned unchanged (``...`` stays "not answered"). Taught in 07_keras_sequential_mlp.
    """
    import keras

    if not isinstance(model, keras.Model):
        return model
    parts = []
    for layer in model.layers:
        kind = type(layer).__name__
        if isinstance(layer, keras.layers.Dense):
            parts.append(f"{kind} {layer.units} {layer.activation.__name__}")
        elif isinstance(layer, keras.layers.Dropout):
            parts.append(f"{kind} {float(layer.rate):g}")
        else:
            parts.append(kind)
    loss = getattr(model, "loss", None) if getattr(model, "compiled", False) else None
    return " | ".join([*parts, _loss_text(loss)])


def with_dropout(model: Any, rate: float, after: str, seed: int) -> Any:
    """A new compiled Sequential: ``model``'s own layers with ``Dropout(rate)`` after layer ``after``.

    It shares ``model``'s layers, so it starts from ``model``'s current weights, and it is compiled
    with a fresh optimizer of the same kind and settings and the same loss. The ``Dropout`` gets
    its own ``seed``, so building it draws nothing from Keras's global random state: fit's batches
    come in the same order as for ``model`` itself. Taught in 07_keras_sequential_mlp.
    """
    import keras

    names = [layer.name for layer in model.layers]
    if after not in names:
        raise ValueError(f"no layer named {after!r}; the model has {names}")
    cut = names.index(after) + 1
    dropout = keras.layers.Dropout(rate, seed=seed, name="dropout")
    new = keras.Sequential(
        [
            keras.Input(shape=model.input_shape[1:]),
            *model.layers[:cut],
            dropout,
            *model.layers[cut:],
        ],
        name=f"{model.name}_dropout",
    )
    optimizer = type(model.optimizer).from_config(model.optimizer.get_config())
    new.compile(optimizer=optimizer, loss=model.loss, metrics=["accuracy"])
    return new


def _loss_and_accuracy(model: Any, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The compiled loss and the accuracy of ``model`` on (x, y), in one forward pass with
    dropout off: what ``evaluate`` returns, without its per-call set-up cost. The pass is
    ``predict_on_batch`` (all of x as one batch, compiled once per model), faster than calling
    ``model(x)`` layer by layer."""
    import keras

    out = model.predict_on_batch(x)
    loss = keras.ops.mean(keras.losses.get(model.loss)(y, out))
    return float(loss), float(np.mean(np.argmax(out, axis=1) == y))


# --- one compiled copy per kind of model ---------------------------------------------------------

_COPIES: dict[str, Any] = {}  # kind of model (see _kind) -> its compiled copy


def _without(config: Any, keys: tuple[str, ...]) -> Any:
    """``config`` (nested dicts and lists) with the entries named in ``keys`` removed."""
    if isinstance(config, dict):
        return {k: _without(v, keys) for k, v in config.items() if k not in keys}
    if isinstance(config, (list, tuple)):
        return [_without(v, keys) for v in config]
    return config


def _kind(model: Any, steps_per_execution: int) -> str:
    """What a compiled training step depends on: the layers and their settings, the loss, the
    metrics and the optimizer with its settings. Names and seeds are left out: names change
    nothing, and a seed only sets a starting state that ``_train_copy`` copies in."""
    import json

    compile_config = dict(model.get_compile_config(), steps_per_execution=steps_per_execution)
    config = _without([model.get_config(), compile_config], ("name", "seed"))
    return type(model).__name__ + json.dumps(config, sort_keys=True, default=str)


def _state(model: Any) -> list[Any]:
    """Every variable of ``model``'s layers (weights, and the state of each layer's random
    generator, e.g. Dropout's), layer by layer."""
    return [v for layer in model.layers for v in layer.variables]


def _assign(targets: list[Any], sources: list[Any]) -> None:
    if len(targets) != len(sources):
        raise ValueError(f"{len(sources)} variables cannot be copied into {len(targets)}")
    for target, source in zip(targets, sources):
        target.assign(source)


def _train_copy(model: Any, steps_per_execution: int) -> Any:
    """The compiled copy of ``model``'s kind, set to ``model``'s weights and random state and to
    a fresh optimizer of ``model``'s settings. It is made (cloned and compiled) the first time;
    the Python and NumPy random states are put back afterwards, so making it draws nothing that
    ``model.fit`` would have drawn."""
    import random

    import keras

    from helpers import runtime

    kind = _kind(model, steps_per_execution)
    if kind not in _COPIES:
        python_state, numpy_state = random.getstate(), np.random.get_state()
        with runtime.model_scope():
            copy = keras.models.clone_model(model)
            copy.compile_from_config(
                dict(model.get_compile_config(), steps_per_execution=steps_per_execution)
            )
            copy.optimizer.build(copy.trainable_variables)
        random.setstate(python_state)
        np.random.set_state(numpy_state)
        _COPIES[kind] = copy
    copy = _COPIES[kind]
    _assign(_state(copy), _state(model))
    fresh = type(copy.optimizer).from_config(copy.optimizer.get_config())
    with runtime.model_scope():
        fresh.build(copy.trainable_variables)
    _assign(copy.optimizer.variables, fresh.variables)
    return copy


def fit(
    model: Any,
    x: Any,
    y: Any,
    epochs: int,
    batch_size: int = 128,
    callbacks: list[Any] | None = None,
    steps_per_epoch: int | None = None,
) -> dict[str, np.ndarray]:
    """``model.fit(x, y, epochs, batch_size, ...)`` without output, for a compiled model not
    trained yet; returns its history as arrays and leaves ``model`` trained.

    The same updates as ``model.fit`` (same batches in the same order, same steps), made faster:
    a compiled copy of the model is kept for each kind of model (layers, loss, metrics and
    optimizer settings), so the training step is traced once per kind, not once per model, and
    it runs a whole epoch per call (``steps_per_execution``). The copy starts from ``model``'s
    weights and a fresh optimizer; at the end ``model`` gets the copy's weights and optimizer
    state (``model.optimizer.iterations`` counts the steps). Callbacks see the copy as their
    model. On a backend other than TensorFlow it is ``model.fit`` itself (the copy's updates
    match ``model.fit`` bit for bit on TensorFlow only: tests/test_mlp_runs.py). Taught in
    07_keras_sequential_mlp; also used by 08_functional_api.
    """
    import keras

    from helpers import runtime

    if getattr(model, "optimizer", None) is None:
        raise ValueError("compile the model before fitting it.")
    if model.optimizer.built and int(model.optimizer.iterations) > 0:
        raise ValueError("this model has already been trained: fit it with model.fit.")
    on_tensorflow = keras.config.backend() == "tensorflow"
    trained, steps = model, steps_per_epoch
    if on_tensorflow:
        n = len(y if not isinstance(y, dict) else next(iter(y.values())))
        steps = steps_per_epoch or -(-n // batch_size)
        trained = _train_copy(model, steps)
    # On TensorFlow an explicit steps_per_epoch (here: the number of batches) makes fit start one
    # data iterator per pass over the data instead of two: the same batches, less set-up.
    history = trained.fit(
        x,
        y,
        epochs=epochs,
        batch_size=batch_size,
        steps_per_epoch=steps,
        callbacks=callbacks,
        verbose=0,
    )
    if on_tensorflow:
        _assign(_state(model), _state(trained))
        if not model.optimizer.built:
            with runtime.model_scope():
                model.optimizer.build(model.trainable_variables)
        _assign(model.optimizer.variables, trained.optimizer.variables)
    return {name: np.array(values) for name, values in history.history.items()}


def fit_recording(
    model: Any,
    x: np.ndarray,
    y: np.ndarray,
    validation_data: tuple[np.ndarray, np.ndarray],
    epochs: int,
    batch_size: int = 128,
    callbacks: list[Any] | None = None,
    steps_per_epoch: int | None = None,
    record_train_loss: bool = True,
) -> dict[str, np.ndarray]:
    """``model.fit`` without output (``fit`` above); returns its history plus ``train_loss``.

    ``train_loss`` is the loss on (x, y) with the weights at the end of each epoch (dropout off),
    unlike fit's ``loss``, the mean of the epoch's batch losses (dropout on). ``val_loss`` and
    ``val_accuracy`` are measured the same way on ``validation_data``; both equal what
    ``evaluate`` returns, computed in one forward pass each (fit's own validation and an
    ``evaluate`` per epoch cost more than the training of a small set). Callbacks get
    ``val_loss`` in their logs. ``steps_per_epoch`` is passed to ``fit`` (an "epoch" is then
    that many steps); ``record_train_loss=False`` skips ``train_loss`` (for a large x). Taught in
    07_keras_sequential_mlp.
    """
    import keras

    x_val, y_val = validation_data
    measured: dict[str, list[float]] = {"val_loss": [], "val_accuracy": []}
    if record_train_loss:
        measured["train_loss"] = []

    class _Measure(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            if record_train_loss:
                measured["train_loss"].append(_loss_and_accuracy(self.model, x, y)[0])
            val_loss, val_accuracy = _loss_and_accuracy(self.model, x_val, y_val)
            measured["val_loss"].append(val_loss)
            measured["val_accuracy"].append(val_accuracy)
            if logs is not None:
                logs.update(val_loss=val_loss, val_accuracy=val_accuracy)

    curves = fit(
        model,
        x,
        y,
        epochs,
        batch_size,
        callbacks=[_Measure(), *(callbacks or [])],
        steps_per_epoch=steps_per_epoch,
    )
    curves.update({name: np.array(values) for name, values in measured.items()})
    return curves


# --- figures ------------------------------------------------------------------------------------


def plot_overfitting(
    fit_loss: np.ndarray,
    train_loss: np.ndarray,
    val_loss: np.ndarray,
    best: int,
    patience: int,
) -> Any:
    """Two panels: the three loss curves of one run (log scale), and its validation loss alone
    with the restored epoch and the epochs EarlyStopping waited. Taught in 07_keras_sequential_mlp.
    """
    import matplotlib.pyplot as plt

    epochs = np.arange(1, len(val_loss) + 1)
    fig, (ax_both, ax_val) = plt.subplots(1, 2, figsize=(11, 3.9))
    ax_both.semilogy(
        epochs,
        fit_loss,
        "o--",
        ms=3,
        color="tab:blue",
        alpha=0.5,
        label="training loss, fit's epoch mean",
    )
    ax_both.semilogy(
        epochs, train_loss, "o-", ms=4, color="tab:blue", label="training loss, end of epoch"
    )
    ax_both.semilogy(epochs, val_loss, "o-", ms=4, color="tab:orange", label="validation loss")
    ticks = [0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
    ax_both.set_yticks(ticks, [str(t) for t in ticks])
    ax_both.yaxis.set_minor_formatter(plt.NullFormatter())
    ax_both.set(
        title="Training vs validation loss (log scale)",
        xlabel="epoch",
        ylabel="cross-entropy loss (nats, log scale)",
    )
    ax_val.plot(epochs, val_loss, "o-", ms=4, color="tab:orange", label="validation loss")
    ax_val.plot(
        best + 1, val_loss[best], "*", ms=16, color="tab:blue", label="minimum: weights restored"
    )
    ax_val.axvspan(
        best + 1, len(val_loss), color="0.85", label=f"{patience} epochs without improvement"
    )
    ax_val.set(
        title="Validation loss alone: it turns up after its minimum",
        xlabel="epoch",
        ylabel="validation cross-entropy loss (nats)",
    )
    for ax in (ax_both, ax_val):
        ax.axvline(len(val_loss), color="k", ls=":", label="EarlyStopping stopped here")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("Plain MLP on 3,200 images: overfitting after the validation minimum")
    fig.tight_layout()
    return fig


def plot_dropout_runs(curves: dict[tuple[str, int], dict[str, np.ndarray]]) -> Any:
    """Validation loss and end-of-epoch training loss of paired plain and dropout runs, each
    run's validation minimum marked. ``curves[(set_up, seed)]`` is ``fit_recording``'s result.
    Taught in 07_keras_sequential_mlp.
    """
    import matplotlib.pyplot as plt

    colours = {"plain": "tab:orange", "dropout": "tab:purple"}
    fig, (ax_val, ax_train) = plt.subplots(1, 2, figsize=(12, 4.2))
    for (setup, seed), run in curves.items():
        epochs = np.arange(1, len(run["val_loss"]) + 1)
        first = seed == min(s for k, s in curves if k == setup)
        ax_val.plot(
            epochs,
            run["val_loss"],
            "-",
            lw=1.2,
            color=colours[setup],
            label=f"{setup}, one line per seed" if first else None,
        )
        best = int(np.argmin(run["val_loss"]))
        ax_val.plot(
            best + 1,
            run["val_loss"][best],
            "v",
            ms=8,
            color=colours[setup],
            label=f"{setup}: its minimum" if first else None,
        )
        ax_train.semilogy(
            epochs,
            run["train_loss"],
            "-",
            lw=1.2,
            color=colours[setup],
            label=f"{setup}, one line per seed" if first else None,
        )
    ax_val.set(
        title="Validation loss from epoch 3, each run's minimum marked",
        xlabel="epoch",
        ylabel="validation cross-entropy loss (nats)",
    )
    later = np.concatenate([run["val_loss"][2:] for run in curves.values()])
    ax_val.set_ylim(later.min() - 0.01, later.max() + 0.01)  # epochs 1-2 are far above
    ax_val.set_xlim(2.5, len(run["val_loss"]) + 0.5)
    ax_train.set(
        title="Training loss, measured with dropout off",
        xlabel="epoch",
        ylabel="training cross-entropy loss (nats, log scale)",
    )
    for ax in (ax_val, ax_train):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(
        "Same MLP, initial weights and batches, 1,000 training images: without and "
        "with Dropout(0.5)"
    )
    fig.tight_layout()
    return fig


def plot_paired_accuracy(
    histories: dict[tuple[str, int], Any],
    accuracy: dict[tuple[str, int], float],
    labels: dict[str, str],
    steps: np.ndarray,
) -> Any:
    """Validation loss over optimizer steps of two set-ups over several seeds, and their final
    validation accuracies paired by seed. Taught in 07_keras_sequential_mlp.
    """
    import matplotlib.pyplot as plt

    colours = dict(zip(labels, ["tab:orange", "tab:green"]))
    seeds = sorted({seed for _, seed in histories})
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 4), width_ratios=[3, 2])
    for (setup, seed), history in histories.items():
        ax_loss.plot(
            steps,
            history["val_loss"],
            "o-",
            ms=3,
            lw=1,
            color=colours[setup],
            label=labels[setup] if seed == seeds[0] else None,
        )
    ax_loss.set(
        title=f"Validation loss, {len(seeds)} seeds each, same steps",
        xlabel="optimizer steps (batches of 128 images)",
        ylabel="validation cross-entropy loss (nats)",
    )
    ax_loss.legend()
    first, second = list(labels)
    for seed in seeds:
        pair = [accuracy[first, seed], accuracy[second, seed]]
        ax_acc.plot([0, 1], pair, "o-", color="0.5")
        ax_acc.annotate(
            f"seed {seed}", (1, pair[1]), xytext=(6, 0), textcoords="offset points", va="center"
        )
    ax_acc.set_xticks([0, 1], [labels[first], labels[second]])
    ax_acc.set_xlim(-0.3, 1.5)
    ax_acc.set(
        title=f"Paired by seed: validation accuracy after {int(steps[-1])} steps",
        xlabel="training images",
        ylabel="validation accuracy (fraction of 800)",
    )
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
    fig.suptitle(
        f"Same MLP, settings and steps: {labels[first]} vs {labels[second]} training images"
    )
    fig.tight_layout()
    return fig


def plot_mistakes(cm: np.ndarray, title: str) -> Any:
    """A confusion matrix with the diagonal greyed out (its counts in grey) and the mistakes alone
    on the colour scale. Taught in 07_keras_sequential_mlp.
    """
    import matplotlib.pyplot as plt

    errors = np.where(np.eye(len(cm), dtype=bool), np.nan, cm)
    cmap = plt.get_cmap("Reds").copy()
    cmap.set_bad("0.9")  # the blanked diagonal in light grey
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    image = ax.imshow(errors, cmap=cmap, vmin=0)
    for i, j in zip(*np.nonzero(cm)):
        if i == j:
            ax.text(j, i, cm[i, j], ha="center", va="center", fontsize=7, color="0.45")
        else:
            colour = "white" if cm[i, j] > 0.6 * np.nanmax(errors) else "black"
            ax.text(j, i, cm[i, j], ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(cm)))
    ax.set_yticks(range(len(cm)))
    ax.set(title=title, xlabel="predicted digit", ylabel="true digit")
    colorbar = fig.colorbar(image, ax=ax, label="misclassified test images (count)")
    colorbar.ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
    fig.tight_layout()
    mistakes = int(cm.sum() - np.trace(cm))
    return plotting.set_alt_text(
        fig,
        f"{title}: a {len(cm)} by {len(cm)} table of counts, true digit (rows) against predicted "
        f"digit (columns); the diagonal ({int(np.trace(cm))} correct) is greyed out and the "
        f"{mistakes} mistakes are coloured by count.",
    )


def paired_interval(
    differences: Any, disagreements: Any, n_images: int, level: float = 0.95
) -> dict[str, float]:
    """A confidence interval for the mean paired difference in accuracy of two set-ups over seeds.

    Two sources of noise, combined in quadrature: the spread of the per-seed differences
    (standard deviation / sqrt(seeds)), and the choice of the ``n_images`` evaluation images,
    shared by all seeds so it does not shrink with more seeds (sqrt(mean disagreements) / n_images,
    each disagreement counted as a coin flip). The interval uses the t quantile for seeds - 1
    degrees of freedom. Taught in 08_functional_api (does the second head help?).
    """
    import scipy.stats

    differences = np.asarray(differences, dtype=float)
    n = len(differences)
    se_seeds = float(differences.std(ddof=1) / np.sqrt(n))
    se_images = float(np.sqrt(np.mean(disagreements)) / n_images)
    se = float(np.hypot(se_seeds, se_images))
    t = float(scipy.stats.t.ppf(0.5 + level / 2, df=n - 1))
    mean = float(differences.mean())
    return {
        "mean": mean,
        "se_seeds": se_seeds,
        "se_images": se_images,
        "se": se,
        "t": t,
        "low": mean - t * se,
        "high": mean + t * se,
    }
