"""Unit tests of helpers.diagrams (the neuron and MLP drawings of 02_neuron_and_forward_pass)."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from helpers.diagrams import draw_mlp, draw_neuron


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def _circles(fig: Figure) -> int:
    return sum(isinstance(p, Circle) for p in fig.axes[0].patches)


def test_neuron_shows_every_piece() -> None:
    fig = draw_neuron(3, title="a neuron")
    texts = _texts(fig)
    assert isinstance(fig, Figure) and fig.axes[0].get_title() == "a neuron"
    for piece in ("$x_1$", "$x_3$", "$w_2$", r"$\Sigma$", r"$\varphi$", r"$\hat y$", "bias $b$"):
        assert piece in texts
    assert _circles(fig) == 3 + 2  # inputs, the sum, the output


def test_neuron_custom_labels() -> None:
    fig = draw_neuron(2, input_labels=["a", "b"], weight_labels=["0.5", "-1"], activation="step")
    texts = _texts(fig)
    assert {"a", "b", "0.5", "-1", "step"} <= set(texts)


@pytest.mark.parametrize("n", [0, -1, 11, 2.5, True])
def test_neuron_rejects_bad_input_counts(n: object) -> None:
    with pytest.raises(ValueError, match="n_inputs"):
        draw_neuron(n)  # type: ignore[arg-type]


def test_neuron_rejects_wrong_number_of_labels() -> None:
    with pytest.raises(ValueError, match="one per input"):
        draw_neuron(3, input_labels=["a", "b"])


def test_mlp_draws_every_neuron_and_weight_shape() -> None:
    fig = draw_mlp([2, 4, 1], ["input", "hidden, tanh", "output, sigmoid"], title="2-4-1")
    texts = _texts(fig)
    assert fig.axes[0].get_title() == "2-4-1"
    assert _circles(fig) == 2 + 4 + 1
    assert len(fig.axes[0].lines) == 2 * 4 + 4 * 1  # one line per weight
    assert any("$W_1$: 2×4" in t for t in texts) and any("$W_2$: 4×1" in t for t in texts)
    assert any(t.startswith("hidden, tanh\n4 neurons") for t in texts)


def test_mlp_default_names_and_title() -> None:
    fig = draw_mlp([3, 5, 5, 2])
    texts = _texts(fig)
    assert any(t.startswith("hidden 2") for t in texts)
    assert "3 → 5 → 5 → 2" in fig.axes[0].get_title()


def test_mlp_wide_layers_are_abbreviated() -> None:
    fig = draw_mlp([784, 10], max_drawn=6)
    assert _circles(fig) == 5 + 5  # 6 positions each, one of them the "⋮"
    assert "⋮" in _texts(fig)
    assert any(t.startswith("input\n784 values") for t in _texts(fig))


@pytest.mark.parametrize("sizes", [[3], [], [3, 0], [3, -2], [3, 2.5], [True, 2]])
def test_mlp_rejects_bad_sizes(sizes: list) -> None:
    with pytest.raises(ValueError, match="layer"):
        draw_mlp(sizes)


def test_mlp_rejects_wrong_number_of_names() -> None:
    with pytest.raises(ValueError, match="one name per layer"):
        draw_mlp([2, 4, 1], ["in", "out"])
    with pytest.raises(ValueError, match="max_drawn"):
        draw_mlp([2, 1], max_drawn=2)
