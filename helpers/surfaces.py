"""2-D loss surfaces and the paths optimizers take on them.

Taught in 09_optimizers: each ``keras.optimizers`` object applies GradientTape gradients to one
``tf.Variable`` holding a point (x, y), and the points it visits are drawn on a contour plot.
Importing this module does not import TensorFlow (``runtime.setup`` must run first).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

SurfaceFn = Callable[[Any, Any], Any]


def ill_conditioned_bowl(x: Any, y: Any) -> Any:
    """A quadratic bowl 50 times steeper across (y) than along (x): condition number 50."""
    return 0.5 * (x**2 + 50.0 * y**2)


def saddle(x: Any, y: Any) -> Any:
    """A saddle point at (0, 0) (up along x, down along y) between two minima at (0, +-1), value -0.25."""
    return x**2 + 0.25 * y**4 - 0.5 * y**2


def rosenbrock(x: Any, y: Any) -> Any:
    """Rosenbrock's banana valley: minimum 0 at (1, 1) at the end of a long, curved, flat-bottomed valley."""
    return (1.0 - x) ** 2 + 100.0 * (y - x**2) ** 2


@dataclass(frozen=True)
class Surface:
    """A 2-D loss surface: its function (NumPy or TensorFlow arguments), a start point, its minima, a view."""

    name: str
    fn: SurfaceFn
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    xlim: tuple[float, float]
    ylim: tuple[float, float]


#: The three surfaces of 09_optimizers, by name.
SURFACES: dict[str, Surface] = {
    "bowl": Surface(
        "ill-conditioned bowl",
        ill_conditioned_bowl,
        (-4.0, 1.0),
        ((0.0, 0.0),),
        (-4.5, 1.5),
        (-1.5, 1.5),
    ),
    "saddle": Surface(
        "saddle point", saddle, (-1.5, 1e-3), ((0.0, 1.0), (0.0, -1.0)), (-1.75, 1.75), (-1.6, 1.6)
    ),
    "rosenbrock": Surface(
        "Rosenbrock valley", rosenbrock, (-1.5, 2.0), ((1.0, 1.0),), (-2.0, 2.0), (-1.0, 3.0)
    ),
}


def trajectories(
    optimizers: Mapping[str, Any], fn: SurfaceFn, start: Sequence[float], steps: int
) -> dict[str, np.ndarray]:
    """Let each Keras optimizer minimise ``fn(x, y)`` from ``start`` for ``steps`` updates.

    Each optimizer owns a ``tf.Variable`` [x, y]; every step takes the GradientTape gradient of
    ``fn`` and calls ``optimizer.apply_gradients``. All optimizers run in one ``tf.function``.
    Returns ``{name: array of shape (steps + 1, 2)}``, the start point first.
    """
    if not optimizers:
        raise ValueError("optimizers is empty: pass a mapping {name: keras optimizer}.")
    if int(steps) != steps or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}.")
    start_arr = np.asarray(start, dtype=np.float32)
    if start_arr.shape != (2,):
        raise ValueError(f"start must be a point (x, y), got shape {start_arr.shape}.")
    for name, opt in optimizers.items():
        if not hasattr(opt, "apply_gradients"):
            raise TypeError(
                f"optimizer {name!r} is not a Keras optimizer: got {type(opt).__name__}."
            )
    steps = int(steps)
    names = list(optimizers)
    if _keras_backend() == "jax":
        stacked = _jax_run([optimizers[name] for name in names], fn, start_arr, steps)
        return {name: stacked[:, k, :] for k, name in enumerate(names)}
    import tensorflow as tf

    points = [tf.Variable(start_arr) for _ in names]
    opts = [optimizers[name] for name in names]
    for opt, point in zip(opts, points):
        opt.build([point])

    @tf.function
    def run() -> Any:
        path = tf.TensorArray(tf.float32, size=steps + 1).write(0, tf.stack(points))
        for i in tf.range(steps):
            for opt, point in zip(opts, points):
                with tf.GradientTape() as tape:
                    loss = fn(point[0], point[1])
                opt.apply_gradients([(tape.gradient(loss, point), point)])
            path = path.write(i + 1, tf.stack(points))
        return path.stack()  # (steps + 1, n_optimizers, 2)

    stacked = run().numpy()
    return {name: stacked[:, k, :] for k, name in enumerate(names)}


def _keras_backend() -> str:
    import keras

    return keras.config.backend()


def _jax_run(opts: Sequence[Any], fn: SurfaceFn, start: np.ndarray, steps: int) -> np.ndarray:
    """``trajectories`` on Keras's JAX backend: the same updates, with ``jax.grad`` for the tape and
    the optimizers' ``stateless_apply`` in one compiled ``jax.lax.scan``. (steps + 1, n, 2)."""
    import jax
    import jax.numpy as jnp
    import keras

    grad = jax.grad(lambda w: fn(w[0], w[1]))
    states = []
    for opt in opts:
        opt.build([keras.Variable(start)])
        states.append([v.value for v in opt.variables])

    def step(carry: Any, _: Any) -> Any:
        new = []
        for opt, (w, state) in zip(opts, carry):
            (w,), state = opt.stateless_apply(state, [grad(w)], [w])
            new.append((w, state))
        return new, jnp.stack([w for w, _ in new])

    start_w = jnp.asarray(start)
    _, path = jax.jit(lambda c: jax.lax.scan(step, c, None, length=steps))(
        [(start_w, state) for state in states]
    )
    first = np.broadcast_to(start, (1, len(opts), 2))
    return np.concatenate([first, np.asarray(path)]).astype(np.float32)


