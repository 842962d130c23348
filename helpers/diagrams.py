"""Diagrams of a neuron and of a multi-layer perceptron, drawn with matplotlib.

Taught in 02_neuron_and_forward_pass (the pieces of y = phi(xw + b), and a network as layers of
neurons joined by weights); usable wherever a notebook wants to show a network's architecture.
Each function returns the matplotlib Figure; assign it (``fig = ...``) so Jupyter shows it once.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

INPUT_COLOUR = "#d9e7f5"
NEURON_COLOUR = "#fde2c4"
OUTPUT_COLOUR = "#d5efd0"
EDGE_COLOUR = "#555555"

#: Layers wider than this are drawn with this many circles and a "⋮", labelled with their width.
MAX_DRAWN = 8


def _arrow(
    ax: plt.Axes, start: tuple[float, float], end: tuple[float, float], **kw: object
) -> None:
    style = {"arrowstyle": "-|>", "mutation_scale": 10, "color": EDGE_COLOUR, "lw": 1.0}
    style.update(kw)
    ax.add_patch(FancyArrowPatch(start, end, shrinkA=0, shrinkB=0, **style))


def _labels(what: str, labels: Sequence[str] | None, n: int, default: str) -> list[str]:
    if labels is None:
        return [default.format(i=i + 1) for i in range(n)]
    labels = list(labels)
    if len(labels) != n:
        raise ValueError(f"{what} needs {n} labels (one per input), got {len(labels)}: {labels}.")
    return [str(label) for label in labels]


def draw_neuron(
    n_inputs: int = 3,
    input_labels: Sequence[str] | None = None,
    weight_labels: Sequence[str] | None = None,
    activation: str = r"$\varphi$",
    title: str = "One neuron: multiply inputs by weights, add them and the bias, activate",
) -> Figure:
    """Draw one neuron: inputs x_i, weights w_i on the arrows, the sum z = xw + b, phi, output.

    Taught in 02_neuron_and_forward_pass. ``input_labels`` and ``weight_labels`` (one per input)
    replace the default $x_i$ and $w_i$; ``activation`` names phi (e.g. "step" for a perceptron).
    """
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, int) or not 1 <= n_inputs <= 10:
        raise ValueError(
            f"n_inputs must be an integer from 1 to 10 (a drawing, not a real layer), got {n_inputs!r}."
        )
    xs = _labels("input_labels", input_labels, n_inputs, "$x_{i}$")
    ws = _labels("weight_labels", weight_labels, n_inputs, "$w_{i}$")
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * n_inputs + 2.2))
    top = (n_inputs - 1) / 2
    ys = [top - i for i in range(n_inputs)]
    sum_xy, act_xy, out_x = (3.6, 0.0), (5.6, 0.0), 7.4
    for y, x_label, w_label in zip(ys, xs, ws):
        ax.add_patch(Circle((0.6, y), 0.3, fc=INPUT_COLOUR, ec=EDGE_COLOUR))
        ax.text(0.6, y, x_label, ha="center", va="center", fontsize=11)
        _arrow(ax, (0.9, y), (sum_xy[0] - 0.42, sum_xy[1] + 0.15 * y))
        ax.text(
            2.1, y * 0.6 + 0.12, w_label, ha="center", va="bottom", fontsize=10, color="#1f4e9c"
        )
    bias_y = top + 1.0
    ax.text(sum_xy[0], bias_y + 0.1, "bias $b$", ha="center", va="bottom", fontsize=10)
    _arrow(ax, (sum_xy[0], bias_y), (sum_xy[0], sum_xy[1] + 0.42))
    ax.add_patch(Circle(sum_xy, 0.42, fc=NEURON_COLOUR, ec=EDGE_COLOUR))
    ax.text(*sum_xy, r"$\Sigma$", ha="center", va="center", fontsize=16)
    _arrow(ax, (sum_xy[0] + 0.42, 0), (act_xy[0] - 0.5, 0))
    ax.text((sum_xy[0] + act_xy[0]) / 2 - 0.05, 0.1, "$z$", ha="center", va="bottom", fontsize=11)
    ax.add_patch(
        FancyBboxPatch(
            (act_xy[0] - 0.5, -0.35),
            1.0,
            0.7,
            boxstyle="round,pad=0.05",
            fc=NEURON_COLOUR,
            ec=EDGE_COLOUR,
        )
    )
    ax.text(*act_xy, activation, ha="center", va="center", fontsize=13)
    _arrow(ax, (act_xy[0] + 0.55, 0), (out_x - 0.3, 0))
    ax.add_patch(Circle((out_x, 0), 0.3, fc=OUTPUT_COLOUR, ec=EDGE_COLOUR))
    ax.text(out_x, 0, r"$\hat y$", ha="center", va="center", fontsize=12)
    bottom = -top - 0.9
    for x, text in (
        (0.6, "inputs\n(data)"),
        (2.1, "weights\n(trainable)"),
        (sum_xy[0], "1. multiply, 2. add\n$z = xw + b$"),
        (act_xy[0], f"3. activate\n{activation}$(z)$"),
        (
            out_x,
            "output\n" + (r"$\hat y = \varphi(z)$" if activation == r"$\varphi$" else r"$\hat y$"),
        ),
    ):
        ax.text(x, bottom, text, ha="center", va="top", fontsize=9, color="#333333")
    ax.set(xlim=(0, 7.9), ylim=(bottom - 0.8, bias_y + 0.6), aspect="equal", title=title)
    ax.axis("off")
    fig.tight_layout()
    return fig


def _layer_positions(size: int, max_drawn: int) -> tuple[list[float], bool]:
    """Vertical positions of the circles drawn for a layer, and whether a gap marks omitted ones."""
    shown = min(size, max_drawn)
    ys = [(shown - 1) / 2 - i for i in range(shown)]
    return ys, size > max_drawn


def draw_mlp(
    layer_sizes: Sequence[int],
    layer_names: Sequence[str] | None = None,
    title: str | None = None,
    max_drawn: int = MAX_DRAWN,
) -> Figure:
    """Draw a dense MLP: one column of neurons per layer, every neuron joined to the next layer's.

    Taught in 02_neuron_and_forward_pass. ``layer_sizes`` lists the widths from input to output,
    e.g. (2, 4, 1); ``layer_names`` (one per layer) label the columns, e.g. ("input", "hidden,
    tanh", "output, sigmoid"). Each set of connections is labelled with its weight matrix's shape.
    Layers wider than ``max_drawn`` show ``max_drawn`` circles with a gap ("⋮").
    """
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output width, got {sizes}.")
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in sizes):
        raise ValueError(f"layer sizes must be positive integers, got {sizes}.")
    if isinstance(max_drawn, bool) or not isinstance(max_drawn, int) or max_drawn < 3:
        raise ValueError(f"max_drawn must be an integer of at least 3, got {max_drawn!r}.")
    if layer_names is None:
        hidden = (
            ["hidden"] if len(sizes) == 3 else [f"hidden {i}" for i in range(1, len(sizes) - 1)]
        )
        names = ["input", *hidden, "output"]
    else:
        names = [str(n) for n in layer_names]
        if len(names) != len(sizes):
            raise ValueError(
                f"layer_names needs one name per layer ({len(sizes)}), got {len(names)}: {names}."
            )
    if title is None:
        title = f"A dense MLP with layer widths {' → '.join(map(str, sizes))}"
    drawn = [_layer_positions(n, max_drawn) for n in sizes]
    tallest = max(len(ys) for ys, _ in drawn)
    fig, ax = plt.subplots(figsize=(2.4 * len(sizes) + 0.8, 0.55 * tallest + 2.0))
    gap_x = 2.4
    for i, ((ys, gap), (ys_next, _)) in enumerate(zip(drawn[:-1], drawn[1:])):
        _, gap_next = drawn[i + 1]
        for j0, y0 in enumerate(ys):
            for j1, y1 in enumerate(ys_next):
                if (gap and j0 == len(ys) - 2) or (gap_next and j1 == len(ys_next) - 2):
                    continue  # the "⋮" stands for the omitted neurons
                ax.plot(
                    [i * gap_x, (i + 1) * gap_x], [y0, y1], color=EDGE_COLOUR, lw=0.5, alpha=0.5
                )
        top = max(max(ys), max(ys_next))
        ax.text(
            (i + 0.5) * gap_x,
            top + 0.55,
            f"$W_{i + 1}$: {sizes[i]}×{sizes[i + 1]}\n$b_{i + 1}$: {sizes[i + 1]}",
            ha="center",
            va="bottom",
            fontsize=9,
            color="#1f4e9c",
        )
    for i, ((ys, gap), name, size) in enumerate(zip(drawn, names, sizes)):
        colour = INPUT_COLOUR if i == 0 else OUTPUT_COLOUR if i == len(sizes) - 1 else NEURON_COLOUR
        for j, y in enumerate(ys):
            if gap and j == len(ys) - 2:
                ax.text(i * gap_x, y, "⋮", ha="center", va="center", fontsize=14)
                continue
            ax.add_patch(Circle((i * gap_x, y), 0.22, fc=colour, ec=EDGE_COLOUR, zorder=3))
        ax.text(
            i * gap_x,
            min(ys) - 0.5,
            f"{name}\n{size} {'value' if i == 0 else 'neuron'}{'s' if size != 1 else ''}",
            ha="center",
            va="top",
            fontsize=9,
        )
    ax.set(
        xlim=(-0.8, gap_x * (len(sizes) - 1) + 0.8),
        ylim=(-(tallest - 1) / 2 - 1.5, (tallest - 1) / 2 + 1.4),
        aspect="equal",
        title=title,
    )
    ax.axis("off")
    fig.tight_layout()
    return fig
