"""Figure assembly for notebooks 02 and 03, kept out of the student's view.

Each function draws one figure a notebook discusses and returns it (``fig = ...`` in the notebook,
so Jupyter shows it once). The ideas are taught in the notebook named in each docstring; these
functions only lay out axes, colours and labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

_CLASS_STYLE = ((0, "#c0392b", "o"), (1, "#2166ac", "s"))
_SHADES = ["#f4c7c3", "#c6dbef"]


def perceptron_updates(
    x: np.ndarray,
    y: np.ndarray,
    history: Sequence[tuple[np.ndarray, float, int]],
    shown: Sequence[int],
    predict: Callable[[np.ndarray, np.ndarray, float], np.ndarray],
) -> tuple[Figure, list[int]]:
    """The perceptron's boundary xw + b = 0 after the updates ``shown`` (1-based), one panel each.

    Taught in 02_neuron_and_forward_pass. ``history[k - 1]`` is (w, b, i) after update k, i the
    example whose mistake triggered it. Returns the figure and, per panel, how many points the new
    line gets wrong.
    """
    nrows = int(np.ceil(len(shown) / 3))
    fig, axes = plt.subplots(
        nrows, 3, figsize=(10, 3.65 * nrows), sharex=True, sharey=True, layout="constrained"
    )
    (lo1, lo2), (hi1, hi2) = x.min(axis=0) - 0.3, x.max(axis=0) + 0.3
    g1, g2 = np.meshgrid(np.linspace(lo1, hi1, 200), np.linspace(lo2, hi2, 200))
    wrong_after = []
    for ax, k in zip(np.ravel(axes), shown):
        w_k, b_k, i_k = history[k - 1]
        side = predict(np.c_[g1.ravel(), g2.ravel()], w_k, b_k).reshape(g1.shape)
        ax.contourf(g1, g2, side, levels=[-0.5, 0.5, 1.5], colors=_SHADES)
        wrong = predict(x, w_k, b_k) != y
        wrong_after.append(int(wrong.sum()))
        for label, colour, marker in _CLASS_STYLE:
            pts = x[y == label]
            ax.scatter(pts[:, 0], pts[:, 1], c=colour, marker=marker, s=22, label=f"class {label}")
        ax.scatter(
            *x[wrong].T, s=90, facecolors="none", edgecolors="black", label="wrong after the update"
        )
        ax.scatter(
            *x[i_k],
            marker="*",
            s=260,
            c="gold",
            edgecolors="black",
            zorder=3,
            label="its mistake triggered the update",
        )
        ax.set(title=f"after update {k}: {wrong.sum()} wrong", xlabel="$x_1$", ylabel="$x_2$")
    handles, labels = np.ravel(axes)[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=4)
    fig.suptitle(
        "Perceptron on a separable set: the boundary $xw + b = 0$ after each update\n"
        "(shaded blue: predicted class 1, red: predicted class 0)"
    )
    return fig, wrong_after


def deep_stack_gradients(
    per_layer: Mapping[str, np.ndarray],
    sweep_scales: Sequence[float],
    sweep_ratio: np.ndarray,
    sweep_saturated: np.ndarray,
) -> Figure:
    """Gradient norm per layer (left) and a sweep over the initial scale s (middle, right).

    Taught in 03_activation_functions. ``per_layer`` maps a label to the gradient norms, one row
    per seed and one column per layer; ``sweep_ratio`` and ``sweep_saturated`` have one row per
    scale and one column per seed.
    """
    fig, (ax_l, ax_r, ax_s) = plt.subplots(
        1, 3, figsize=(13, 4.2), gridspec_kw={"width_ratios": [1.5, 1, 1]}, layout="constrained"
    )
    for label, norms in per_layer.items():
        layers = np.arange(1, norms.shape[1] + 1)
        (line,) = ax_l.plot(layers, np.median(norms, axis=0), marker="o")
        ax_l.fill_between(layers, norms.min(axis=0), norms.max(axis=0), alpha=0.2)
        ax_l.text(layers[-1] + 0.25, np.median(norms[:, -1]), label, color=line.get_color())
    ax_l.set_yscale("log")
    ax_l.set_xlim(0.5, layers[-1] + 4.5)
    ax_l.set_xticks(layers)
    ax_l.set(
        title="Gradient size per layer (median, band: seeds)",
        xlabel="layer l (1 = nearest the input)",
        ylabel="gradient norm ‖∂L/∂W_l‖ (log scale)",
    )
    s = np.asarray(sweep_scales, dtype=float)
    ax_r.plot(s, np.median(sweep_ratio, axis=1), "o-", color="#1f77b4")
    ax_r.fill_between(s, sweep_ratio.min(axis=1), sweep_ratio.max(axis=1), alpha=0.2)
    ax_r.axhspan(1 / 20, 20, color="green", alpha=0.1, label="within a factor 20 of 1")
    near = s[(sweep_ratio.min(axis=1) > 1 / 20) & (sweep_ratio.max(axis=1) < 20)]
    if len(near):
        for ax in (ax_r, ax_s):
            ax.axvspan(
                near.min(), near.max(), color="grey", alpha=0.15, label="s with such a ratio"
            )
    ax_r.set(
        xscale="log",
        yscale="log",
        title="Sigmoid stack: first / last layer",
        xlabel="initial scale s (log scale)",
        ylabel="‖∂L/∂W_1‖ / ‖∂L/∂W_10‖ (log scale)",
    )
    ax_r.legend(loc="upper left", fontsize=8)
    ax_s.plot(s, 100 * np.median(sweep_saturated, axis=1), "o-", color="#d62728")
    ax_s.legend(loc="upper left", fontsize=8)
    ax_s.set(
        xscale="log",
        ylim=(-3, 103),
        title="Sigmoid stack: saturated units",
        xlabel="initial scale s (log scale)",
        ylabel="units with σ'(z) < 0.01 (%)",
    )
    for ax in (ax_l, ax_r, ax_s):
        ax.grid(alpha=0.3, which="both")
    fig.suptitle("A gradient through 10 layers of 64 units, at the initial weights (5 seeds)")
    return fig


def logit_scale(
    c: float,
    base_logits: np.ndarray,
    c_grid: np.ndarray,
    stable_curve: np.ndarray,
    naive_curve: np.ndarray,
    naive: Callable[[np.ndarray], np.ndarray],
    stable: Callable[[np.ndarray], np.ndarray],
) -> Figure:
    """Softmax of c * logits against c, stable (lines) and naive (dots), and the bars at one c.

    Taught in 03_activation_functions (temperature; the naive softmax overflows in float32).
    """
    first_nan = float(c_grid[np.isnan(naive_curve).any(axis=1)].min())
    fig, (ax_c, ax_b) = plt.subplots(1, 2, figsize=(11, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    for i, logit in enumerate(base_logits):
        (line,) = ax_c.plot(c_grid, stable_curve[:, i], label=f"class {i}, logit {logit:+g}")
        ax_c.plot(c_grid[::6], naive_curve[::6, i], "o", ms=3, color=line.get_color())
    ax_c.axhline(1 / len(base_logits), color="grey", ls=":", lw=1)
    ax_c.text(12, 1 / len(base_logits) + 0.02, f"1/k = {1 / len(base_logits):g}", color="grey")
    ax_c.axvspan(first_nan, c_grid[-1], color="red", alpha=0.08)
    ax_c.text(
        first_nan / 1.05, 0.5, "naive gives\nnan from here →", color="red", va="center", ha="right"
    )
    ax_c.axvline(c, color="black", ls="--", lw=1)
    ax_c.text(c * 1.08 if c < 20 else c / 1.08, 0.9, f"c = {c:g}", ha="left" if c < 20 else "right")
    ax_c.set_xscale("log")
    ax_c.set(
        title="Softmax of c·(2, 1, 0, −1): lines stable, dots naive",
        xlabel="logit scale c = 1 / temperature (log scale)",
        ylabel="probability",
        ylim=(-0.03, 1.03),
    )
    ax_c.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    ax_c.grid(alpha=0.3)
    scaled = np.float32(c) * base_logits
    with np.errstate(over="ignore", invalid="ignore"):
        naive_now = naive(scaled)
    classes = np.arange(len(base_logits))
    ax_b.bar(classes - 0.2, stable(scaled), width=0.4, label="max-subtracted")
    ax_b.bar(classes + 0.2, np.nan_to_num(naive_now), width=0.4, label="naive", hatch="//")
    for i in classes[np.isnan(naive_now)]:
        ax_b.text(i + 0.2, 0.02, "nan", color="red", ha="center", rotation=90)
    ax_b.set_xticks(classes)
    ax_b.set(
        title=f"Probabilities at c = {c:g} (the slider)",
        xlabel="class",
        ylabel="probability",
        ylim=(0, 1.05),
    )
    ax_b.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    fig.suptitle(
        "Scaling the logits sharpens the softmax; "
        f"the naive one gives nan from c = {first_nan:.3g} on"
    )
    fig.tight_layout()
    return fig


def softmax_vs_sigmoid(
    images: np.ndarray,
    labels: np.ndarray,
    p_class: np.ndarray,
    attributes: np.ndarray,
    p_attr: np.ndarray,
    names: Sequence[str],
    indices: Sequence[int],
) -> Figure:
    """One row per image: the image, its softmax bars over the classes, its sigmoid bars per label.

    Taught in 03_activation_functions (single-label vs multi-label outputs). Dark bars mark the
    true class and the true attributes.
    """
    k, n_attr = p_class.shape[1], p_attr.shape[1]
    side = int(round(np.sqrt(images[0].size)))
    fig, axes = plt.subplots(
        len(indices),
        3,
        figsize=(10, 2.0 * len(indices)),
        gridspec_kw={"width_ratios": [0.8, 2.2, 1.6]},
    )
    for row, i in zip(axes, indices):
        row[0].imshow(images[i].reshape(side, side), cmap="gray_r")
        row[0].set_title(f"test digit: {labels[i]}", fontsize=9)
        row[0].axis("off")
        row[1].bar(
            range(k), p_class[i], color=np.where(np.arange(k) == labels[i], "#08519c", "#bdd7e7")
        )
        row[1].set(ylim=(0, 1.05), xticks=range(k), ylabel="probability")
        row[2].bar(
            range(n_attr), p_attr[i], color=np.where(attributes[i] == 1, "#08519c", "#bdd7e7")
        )
        row[2].axhline(0.5, color="grey", ls="--", lw=0.8)
        row[2].set(ylim=(0, 1.05), ylabel="probability")
        row[2].set_xticks(range(n_attr), names, fontsize=8)
        for ax, p in ((row[1], p_class[i]), (row[2], p_attr[i])):
            ax.text(
                1.0,
                1.03,
                f"sum = {p.sum():.2f}",
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=9,
            )
    axes[0, 1].set_title(f"softmax: {k} classes, one answer\n", loc="left", fontsize=10)
    axes[0, 2].set_title(f"sigmoid: {n_attr} attributes, each yes/no\n", loc="left", fontsize=10)
    axes[-1, 1].set_xlabel("digit class")
    axes[-1, 2].set_xlabel("attribute (dashed line: 0.5 threshold)")
    fig.suptitle("Softmax vs sigmoid outputs on the same test digits (dark bars: the truth)")
    fig.tight_layout()
    return fig


def xor_hidden_layer(
    x: np.ndarray,
    y: np.ndarray,
    params: Sequence[np.ndarray],
    net: Callable[[np.ndarray, Sequence[np.ndarray]], np.ndarray],
    limit: float = 2.0,
) -> Figure:
    """Each tanh hidden neuron's output over the plane, then the output neuron's class regions.

    Taught in 02_neuron_and_forward_pass (what the hidden layer does on XOR). ``params`` is
    (W1, b1, W2, b2) of a 2-h-1 network; ``net(points, params)`` returns its output probabilities.
    Black lines: each hidden neuron's line x W1[:, j] + b1[j] = 0 (grey in the last panel).
    """
    W1, b1 = params[0], params[1]
    n_hidden = W1.shape[1]
    g1, g2 = np.meshgrid(np.linspace(-limit, limit, 161), np.linspace(-limit, limit, 161))
    grid = np.c_[g1.ravel(), g2.ravel()]
    hidden = np.tanh(grid @ W1 + b1)  # (grid points, n_hidden)
    fig, axes = plt.subplots(
        1, n_hidden + 1, figsize=(2.8 * (n_hidden + 1), 3.3), sharey=True, layout="constrained"
    )
    shade = None
    for j, ax in enumerate(axes[:n_hidden]):
        h_j = hidden[:, j].reshape(g1.shape)
        shade = ax.contourf(g1, g2, h_j, levels=20, cmap="PuOr", vmin=-1, vmax=1)
        ax.contour(g1, g2, h_j, levels=[0], colors="black")
        ax.set(title=f"hidden neuron {j + 1}: $h_{j + 1}$", xlabel="$x_1$")
    out_ax = axes[n_hidden]
    output = net(grid, params).reshape(g1.shape)
    out_ax.contourf(g1, g2, output > 0.5, levels=[-0.5, 0.5, 1.5], colors=_SHADES)
    for j in range(n_hidden):
        out_ax.contour(
            g1, g2, hidden[:, j].reshape(g1.shape), levels=[0], colors="grey", linewidths=0.8
        )
    for label, colour, marker in _CLASS_STYLE:
        pts = x[y == label]
        out_ax.scatter(pts[:, 0], pts[:, 1], c=colour, marker=marker, s=10, label=f"class {label}")
    out_ax.set(
        title="output: class 1 where blue",
        xlabel="$x_1$",
        xlim=(-limit, limit),
        ylim=(-limit, limit),
    )
    out_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    axes[0].set_ylabel("$x_2$")
    fig.colorbar(shade, ax=axes[:n_hidden], label="hidden output $h_j$ (-1 to 1)", shrink=0.9)
    fig.suptitle(
        f"XOR: {n_hidden} hidden lines (black, grey), combined by the output neuron into a bent"
        " boundary"
    )
    return fig