def sign_changes(values: Sequence[float] | np.ndarray) -> int:
    """Count how often the step ``values[i+1] - values[i]`` flips sign: the zig-zags of a path."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 1:
        raise ValueError(
            f"values must be 1-D (one coordinate of a path), got shape {values.shape}."
        )
    steps = np.sign(np.diff(values))
    steps = steps[steps != 0]
    return int(np.sum(steps[1:] != steps[:-1]))


def plot_trajectories(
    surface: Surface, paths: Mapping[str, np.ndarray], title: str | None = None, levels: int = 30
) -> Figure:
    """Draw ``paths`` ({name: (steps + 1, 2) array}) on log-spaced contours of ``surface``."""
    if not paths:
        raise ValueError("paths is empty: pass {name: array of shape (steps + 1, 2)}.")
    gx, gy = np.meshgrid(np.linspace(*surface.xlim, 300), np.linspace(*surface.ylim, 300))
    z = np.asarray(surface.fn(gx, gy), dtype=float)
    shifted = z - z.min() + 1e-3  # log-spaced contours need positive values
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    ax.contour(
        gx,
        gy,
        shifted,
        levels=np.geomspace(shifted.min() * 10, shifted.max(), levels),
        colors="lightgrey",
        linewidths=0.7,
    )
    cmap = plt.get_cmap("tab10")
    for i, (name, path) in enumerate(paths.items()):
        path = np.asarray(path, dtype=float)
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(f"path {name!r} must have shape (steps + 1, 2), got {path.shape}.")
        style = ("-", "--", "-.", ":")[i % 2 + 2 * ((i // 10) % 2)]  # 10 colours, then new styles
        ax.plot(path[:, 0], path[:, 1], style, color=cmap(i % 10), lw=1.3, label=name)
        ax.plot(
            path[-1, 0], path[-1, 1], "o", color=cmap(i % 10), ms=5, mec="black", mew=0.5, zorder=4
        )  # drawn above the star, so an end at the minimum stays visible
    ax.plot(*surface.start, "ks", ms=6, label="start")
    ax.plot([], [], "o", color="white", ms=5, mec="black", mew=0.5, label="end of a path")
    mx, my = np.asarray(surface.minima, dtype=float).T
    ax.plot(mx, my, "k*", ms=12, ls="none", label="minimum", zorder=3)
    ax.set(
        xlim=surface.xlim,
        ylim=surface.ylim,
        xlabel="x (parameter 1)",
        ylabel="y (parameter 2)",
        title=title or f"Optimizer paths on the {surface.name}",
    )
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


def plot_trajectory_panels(
    surface: Surface,
    paths: Mapping[str, np.ndarray],
    groups: Mapping[str, Sequence[str]],
    title: str | None = None,
    levels: int = 30,
) -> Figure:
    """Small multiples: one contour panel per group of paths, with a legend under each panel.

    Taught in 09_optimizers: ``groups`` maps a panel title to the names (keys of ``paths``) drawn
    in it, e.g. {"SGD and momentum": ["SGD", "SGD momentum"], "adaptive": ["Adam", "RMSprop"]}, so
    paths that would hide each other on one axis are compared family by family.
    """
    if not groups:
        raise ValueError("groups is empty: pass {panel title: [names of paths]}.")
    unknown = [name for names in groups.values() for name in names if name not in paths]
    if unknown:
        raise KeyError(f"groups name paths that are not in paths: {unknown}; have {list(paths)}.")
    gx, gy = np.meshgrid(np.linspace(*surface.xlim, 250), np.linspace(*surface.ylim, 250))
    z = np.asarray(surface.fn(gx, gy), dtype=float)
    shifted = z - z.min() + 1e-3  # log-spaced contours need positive values
    contour_levels = np.geomspace(shifted.min() * 10, shifted.max(), levels)
    fig, axes = plt.subplots(1, len(groups), figsize=(4.6 * len(groups), 5.0), squeeze=False)
    cmap = plt.get_cmap("tab10")
    mx, my = np.asarray(surface.minima, dtype=float).T
    for ax, (panel, names) in zip(axes[0], groups.items()):
        ax.contour(gx, gy, shifted, levels=contour_levels, colors="lightgrey", linewidths=0.7)
        ax.plot(mx, my, "k*", ms=11, ls="none")
        ax.plot(*surface.start, "ks", ms=6)
        ax.set(
            xlim=surface.xlim,
            ylim=surface.ylim,
            xlabel="x (parameter 1)",
            ylabel="y (parameter 2)",
            title=panel,
        )
        for i, name in enumerate(names):
            path = np.asarray(paths[name], dtype=float)
            if path.ndim != 2 or path.shape[1] != 2:
                raise ValueError(f"path {name!r} must have shape (steps + 1, 2), got {path.shape}.")
            color = cmap(i)
            style = ("-", "--", "-.", ":")[i % 4]
            lw = 1.0 + 0.6 * (len(names) - 1 - i)  # earlier paths wider: visible under later ones
            ax.plot(path[:, 0], path[:, 1], style, color=color, lw=lw, label=name)
            end = np.clip(
                path[-1], [surface.xlim[0], surface.ylim[0]], [surface.xlim[1], surface.ylim[1]]
            )
            ax.plot(*end, "o", color=color, ms=5, mec="black", mew=0.5)
        # the legend goes under the panel, where it cannot cover a path
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2, fontsize=9, frameon=False
        )
    fig.suptitle(
        title or f"Optimizer paths on the {surface.name} (square: start, star: minimum, dot: end)"
    )
    fig.tight_layout()
    return fig
