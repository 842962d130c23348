"""Draw a Keras model's graph of layers with matplotlib: boxes with output shapes, arrows for data.

Taught in 08_functional_api (a Functional model is a graph of layers; Sequential is one chain).
Needs no Graphviz, unlike ``keras.utils.plot_model``, so it works on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Patch

BOX_WIDTH = 2.9
BOX_HEIGHT = 0.95
X_GAP = 3.4
Y_GAP = 1.6
COLOURS = {"input": "#d9f0d3", "layer": "#deebf7", "output": "#fde0c5"}


@dataclass(frozen=True)
class LayerNode:
    """One layer of a model's graph: its name, class, activation, output shape and depth."""

    name: str
    kind: str
    activation: str | None
    shape: tuple[int | None, ...]
    depth: int
    role: str  # "input", "layer" or "output"


def _history(tensor: Any) -> tuple[Any, int]:
    history = getattr(tensor, "_keras_history", None)
    if history is None:
        raise ValueError(f"{tensor!r} is not a symbolic Keras tensor with a recorded layer.")
    return history.operation, history.node_index


def _activation_name(layer: Any) -> str | None:
    activation = getattr(layer, "activation", None)
    name = getattr(activation, "__name__", None)
    return None if name in (None, "linear") else name


def model_graph(model: Any) -> tuple[list[LayerNode], list[tuple[str, str]]]:
    """Return the layers of a Sequential or Functional model and its edges (source, destination).

    Walks back from the model's outputs through each layer's recorded inputs, as Keras does when it
    runs the model. Depth is the longest path from an input. Taught in 08_functional_api.
    """
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(
            f"model must be a keras.Model (Sequential or Functional), got {type(model).__name__}."
        )
    try:
        outputs = list(model.outputs or [])
    except AttributeError:
        outputs = []
    if not outputs:
        raise ValueError(
            f"model {model.name!r} has no graph of layers to draw: a subclassed keras.Model "
            "connects its layers only inside call(), and a Sequential model without keras.Input "
            "is not built yet. Build it with the Functional API, or start the Sequential list "
            "with keras.Input(shape=...)."
        )
    layers: dict[str, Any] = {}
    parents: dict[str, list[str]] = {}
    stack = [_history(t) for t in outputs]
    while stack:
        layer, node_index = stack.pop()
        if layer.name in layers:
            continue
        layers[layer.name] = layer
        node = layer._inbound_nodes[node_index]
        inbound = [_history(t) for t in node.input_tensors]
        parents[layer.name] = [src.name for src, _ in inbound]
        stack.extend(inbound)

    depth: dict[str, int] = {}

    def depth_of(name: str) -> int:
        if name not in depth:
            depth[name] = 1 + max((depth_of(p) for p in parents[name]), default=-1)
        return depth[name]

    for name in layers:
        depth_of(name)
    # An input sits just above the first layer that reads it (a second input joins lower down).
    for name in layers:
        if not parents[name]:
            children = [c for c in layers if name in parents[c]]
            if children:
                depth[name] = min(depth[c] for c in children) - 1

    output_names = {_history(t)[0].name for t in outputs}
    order = {layer.name: i for i, layer in enumerate(model.layers)}
    names = sorted(layers, key=lambda n: (depth[n], order.get(n, -1)))
    nodes = []
    for name in names:
        layer = layers[name]
        role = "output" if name in output_names else "layer" if parents[name] else "input"
        shape = tuple(layer.output.shape)
        nodes.append(
            LayerNode(name, type(layer).__name__, _activation_name(layer), shape, depth[name], role)
        )
    edges = [(p, name) for name in names for p in parents[name]]
    return nodes, edges


def _label(node: LayerNode) -> str:
    kind = node.kind + (f", {node.activation}" if node.activation else "")
    shape = "(" + ", ".join("None" if d is None else str(d) for d in node.shape) + ")"
    return f"{node.name}: {kind}\noutput {shape}"


def draw_model(model: Any, title: str | None = None) -> Figure:
    """Draw a Sequential or Functional model as boxes (name, class, activation, output shape).

    Inputs are green, outputs orange; an arrow means "this layer's output is that layer's input".
    Edges that skip a row go round the boxes on the right. Taught in 08_functional_api.
    """
    nodes, edges = model_graph(model)
    rows: dict[int, list[LayerNode]] = {}
    for node in nodes:
        rows.setdefault(node.depth, []).append(node)
    pos: dict[str, tuple[float, float]] = {}
    for depth, row in rows.items():
        for k, node in enumerate(row):
            pos[node.name] = ((k - (len(row) - 1) / 2) * X_GAP, -depth * Y_GAP)
    widest = max(len(row) for row in rows.values())
    n_rows = len(rows)
    fig, ax = plt.subplots(figsize=(max(6.5, 2.3 * widest + 1.2) + 1.4, 0.95 * n_rows + 1.0))
    for node in nodes:
        x, y = pos[node.name]
        ax.add_patch(
            FancyBboxPatch(
                (x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2),
                BOX_WIDTH,
                BOX_HEIGHT,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor=COLOURS[node.role],
                edgecolor="0.3",
            )
        )
        ax.text(x, y, _label(node), ha="center", va="center", fontsize=8.5)
    arrow = dict(arrowstyle="-|>", color="0.25", lw=1.2, shrinkA=0, shrinkB=0)
    detour = 0
    for src, dst in edges:
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        d0, d1 = round(-y0 / Y_GAP), round(-y1 / Y_GAP)
        if d1 - d0 == 1:
            ax.annotate("", (x1, y1 + BOX_HEIGHT / 2), (x0, y0 - BOX_HEIGHT / 2), arrowprops=arrow)
            continue
        # A skip over rows: out of the source's right side, down past the boxes, into the target.
        detour += 1
        right = max(pos[n.name][0] for n in nodes if d0 <= n.depth <= d1) + BOX_WIDTH / 2
        xr = right + 0.35 * detour
        ax.plot([x0 + BOX_WIDTH / 2, xr, xr], [y0, y0, y1], color="0.25", lw=1.2)
        ax.annotate("", (x1 + BOX_WIDTH / 2, y1), (xr, y1), arrowprops=arrow)
    xs = [x for x, _ in pos.values()]
    ax.set_xlim(min(xs) - BOX_WIDTH / 2 - 0.2, max(xs) + BOX_WIDTH / 2 + 0.4 + 0.35 * detour)
    ax.set_ylim(-(n_rows - 1) * Y_GAP - BOX_HEIGHT / 2 - 0.2, BOX_HEIGHT / 2 + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(
        handles=[Patch(facecolor=COLOURS[r], edgecolor="0.3", label=r) for r in COLOURS],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title="box = layer",
        title_fontsize=8,
    )
    ax.set_title(
        title or f"Graph of the model {model.name!r}: data flows down the arrows", fontsize=11
    )
    fig.tight_layout()
    return fig
