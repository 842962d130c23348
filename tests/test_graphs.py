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


LOCAL = {("a", "u"): 4, ("b", "u"): 5, ("u", "z"): 1, ("c", "z"): 1, ("z", "J"): 3}


def test_local_derivatives_on_edges_show_the_chain_rule_product() -> None:
    fig = draw_computation_graph(NODES, EDGES, VALUES, GRADS, local_grads=LOCAL)
    texts = _texts(fig)
    for (src, dst), local in LOCAL.items():
        assert f"×{local}" in texts  # the local derivative sits on its edge
        assert f"dJ/d{src} = {GRADS[dst]} × {local} = {GRADS[src]}" in texts
    assert "dJ/da = 3 × 4 = 12" in texts  # the lecture's number, as a product
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any(t.startswith("local derivative") for t in legend) and len(legend) == 3


def test_fan_out_adds_the_shares_of_every_edge() -> None:
    nodes = {"a": (0, 1), "b": (0, 2), "c": (0, 0), "q": (1, 1.5), "r": (1, 0.5), "K": (2, 1)}
    edges = [("a", "q"), ("b", "q"), ("a", "r"), ("c", "r"), ("q", "K"), ("r", "K")]
    values = {"a": 5, "b": 4, "c": 2, "q": 20, "r": 7, "K": 140}
    grads = {"a": 48, "b": 35, "c": 20, "q": 7, "r": 20, "K": 1}
    local = {("a", "q"): 4, ("b", "q"): 5, ("a", "r"): 1, ("c", "r"): 1, ("q", "K"): 7}
    local[("r", "K")] = 20
    texts = _texts(draw_computation_graph(nodes, edges, values, grads, local_grads=local))
    assert "7 × 4 = 28" in texts and "20 × 1 = 20" in texts  # one share per edge leaving a
    assert "dK/da = 28 + 20 = 48" in texts  # and their sum next to a
    assert "dK/db = 7 × 5 = 35" in texts
    with pytest.raises(ValueError, match="add up to 48"):
        draw_computation_graph(nodes, edges, values, {**grads, "a": 28}, local_grads=local)


def test_partial_local_derivatives_keep_the_plain_labels() -> None:
    texts = _texts(draw_computation_graph(NODES, EDGES, VALUES, GRADS, local_grads={("z", "J"): 3}))
    assert "dJ/dz = 1 × 3 = 3" in texts and "dJ/da = 12" in texts and "×3" in texts


@pytest.mark.parametrize(
    ("local", "error", "message"),
    [
        ({("a", "z"): 1}, ValueError, "not an edge"),
        ({("a", "u"): "four"}, TypeError, "number"),
        ({("a", "u"): float("inf")}, ValueError, "finite"),
        ({("a", "u"): 5}, ValueError, "add up to 15"),
    ],
)
def test_bad_local_derivatives_raise_clear_errors(
    local: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        draw_computation_graph(NODES, EDGES, VALUES, GRADS, local_grads=local)
