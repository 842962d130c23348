"""Computation graphs drawn with matplotlib: each node's forward value and the gradient flowing back.

Taught in 05_backpropagation_by_hand (the graph of J = 3(a*b + c), worked forwards then backwards).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

FORWARD_COLOUR = "#1f4e9c"
BACKWARD_COLOUR = "#c0392b"


def _as_float(what: str, value: Any) -> float:
    if isinstance(value, (str, bytes, bool)) or value is None:
        raise TypeError(f"{what} must be a number, got {value!r}.")
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{what} must be a number, got {value!r}.") from err
    if not math.isfinite(number):
        raise ValueError(f"{what} must be finite, got {number}.")
    return number


def _check_names(what: str, keys: Any, known: Mapping[str, Any]) -> None:
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(f"{what} names nodes that are not in the graph: {unknown}; "
                         f"the nodes are {list(known)}.")


def _topological_order(names: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[str]:
    """Order the nodes so that every edge points forwards; raise ValueError on a cycle."""
    parents = {n: 0 for n in names}
    children: dict[str, list[str]] = {n: [] for n in names}
    for src, dst in edges:
        parents[dst] += 1
        children[src].append(dst)
    ready = [n for n in names if parents[n] == 0]
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for child in children[node]:
            parents[child] -= 1
            if parents[child] == 0:
                ready.append(child)
    if len(order) != len(names):
        stuck = [n for n in names if n not in order]
        raise ValueError(f"the edges form a cycle through {stuck}; a computation graph has none.")
    return order


def _validate(nodes: Mapping[str, tuple[float, float]], edges: Sequence[tuple[str, str]],
              values: Mapping[str, Any], grads: Mapping[str, Any],
              labels: Mapping[str, str], output: str | None,
              ) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]], dict[str, float],
                         dict[str, float], str]:
    """Check the arguments of ``draw_computation_graph``; return them as plain dicts and lists."""
    if not isinstance(nodes, Mapping) or not nodes:
        raise ValueError("nodes must be a non-empty mapping {name: (x, y)} of drawing positions.")
    pos = {}
    for name, xy in nodes.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"node names must be non-empty strings, got {name!r}.")
        if isinstance(xy, (str, bytes)) or not hasattr(xy, "__len__") or len(xy) != 2:
            raise ValueError(f"the position of node {name!r} must be a pair (x, y), got {xy!r}.")
        pos[name] = (_as_float(f"x of node {name!r}", xy[0]), _as_float(f"y of node {name!r}", xy[1]))
    if isinstance(edges, (str, bytes, Mapping)) or not isinstance(edges, Sequence):
        raise TypeError(f"edges must be a list of (source, target) pairs, got {edges!r}.")
    edge_list = []
    for edge in edges:
        if isinstance(edge, (str, bytes)) or not hasattr(edge, "__len__") or len(edge) != 2:
            raise ValueError(f"each edge must be a pair (source, target), got {edge!r}.")
        src, dst = edge
        _check_names(f"edge {edge!r}", (src, dst), pos)
        if src == dst:
            raise ValueError(f"edge {edge!r} joins node {src!r} to itself.")
        if (src, dst) in edge_list:
            raise ValueError(f"edge {edge!r} is given twice.")
        edge_list.append((src, dst))
    order = _topological_order(list(pos), edge_list)
    _check_names("values", values, pos)
    missing = [n for n in pos if n not in values]
    if missing:
        raise ValueError(f"values has no forward value for the nodes {missing}.")
    vals = {n: _as_float(f"the value of {n!r}", values[n]) for n in order}
    _check_names("grads", grads, pos)
    grad = {n: _as_float(f"the gradient of {n!r}", g) for n, g in grads.items()}
    _check_names("labels", labels, pos)
    for name, text in labels.items():
        if not isinstance(text, str):
            raise TypeError(f"the label of {name!r} must be a string, got {text!r}.")
    if output is None:
        sinks = [n for n in order if not any(src == n for src, _ in edge_list)]
        if len(sinks) != 1:
            raise ValueError(f"the graph has {len(sinks)} nodes without outgoing edges ({sinks}); "
                             "name the output node with output=...")
        output = sinks[0]
    elif output not in pos:
        raise ValueError(f"output {output!r} is not a node; the nodes are {list(pos)}.")
    return pos, edge_list, vals, grad, output


def draw_computation_graph(nodes: Mapping[str, tuple[float, float]],
                           edges: Sequence[tuple[str, str]],
                           values: Mapping[str, float],
                           grads: Mapping[str, float] | None = None,
                           labels: Mapping[str, str] | None = None,
                           output: str | None = None,
                           title: str = "Computation graph") -> Figure:
    """Draw a computation graph with forward values and backward gradients on its edges.

    ``nodes`` maps each node name to its (x, y) position in the drawing; ``edges`` lists
    (source, target) pairs, data flowing from source into target; ``values`` gives every node's
    forward value; ``grads`` (optional) gives d(output)/d(node). Each edge is labelled above with
    the source's forward value (blue) and below with the gradient of the output with respect to
    the source (red). ``labels`` replaces a node's name inside its box (e.g. "u = a·b").
    Taught in 05_backpropagation_by_hand.
    """
    grads = {} if grads is None else grads
    labels = {} if labels is None else labels
    pos, edge_list, vals, grad, output = _validate(nodes, edges, values, grads, labels, output)

    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    width = max(xs) - min(xs) or 1.0
    height = max(ys) - min(ys) or 1.0
    fig, ax = plt.subplots(figsize=(min(2.4 * width + 3.0, 12.0), min(1.5 * height + 2.6, 8.0)))

    for src, dst in edge_list:
        ax.annotate("", xy=pos[dst], xytext=pos[src],
                    arrowprops=dict(arrowstyle="-|>", color="0.35", lw=1.3,
                                    shrinkA=32, shrinkB=32, mutation_scale=14))
    for name, (x, y) in pos.items():
        text = f"{labels.get(name, name)}\n= {vals[name]:g}"
        ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3,
                bbox=dict(boxstyle="round,pad=0.45", fc="#f7f7f7",
                          ec=BACKWARD_COLOUR if name == output else "0.3", lw=1.4))
    if output in grad:
        ax.annotate(f"d{output}/d{output} = {grad[output]:g}", xy=pos[output], xytext=(0, -30),
                    textcoords="offset points", color=BACKWARD_COLOUR, ha="center", va="top",
                    fontsize=10)

    ax.set_xlim(min(xs) - 0.45, max(xs) + 0.45)
    ax.set_ylim(min(ys) - 0.45, max(ys) + 0.45)
    ax.axis("off")
    handles = [Line2D([], [], color=FORWARD_COLOUR, lw=0, marker="s",
                      label="forward: value sent along the edge (above it)")]
    if grad:
        handles.append(Line2D([], [], color=BACKWARD_COLOUR, lw=0, marker="s",
                              label=f"backward: d{output}/d(source node) (below it)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles),
              frameon=False, fontsize=9)
    ax.set_title(title)
    fig.tight_layout()

    # Edge labels last, once the layout is fixed: written along each edge, in screen coordinates.
    for src, dst in edge_list:
        (x0, y0), (x1, y1) = ax.transData.transform([pos[src], pos[dst]])
        angle = math.atan2(y1 - y0, x1 - x0)
        if abs(angle) > math.pi / 2:  # keep the text upright
            angle -= math.copysign(math.pi, angle)
        normal = (-math.sin(angle), math.cos(angle))
        middle = ((pos[src][0] + pos[dst][0]) / 2, (pos[src][1] + pos[dst][1]) / 2)
        labels_here = [(f"{src} = {vals[src]:g}", FORWARD_COLOUR, 1)]
        if src in grad:
            labels_here.append((f"d{output}/d{src} = {grad[src]:g}", BACKWARD_COLOUR, -1))
        for text, colour, side in labels_here:
            ax.annotate(text, xy=middle, xytext=(side * 10 * normal[0], side * 10 * normal[1]),
                        textcoords="offset points", rotation=math.degrees(angle),
                        rotation_mode="anchor", ha="center", va="center", color=colour,
                        fontsize=10)
    return fig
