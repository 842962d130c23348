"""Gradient descent with random mini-batches: a timed, logged training loop, gradient noise, 2-D toys.

Taught in 10_gradient_descent_batch_size. The notebook writes the training loop itself (grab a
batch, predict, loss, gradients, update); this module packages the same loop with what a
comparison of batch sizes needs around it (random batch orders by seed, a learning-rate schedule,
the seconds spent in the updates, the training loss now and then) so that the notebook shows the
experiment, not the plumbing. Importing this module does not import TensorFlow.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.surfaces import Surface, saddle

Descend = Callable[..., dict[str, np.ndarray]]


def _update(model: Any, loss_fn: Any, optimizer: Any) -> Callable[[Any, Any], Any]:
    """The loop body of 10_gradient_descent_batch_size: predict, loss, gradients, apply; the loss."""
    import tensorflow as tf

    def update(xb: Any, yb: Any) -> Any:
        with tf.GradientTape() as tape:
            loss = loss_fn(yb, model(xb, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    return update


def make_step(model: Any, loss_fn: Any, optimizer: Any, n_features: int) -> Callable[..., Any]:
    """One update of ``model`` by ``optimizer`` on a batch (xb, yb), compiled once for any batch size.

    The step is the notebook's loop body (predict, loss, gradients, apply) inside ``tf.function``
    (taught in 06_gradienttape), so timing it measures TensorFlow's work, not Python's. Its
    ``input_signature`` (shape ``[None, n_features]``: any number of rows) makes one traced graph
    serve every batch size; ``optimizer.build`` creates the optimizer's variables first, because
    a ``tf.function`` may not create variables after its first call. Returns the batch's loss.
    What is returned is the traced graph itself (``get_concrete_function``): calling it skips the
    look-up of the matching graph that every call of a ``tf.function`` makes. Pass it tensors.
    """
    import tensorflow as tf

    optimizer.build(model.trainable_variables)
    step = tf.function(
        _update(model, loss_fn, optimizer),
        input_signature=[tf.TensorSpec([None, n_features]), tf.TensorSpec([None], tf.int64)],
    )
    return step.get_concrete_function()


def make_descend(model: Any, loss_fn: Any, x: np.ndarray, y: np.ndarray) -> Descend:
    """A function ``descend(batch_size, updates, learning_rate, ...)`` that trains ``model`` on (x, y).

    ``descend`` starts from ``weights`` (default: the model's weights now), runs ``updates`` SGD
    steps on random batches (a fresh permutation of the data per pass, fixed by ``seed``; a pass
    skips the last batch when fewer images are left than a batch holds), and returns the arrays
    ``updates``, ``seconds`` (time spent in the updates only) and ``loss`` (on all of x, recorded
    every ``record_every`` updates, outside the timed part). With ``decay`` = tau, update t uses
    learning_rate / (1 + t / tau). Each call into TensorFlow runs ``updates_per_call`` updates
    (default 1, as the notebook's loop and ``fit`` do; never past a record): more per call gives
    the same updates and weights with less overhead per update, and ``seconds`` then counts that
    overhead once per call. The compiled one-batch step is ``descend.step`` and the optimizer
    ``descend.optimizer``. Taught in 10_gradient_descent_batch_size.
    """
    import keras
    import tensorflow as tf

    x_all, y_all = tf.constant(x), tf.constant(np.asarray(y, dtype=np.int64))
    n = len(x)
    start_weights = model.get_weights()
    optimizer = keras.optimizers.SGD()
    step = make_step(model, loss_fn, optimizer, int(x.shape[1]))
    update = _update(model, loss_fn, optimizer)

    @tf.function(
        input_signature=[tf.TensorSpec([None, None], tf.int64), tf.TensorSpec([None], tf.float32)]
    )
    def run_updates(batches: Any, rates: Any) -> Any:
        """One update per row of ``batches`` (indices into x), at the rates in ``rates``."""
        loss = tf.constant(0.0)
        for i in tf.range(tf.shape(batches)[0]):
            optimizer.learning_rate.assign(rates[i])
            loss = update(tf.gather(x_all, batches[i]), tf.gather(y_all, batches[i]))
        return loss

    @tf.function
    def full_loss() -> Any:
        return loss_fn(y_all, model(x_all))

    # trace once (on a copy of the weights, put back after), so that no timed run pays for it
    weights_now = model.get_weights()
    run_updates(np.zeros((1, 2), np.int64), np.zeros(1, np.float32))
    model.set_weights(weights_now)
    run_updates = run_updates.get_concrete_function()
    step(x_all[:2], y_all[:2])  # the one-batch step too (it is for timing one update)
    model.set_weights(weights_now)

    def descend(
        batch_size: int,
        updates: int,
        learning_rate: float,
        record_every: int | None = None,
        decay: float | None = None,
        seed: int = 0,
        weights: list[np.ndarray] | None = None,
        updates_per_call: int = 1,
    ) -> dict[str, np.ndarray]:
        if not 1 <= batch_size <= n:
            raise ValueError(f"batch_size must be between 1 and {n}, got {batch_size}.")
        if updates < 1:
            raise ValueError(f"updates must be a positive integer, got {updates}.")
        if updates_per_call < 1:
            raise ValueError(
                f"updates_per_call must be a positive integer, got {updates_per_call}."
            )
        record_every = record_every or updates
        model.set_weights(start_weights if weights is None else weights)
        rng = np.random.default_rng(seed)
        order, pos, batches = rng.permutation(n), 0, []
        for _ in range(updates):
            if pos + batch_size > n:  # a new pass: a new random order
                order, pos = rng.permutation(n), 0
            batches.append(order[pos : pos + batch_size])  # the rows of the next batch
            pos += batch_size
        batches = np.array(batches, dtype=np.int64)
        t = np.arange(1, updates + 1)
        rates = (
            np.full(updates, learning_rate) if decay is None else learning_rate / (1 + t / decay)
        )
        rates = rates.astype(np.float32)  # what assigning each rate to the optimizer would store
        seconds = 0.0
        log = {"updates": [0], "seconds": [0.0], "loss": [float(full_loss())]}
        done = 0
        while done < updates:
            end = min(done + updates_per_call, (done // record_every + 1) * record_every, updates)
            part, part_rates = tf.constant(batches[done:end]), tf.constant(rates[done:end])
            tic = time.perf_counter()
            run_updates(part, part_rates).numpy()  # .numpy() waits until the updates are done
            seconds += time.perf_counter() - tic
            done = end
            if done % record_every == 0:
                log["updates"].append(done)
                log["seconds"].append(seconds)
                log["loss"].append(float(full_loss()))
        return {key: np.array(values) for key, values in log.items()}

    descend.step = step  # type: ignore[attr-defined]
    descend.optimizer = optimizer  # type: ignore[attr-defined]
    return descend


def make_batch_gradient(
    model: Any, loss_fn: Any, x: np.ndarray, y: np.ndarray
) -> Callable[[np.ndarray], np.ndarray]:
    """A function: indices of a batch -> the gradient of the batch's mean loss, flattened to 1-D.

    All of the model's weights and biases end to end, at the model's current weights (compiled
    once for any batch size). Taught in 10_gradient_descent_batch_size.
    """
    import tensorflow as tf

    x_all, y_all = tf.constant(x), tf.constant(np.asarray(y, dtype=np.int64))

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64)])
    def flat_gradient(batch: Any) -> Any:
        with tf.GradientTape() as tape:
            loss = loss_fn(tf.gather(y_all, batch), model(tf.gather(x_all, batch)))
        grads = tape.gradient(loss, model.trainable_variables)
        return tf.concat([tf.reshape(g, [-1]) for g in grads], axis=0)

    compiled = flat_gradient.get_concrete_function()  # the traced graph: no look-up per call
    return lambda batch: compiled(tf.constant(np.asarray(batch, dtype=np.int64))).numpy()


def noise_directions(
    batch_gradient: Callable[[np.ndarray], np.ndarray],
    full_gradient: np.ndarray,
    n: int,
    samples: int = 50,
    seed: int = 2,
) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors: along the full gradient, and across it where single-image gradients vary most.

    "Across" is the first principal component (``np.linalg.svd``) of ``samples`` single-image
    deviations from the full gradient, after removing their component along it.
    """
    along = full_gradient / np.linalg.norm(full_gradient)
    rng = np.random.default_rng(seed)
    deviations = np.array(
        [batch_gradient(rng.integers(0, n, 1)) - full_gradient for _ in range(samples)]
    )
    deviations -= np.outer(deviations @ along, along)
    across = np.linalg.svd(deviations, full_matrices=False)[2][0]
    return along, across


def plot_gradient_cloud(points: np.ndarray, centre: float, limit: float, batch_size: int) -> Figure:
    """Mini-batch gradients as dots in the (along, across) plane, the full gradient as a cross."""
    fig, ax = plt.subplots(figsize=(5.5, 4.8))
    ax.plot(points[:, 0], points[:, 1], ".", alpha=0.6, label=f"{len(points)} mini-batch gradients")
    ax.plot(centre, 0, "kx", ms=12, mew=2, label="full gradient ḡ")
    ax.set(
        xlim=(centre - limit, centre + limit),
        ylim=(-limit, limit),
        xlabel="component along ḡ",
        ylabel="component across ḡ (where the noise is largest)",
        title=f"Mini-batch gradients, batch size {batch_size}",
    )
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


# --- 2-D toys: the same noise on surfaces we can draw -------------------------------------------


def tilted_double_well(x: Any, y: Any) -> Any:
    """Two valleys along x, the left one deeper: (x^2 - 1)^2 / 4 + x / 10 + y^2.

    Minima near x = -1.05 (value -0.10) and x = 0.95 (value 0.10), a ridge near x = 0.10 between
    them (value 0.25).
    """
    return 0.25 * (x**2 - 1.0) ** 2 + 0.1 * x + y**2


def _saddle_gradient(p: np.ndarray) -> np.ndarray:
    return np.array([2.0 * p[0], p[1] ** 3 - p[1]])


def _double_well_gradient(p: np.ndarray) -> np.ndarray:
    return np.array([p[0] * (p[0] ** 2 - 1.0) + 0.1, 2.0 * p[1]])


#: The two non-convex toys of 10_gradient_descent_batch_size: (surface, its exact gradient).
TOYS: dict[str, tuple[Surface, Callable[[np.ndarray], np.ndarray]]] = {
    "saddle": (
        Surface(
            "saddle point",
            saddle,
            (-1.5, 0.0),
            ((0.0, 1.0), (0.0, -1.0)),
            (-1.75, 1.75),
            (-1.6, 1.6),
        ),
        _saddle_gradient,
    ),
    "double well": (
        Surface(
            "tilted double well",
            tilted_double_well,
            (1.2, 0.5),
            ((-1.0466, 0.0),),
            (-1.8, 1.8),
            (-1.2, 1.2),
        ),
        _double_well_gradient,
    ),
}


def sample_offsets(n: int = 1000, scale: float = 1.0, seed: int = 0) -> np.ndarray:
    """Per-sample gradient offsets c_i (shape (n, 2)) with mean exactly 0 and spread ``scale``.

    They make a toy data set: sample i has the loss f(p) + c_i . p, so the mean loss over all
    samples is exactly f, and a mini-batch gradient is f's gradient plus the mean of B offsets,
    drawn at random: the same 1/B variance as a network's mini-batch gradient.
    """
    c = np.random.default_rng(seed).standard_normal((n, 2)) * scale
    return c - c.mean(axis=0)


def noisy_descent(
    gradient: Callable[[np.ndarray], np.ndarray],
    start: Sequence[float],
    learning_rate: float,
    steps: int,
    offsets: np.ndarray,
    batch_size: int | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Gradient descent on a 2-D toy: the exact gradient (``batch_size=None``) or a mini-batch one.

    A mini-batch gradient is ``gradient(p)`` plus the mean of ``batch_size`` rows of ``offsets``
    drawn at random (with replacement, fixed by ``seed``). Returns the path, shape (steps + 1, 2).
    """
    rng = np.random.default_rng(seed)
    path = np.empty((steps + 1, 2))
    path[0] = p = np.asarray(start, dtype=float)
    for t in range(1, steps + 1):
        g = gradient(p)
        if batch_size is not None:
            g = g + offsets[rng.integers(0, len(offsets), batch_size)].mean(axis=0)
        p = p - learning_rate * g
        path[t] = p
    return path


def plot_toy_paths(
    panels: Sequence[tuple[Surface, dict[str, np.ndarray], str, np.ndarray | None]], title: str
) -> Figure:
    """One contour panel per (surface, {label: path}, panel title, end points of many runs or None).

    The first path is drawn wide on top (the exact gradient), the others thin; each path ends in
    a ringed dot of its colour (in the legend as "end: <label>"), and the optional end points
    (shape (runs, 2)) are drawn as small crosses.
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(5.6 * len(panels), 4.8), squeeze=False)
    cmap = plt.get_cmap("tab10")
    for ax, (surface, paths, panel_title, ends) in zip(axes[0], panels):
        gx, gy = np.meshgrid(np.linspace(*surface.xlim, 250), np.linspace(*surface.ylim, 250))
        z = np.asarray(surface.fn(gx, gy), dtype=float)
        ax.contour(gx, gy, z, levels=25, colors="lightgrey", linewidths=0.7)
        for i, (name, path) in enumerate(paths.items()):
            style = dict(lw=2.5, zorder=3) if i == 0 else dict(lw=0.7, alpha=0.7, zorder=2)
            ax.plot(path[:, 0], path[:, 1], "-", color=cmap(i), label=name, **style)
            ax.plot(
                *path[-1],
                "o",
                color=cmap(i),
                ms=7,
                mec="black",
                mew=0.7,
                zorder=4,
                label=f"end: {name}",
            )
        if ends is not None:
            ax.plot(
                *np.asarray(ends).T,
                "x",
                color="crimson",
                ms=6,
                mew=1.5,
                zorder=5,
                label=f"where {len(ends)} runs end",
            )
        ax.plot(*surface.start, "ks", ms=7, label="start", zorder=5)
        mx, my = np.asarray(surface.minima, dtype=float).T
        ax.plot(mx, my, "k*", ms=13, ls="none", label="lowest point", zorder=5)
        ax.set(
            xlim=surface.xlim,
            ylim=surface.ylim,
            xlabel="parameter 1",
            ylabel="parameter 2",
            title=panel_title,
        )
        ax.legend(loc="lower left", fontsize=7)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
