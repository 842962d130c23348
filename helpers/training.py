"""Train one small Keras model with many optimizers, compiling it only once per kind of optimizer.

Taught in 09_optimizers (the race of optimizers and the learning-rate grid). ``compile`` followed
by the first ``fit`` traces the training step into a TensorFlow graph: for a network as small as
09's that costs several times more than the training itself. ``Trainer`` keeps one compiled copy
of the model per kind of optimizer (its class and settings, the learning rate aside). A later run
with an optimizer of the same kind reuses that copy: it sets the weights, and puts the copy's
optimizer back to the new optimizer's starting state (step 0, the new learning rate, moments at
their initial values). Each run then trains exactly as ``compile`` and ``fit`` with a fresh model
and that optimizer would (``tests/test_training.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from helpers import runtime


def optimizer_kind(optimizer: Any) -> str:
    """The class and settings of a Keras optimizer, without its name and learning rate."""
    config = optimizer.get_config()
    settings = {k: v for k, v in config.items() if k not in ("name", "learning_rate")}
    return f"{type(optimizer).__name__}{sorted(settings.items())}"


class Trainer:
    """Fit copies of ``model`` with any number of optimizers; each kind is compiled once.

    ``Trainer(model, loss, steps_per_execution)`` clones ``model`` (the architecture, not its
    weights) under ``runtime.model_scope()``. ``fit(optimizer, data, epochs, weights)`` trains a
    copy from ``weights`` on ``data`` (a ``tf.data.Dataset`` of batches) and returns the training
    loss of each epoch and the trained copy. The copy is reused by the next run with an optimizer
    of the same kind: read what you need from it before that run.
    """

    def __init__(self, model: Any, loss: Any, steps_per_execution: int = 1) -> None:
        self.model = model
        self.loss = loss
        self.steps_per_execution = steps_per_execution
        self.copies: dict[str, Any] = {}

    def fit(
        self, optimizer: Any, data: Any, epochs: int, weights: Sequence[Any]
    ) -> tuple[list[float], Any]:
        """Train a copy from ``weights`` with the fresh ``optimizer``; return (epoch losses, copy)."""
        import keras

        if getattr(optimizer, "built", False) and int(optimizer.iterations) > 0:
            raise ValueError("pass a fresh optimizer: this one has already taken steps.")
        kind = optimizer_kind(optimizer)
        if kind not in self.copies:
            with runtime.model_scope():
                copy = keras.models.clone_model(self.model)
                copy.compile(
                    optimizer=optimizer,
                    loss=self.loss,
                    steps_per_execution=self.steps_per_execution,
                )
            self.copies[kind] = copy
        else:
            copy = self.copies[kind]
            with runtime.model_scope():
                optimizer.build(copy.trainable_variables)
            # The compiled copy keeps its own optimizer (its graph uses those variables): give it
            # the fresh optimizer's starting values, variable by variable.
            for used, fresh in zip(copy.optimizer.variables, optimizer.variables, strict=True):
                used.assign(fresh)
        copy.set_weights(weights)
        history = copy.fit(data, epochs=epochs, shuffle=False, verbose=0)
        return [float(v) for v in history.history["loss"]], copy
