"""Computation graphs drawn with matplotlib: each node's forward value and the gradient flowing back.

Taught in 05_backpropagation_by_hand (the graph of J = 3(a*b + c), worked forwards then backwards;
each edge can carry its local derivative, so the chain rule's products, and the sums where a value is
used twice, can be read off the figure).
"""

from __future__ import annotations

import graphlib
import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.plotting import set_alt_text

FORWARD_COLOUR = "#1f4e9c"
BACKWARD_COLOUR = "#c0392b"
LOCAL_COLOUR = "#1e6b30"


def _check_names(what: str, keys: Any, known: Mapping[str, Any]) -> None:
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(
            f"{what} names nodes that are not in the graph: {unknown}; the nodes are {list(known)}."
        )


def _numbers(what: str, mapping: Mapping[str, Any]) -> dict[str, float]:
    """Read {node: number}, refusing text, booleans and non-finite values with a clear message."""
    out = {}
    for name, value in mapping.items():
        if isinstance(value, (str, bytes, bool)) or value is None:
            raise TypeError(f"{what} of {name!r} must be a number, got {value!r}.")
        out[name] = float(value)
        if not math.isfinite(out[name]):
            raise ValueError(f"{what} of {name!r} must be finite, got {value!r}.")
    return out


def _local_numbers(
    local_grads: Mapping[tuple[str, str], Any], edges: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], float]:
    """Read {(source, target): local derivative}, refusing pairs that are not edges of the graph."""
    out = {}
    for edge, value in local_grads.items():
        key = tuple(edge) if isinstance(edge, (tuple, list)) else edge
        if key not in edges:
            raise ValueError(
                f"local_grads has {edge!r}, which is not an edge; give (source, target) pairs "
                f"from edges: {list(edges)}."
            )
        out[key] = _numbers("the local derivative", {f"{key[0]} -> {key[1]}": value}).popitem()[1]
    return out


def _contributions(
    edges: Sequence[tuple[str, str]],
    grad: Mapping[str, float],
    local: Mapping[tuple[str, str], float],
    output: str,
) -> dict[tuple[str, str], float]:
    """Each edge's share of d(output)/d(source): d(output)/d(target) x the edge's local derivative.

    Where every outgoing edge of a node has a share and the node's gradient is given, the shares
    must add up to it (the chain rule with fan-out); otherwise a ValueError names the node.
    """
    share = {e: grad[e[1]] * local[e] for e in edges if e in local and e[1] in grad}
    for node in {src for src, _ in edges}:
        outgoing = [e for e in edges if e[0] == node]
        if node in grad and all(e in share for e in outgoing):
            total = sum(share[e] for e in outgoing)
            if not math.isclose(total, grad[node], rel_tol=1e-6, abs_tol=1e-9):
                raise ValueError(
                    f"grads gives d{output}/d{node} = {grad[node]:g}, but its edges' shares "
                    f"(gradient at the target x local derivative) add up to {total:g}; "
                    "fix grads or local_grads (the chain rule: the shares of all edges leaving "
                    "a node add up to its gradient)."
                )
    return share


def _validate(
    nodes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    values: Mapping[str, Any],
    grads: Mapping[str, Any],
    output: str | None,
) -> tuple[list[str], dict[str, float], dict[str, float], str]:
    """Check the arguments of ``draw_computation_graph``: return the node order, values, grads, output."""
    if not nodes:
        raise ValueError("nodes must be a non-empty mapping {name: (x, y)} of drawing positions.")
    for edge in edges:
        _check_names(f"edge {edge!r}", edge, nodes)
    if len(set(edges)) != len(edges) or any(src == dst for src, dst in edges):
        raise ValueError("edges must be distinct (source, target) pairs of two different nodes.")
    sorter = graphlib.TopologicalSorter({name: set() for name in nodes})
    for src, dst in edges:
        sorter.add(dst, src)
    try:
        order = list(sorter.static_order())
    except graphlib.CycleError as err:
        raise ValueError(
            f"the edges form a cycle through {err.args[1]}; a computation graph has none."
        ) from err
    _check_names("values", values, nodes)
    _check_names("grads", grads, nodes)
    missing = [n for n in nodes if n not in values]
    if missing:
        raise ValueError(f"values has no forward value for the nodes {missing}.")
    if output is None:
        sinks = [n for n in order if not any(src == n for src, _ in edges)]
        if len(sinks) != 1:
            raise ValueError(
                f"the graph has {len(sinks)} nodes without outgoing edges ({sinks}); "
                "name the output node with output=..."
            )
        output = sinks[0]
    elif output not in nodes:
        raise ValueError(f"output {output!r} is not a node; the nodes are {list(nodes)}.")
    return order, _numbers("the value", values), _numbers("the gradient", grads), output


