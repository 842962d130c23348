"""The figures behind two sliders, assembled here so that the notebooks show the lesson, not the
plotting: outliers pulling a fitted line (taught in 04_loss_functions) and gradient descent on a
two-dimensional bowl for a chosen learning rate (taught in 05_backpropagation_by_hand).

Each function draws one state of its slider and returns the matplotlib Figure; the notebook passes
a small ``draw`` function to ``helpers.widgets.slider_figure``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

#: A fitted line: (weights of shape (1,), bias), as a gradient-descent fit of one feature returns it.
Line = tuple[np.ndarray, float]

COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:purple")


def outlier_fits(
    x: np.ndarray,
    y_clean: np.ndarray,
    y_corrupted: np.ndarray,
    outliers: Sequence[int] | np.ndarray,
    fits: Mapping[str, tuple[Line, Line]],
    size: float,
) -> Figure:
    """Lines fitted with and without outliers (left) and how far each moved (right). Taught in 04.

    ``x`` is the one feature, ``y_clean`` the clean targets, ``y_corrupted`` the targets with
    ``size`` added at the indices ``outliers``; ``fits`` maps a loss name ("MSE") to its
    (clean line, line with outliers). The right panel also marks the rise of the mean target,
    ``len(outliers) * size / len(y_clean)``, which the least-squares line follows at the mean x.
    """
    x, y_clean, y_corrupted = (np.asarray(a, dtype=float) for a in (x, y_clean, y_corrupted))
    outliers = np.asarray(outliers, dtype=int)
    if x.ndim != 1 or x.shape != y_clean.shape or y_clean.shape != y_corrupted.shape:
        raise ValueError(
            f"x, y_clean and y_corrupted must be 1-D of one length, got shapes {x.shape}, "
            f"{y_clean.shape} and {y_corrupted.shape}."
        )
    fig, (ax, ax_d) = plt.subplots(1, 2, figsize=(11.5, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    inlier = np.setdiff1d(np.arange(len(x)), outliers)
    ax.scatter(x[inlier], y_clean[inlier], s=10, c="grey", alpha=0.5, label="training patients")
    label = f"{len(outliers)} outliers ({size:+g})"
    ax.scatter(x[outliers], y_corrupted[outliers], s=30, c="red", marker="x", label=label)
    grid = np.array([x.min(), x.max()])
    for (name, ((w0, b0), (w1, b1))), colour in zip(fits.items(), COLOURS):
        w0, w1 = float(np.ravel(w0)[0]), float(np.ravel(w1)[0])
        ax.plot(grid, w0 * grid + b0, color=colour, ls="--", lw=2, label=f"{name} fit, clean")
        moved = f"{name} fit, with outliers ({b1 - b0:+.0f} at BMI 0)"
        ax.plot(grid, w1 * grid + b1, color=colour, lw=2, label=moved)
        ax_d.plot(grid, (w1 - w0) * grid + (b1 - b0), color=colour, lw=2, label=name)
    mean_shift = len(outliers) * size / len(y_clean)
    ax_d.axhline(
        mean_shift, color="grey", ls=":", lw=1.5, label=f"mean target rise {mean_shift:.1f}"
    )
    ax_d.axhline(0, color="black", lw=0.8)
    ax_d.axvline(0, color="grey", lw=0.8, ls="--")  # BMI 0: the average training patient
    ax.set(
        title="Outliers pull the MSE fit more than the MAE fit",
        xlabel="body-mass index (standardised, SD units)",
        ylabel="disease progression after 1 year (score)",
        ylim=(0, max(900, 1.3 * y_corrupted.max())),  # room for the legend above the outliers
    )
    ax.legend(fontsize=8, ncol=2, loc="upper left")
    ax_d.set(
        title="How far each fit moved (with outliers − clean)",
        xlabel="body-mass index (standardised, SD units)",
        ylabel="fit with outliers − clean fit (score)",
    )
    ax_d.legend(fontsize=8, loc="upper left")
    for a in (ax, ax_d):
        a.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def descent_regime(factors: Sequence[float] | np.ndarray, tol: float = 1e-9) -> str:
    """Name what gradient descent does when each step multiplies each coordinate by ``factors``.

    "diverging" (some factor of size > 1), "oscillating forever" (size exactly 1),
    "oscillating, converging" (a negative factor) or "converging". ``tol`` absorbs the float
    rounding of slider values (0.3 - 0.2 = 0.0999...). Taught in 05.
    """
    factors = np.asarray(factors, dtype=float)
    worst = np.abs(factors).max()
    if worst > 1 + tol:
        return "diverging"
    if worst > 1 - tol:
        return "oscillating forever"
    return "oscillating, converging" if factors.min() < -tol else "converging"


def bowl_descent(
    eps: float, steep: float = 5.0, steps: int = 25, start: tuple[float, float] = (-4.0, 1.5)
) -> Figure:
    """Gradient descent on f = w₁² + steep·w₂² with learning rate ``eps``: the path on the contour
    lines (left) and |w₁|, |w₂| per step on a log axis (right). Taught in 05.

    On this bowl each step multiplies w₁ by 1 − 2ε and w₂ by 1 − 2·steep·ε, so the path is
    computed from those factors; the title names the regime (``descent_regime``).
    """
    factors = np.array([1 - 2 * eps, 1 - 2 * steep * eps])  # what each step multiplies w by
    path = np.array(start, dtype=float) * factors ** np.arange(steps + 1)[:, None]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    g1, g2 = np.meshgrid(np.linspace(-4.8, 4.8, 200), np.linspace(-2.4, 2.4, 200))
    left.contour(g1, g2, g1**2 + steep * g2**2, levels=12, cmap="Greys", linewidths=0.8)
    left.plot(path[:, 0], path[:, 1], "o-", color="tab:blue", ms=3, lw=1, label="path")
    left.plot(0, 0, "*", color="tab:red", ms=12, label="minimum")
    left.set(xlim=(-4.8, 4.8), ylim=(-2.4, 2.4), xlabel="w₁", ylabel="w₂")
    left.set(title=f"Path on f = w₁² + {steep:g}·w₂² (grey: contours)")
    left.legend(loc="upper right", fontsize=8)
    for i, colour in enumerate(["tab:orange", "tab:purple"]):
        label = f"w{'₁₂'[i]} × {factors[i]:.2f} per step (|w{'₁₂'[i]}| shown)"
        right.semilogy(np.abs(path[:, i]) + 1e-300, "o-", ms=3, color=colour, label=label)
    right.set(xlabel="gradient-descent step", ylabel="|w₁| and |w₂| (log scale)")
    right.set(title="Each coordinate, multiplied by a fixed factor per step")
    right.legend(fontsize=8)
    fig.suptitle(f"ε = {eps:g}: {descent_regime(factors)}")
    fig.tight_layout()
    return fig
