"""Unit tests of helpers.graphs (the computation-graph figure of 05_backpropagation_by_hand)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.graphs import draw_computation_graph

NODES = {"a": (0, 2), "b": (0, 1), "c": (0, 0), "u": (1, 1.5), "z": (2, 0.75), "J": (3, 0.75)}
EDGES = [("a", "u"), ("b", "u"), ("u", "z"), ("c", "z"), ("z", "J")]
VALUES = {"a": 5, "b": 4, "c": 2, "u": 20, "z": 22, "J": 66}
GRADS = {"a": 12, "b": 15, "c": 3, "u": 3, "z": 3, "J": 1}


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_draws_values_and_gradients_on_edges() -> None:
    fig = draw_computation_graph(NODES, EDGES, VALUES, GRADS, labels={"u": "u = a·b"}, title="J")
    texts = _texts(fig)
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title() == "J"
    for src, _ in EDGES:  # one forward and one backward label per edge
        assert f"{src} = {VALUES[src]}" in texts
        assert f"dJ/d{src} = {GRADS[src]}" in texts
    assert "u = a·b\n= 20" in texts  # custom label and forward value inside the box
    assert "dJ/dJ = 1" in texts
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(legend) == 2 and legend[1].startswith("backward")


def test_forward_only_and_numpy_scalars() -> None:
    values = {k: np.float32(v) for k, v in VALUES.items()}
    fig = draw_computation_graph(NODES, EDGES, values)
    texts = _texts(fig)
    assert "a = 5" in texts
    assert not any(t.startswith("dJ/") for t in texts)
    assert len(fig.axes[0].get_legend().get_texts()) == 1


def test_partial_gradients_and_named_output() -> None:
    fig = draw_computation_graph(
        {"x": (0, 0), "y": (1, 0), "w": (1, 1)},
        [("x", "y")],
        {"x": 1.5, "y": 3, "w": 0},
        grads={"x": 2},
        output="y",
    )
    assert "dy/dx = 2" in _texts(fig)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"nodes": {}}, ValueError, "non-empty"),
        ({"edges": [*EDGES, ("a", "q")]}, ValueError, "not in the graph"),
        ({"edges": [*EDGES, ("a", "a")]}, ValueError, "distinct"),
        ({"edges": [*EDGES, ("a", "u")]}, ValueError, "distinct"),
        ({"edges": [*EDGES, ("J", "a")]}, ValueError, "cycle"),
        ({"values": {k: v for k, v in VALUES.items() if k != "z"}}, ValueError, "no forward value"),
        ({"values": {**VALUES, "q": 1}}, ValueError, "not in the graph"),
        ({"values": {**VALUES, "a": "five"}}, TypeError, "number"),
        ({"values": {**VALUES, "a": True}}, TypeError, "number"),
        ({"values": {**VALUES, "a": float("nan")}}, ValueError, "finite"),
        ({"grads": {"q": 1}}, ValueError, "not in the graph"),
        ({"grads": {"a": None}}, TypeError, "number"),
        ({"output": "q"}, ValueError, "not a node"),
        ({"edges": EDGES[:-1]}, ValueError, "output="),
    ],
)
def test_bad_input_raises_clear_error(kwargs: dict, error: type[Exception], message: str) -> None:
    args = {"nodes": NODES, "edges": EDGES, "values": VALUES, "grads": GRADS} | kwargs
    with pytest.raises(error, match=message):
        draw_computation_graph(**args)