def draw_computation_graph(
    nodes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    values: Mapping[str, float],
    grads: Mapping[str, float] | None = None,
    labels: Mapping[str, str] | None = None,
    output: str | None = None,
    title: str = "Computation graph",
    local_grads: Mapping[tuple[str, str], float] | None = None,
) -> Figure:
    """Draw a computation graph with forward values and backward gradients on its edges.

    ``nodes`` maps each node name to its (x, y) position in the drawing; ``edges`` lists
    (source, target) pairs, data flowing from source into target; ``values`` gives every node's
    forward value; ``grads`` (optional) gives d(output)/d(node). Each edge is labelled above with
    the source's forward value (blue) and below with the gradient of the output with respect to
    the source (red). ``labels`` replaces a node's name inside its box (e.g. "u = a·b").

    ``local_grads`` (optional) maps an edge (source, target) to its local derivative
    d(target)/d(source), drawn on the edge as "×4" (green). The red label then shows the chain
    rule's product, "dJ/da = 3 × 4 = 12". A node used by several edges gets one product per edge
    and its total gradient, the sum of those shares, next to its box; a ``grads`` value that
    disagrees with that sum raises ValueError. Taught in 05_backpropagation_by_hand.
    """
    grads = {} if grads is None else grads
    labels = {} if labels is None else labels
    _check_names("labels", labels, nodes)
    edge_list = [tuple(edge) for edge in edges]
    _, vals, grad, output = _validate(nodes, edge_list, values, grads, output)
    local = _local_numbers({} if local_grads is None else local_grads, edge_list)
    share = _contributions(edge_list, grad, local, output)
    fan_out = {src for src in {s for s, _ in edge_list} if sum(e[0] == src for e in edge_list) > 1}
    pos = {name: (float(x), float(y)) for name, (x, y) in nodes.items()}

    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    width = max(xs) - min(xs) or 1.0
    height = max(ys) - min(ys) or 1.0
    fig, ax = plt.subplots(figsize=(min(2.4 * width + 3.0, 12.0), min(1.5 * height + 2.6, 8.0)))

    for src, dst in edge_list:
        ax.annotate(
            "",
            xy=pos[dst],
            xytext=pos[src],
            arrowprops=dict(
                arrowstyle="-|>", color="0.35", lw=1.3, shrinkA=32, shrinkB=32, mutation_scale=14
            ),
        )
    for name, (x, y) in pos.items():
        text = f"{labels.get(name, name)}\n= {vals[name]:g}"
        ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=11,
            zorder=3,
            bbox=dict(
                boxstyle="round,pad=0.45",
                fc="#f7f7f7",
                ec=BACKWARD_COLOUR if name == output else "0.3",
                lw=1.4,
            ),
        )
    below = dict(
        xytext=(0, -30), textcoords="offset points", color=BACKWARD_COLOUR, ha="center", va="top"
    )
    if output in grad:
        ax.annotate(f"d{output}/d{output} = {grad[output]:g}", xy=pos[output], fontsize=10, **below)
    for name in sorted(fan_out):  # a value used twice: its gradient is the sum of its edges' shares
        parts = [share[e] for e in edge_list if e[0] == name and e in share]
        if name in grad and len(parts) > 1:
            total = " + ".join(f"{p:g}" for p in parts) + f" = {grad[name]:g}"
            ax.annotate(
                f"d{output}/d{name} = {total}",
                xy=pos[name],
                fontsize=10,
                fontweight="bold",
                **below,
            )

    ax.set_xlim(min(xs) - 0.45, max(xs) + 0.45)
    ax.set_ylim(min(ys) - 0.45, max(ys) + 0.45)
    ax.axis("off")
    handles = [
        Line2D(
            [],
            [],
            color=FORWARD_COLOUR,
            lw=0,
            marker="s",
            label="forward: value sent along the edge (above it)",
        )
    ]
    if local:
        handles.append(
            Line2D(
                [],
                [],
                color=LOCAL_COLOUR,
                lw=0,
                marker="s",
                label="local derivative d(target)/d(source) (on it)",
            )
        )
    if grad:
        backward = (
            f"backward: d{output}/d(source) = d{output}/d(target) × local (below it)"
            if share
            else f"backward: d{output}/d(source node) (below it)"
        )
        handles.append(Line2D([], [], color=BACKWARD_COLOUR, lw=0, marker="s", label=backward))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=len(handles) if len(handles) < 3 else 2,
        frameon=False,
        fontsize=9,
    )
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
        edge = (src, dst)
        if edge in share:
            product = f"{grad[dst]:g} × {local[edge]:g} = {share[edge]:g}"
            labels_here.append(
                (
                    product if src in fan_out else f"d{output}/d{src} = {product}",
                    BACKWARD_COLOUR,
                    -1,
                )
            )
        elif src in grad:
            labels_here.append((f"d{output}/d{src} = {grad[src]:g}", BACKWARD_COLOUR, -1))
        if edge in local:
            ax.annotate(
                f"×{local[edge]:g}",
                xy=middle,
                ha="center",
                va="center",
                color=LOCAL_COLOUR,
                fontsize=10,
                fontweight="bold",
                zorder=4,
                bbox=dict(boxstyle="round,pad=0.2", fc="white", ec=LOCAL_COLOUR, lw=0.8),
            )
        gap = 15 if edge in local else 10  # clear of the local derivative's box on the edge
        for text, colour, side in labels_here:
            ax.annotate(
                text,
                xy=middle,
                xytext=(side * gap * normal[0], side * gap * normal[1]),
                textcoords="offset points",
                rotation=math.degrees(angle),
                rotation_mode="anchor",
                ha="center",
                va="center",
                color=colour,
                fontsize=10,
            )
    described = ", ".join(f"{labels.get(n, n)} = {vals[n]:g}" for n in pos)
    arrows = ", ".join(f"{src}→{dst}" for src, dst in edge_list)
    alt = f"{title}: a computation graph with nodes {described}; edges {arrows}"
    if grad:
        alt += "; gradients " + ", ".join(f"d{output}/d{n} = {grad[n]:g}" for n in pos if n in grad)
    return set_alt_text(fig, alt)
