"""Unit tests of helpers.teaching_figures: each function draws its figure with labelled axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers import activations, teaching_figures  # noqa: E402


def _predict(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return (x @ w + b > 0).astype(np.int64)


def test_perceptron_updates_counts_wrong_points() -> None:
    x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 1, 1, 0])
    history = [(np.array([0.0, 1.0]), -0.5, 2), (np.array([1.0, 1.0]), -0.5, 3)]
    fig, wrong = teaching_figures.perceptron_updates(x, y, history, [1, 2], _predict)
    assert wrong == [0, 1]
    assert fig.axes[0].get_title() == "after update 1: 0 wrong"
    plt.close(fig)


def test_deep_stack_gradients_has_three_labelled_panels() -> None:
    runs = {"s = 1": activations.gradient_ratios(1.0, range(2), depth=3, width=8, batch=4)}
    scales = [1.0, 4.0]
    sweep = [activations.gradient_ratios(s, range(2), depth=3, width=8, batch=4) for s in scales]
    fig = teaching_figures.deep_stack_gradients(
        {k: r["norms"] for k, r in runs.items()},
        scales,
        np.array([r["ratio"] for r in sweep]),
        np.array([r["saturated"] for r in sweep]),
    )
    assert len(fig.axes) == 3 and all(ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)
    plt.close(fig)


def test_logit_scale_marks_the_naive_nan() -> None:
    base = np.array([2.0, 1.0, 0.0, -1.0], dtype=np.float32)
    grid = np.geomspace(0.1, 100, 31).astype(np.float32)

    def naive(z: np.ndarray) -> np.ndarray:
        e = np.exp(z)
        return e / e.sum()

    with np.errstate(over="ignore", invalid="ignore"):
        naive_curve = np.array([naive(c * base) for c in grid])
    stable_curve = np.array([activations.softmax(c * base) for c in grid])
    fig = teaching_figures.logit_scale(
        50.0, base, grid, stable_curve, naive_curve, naive, activations.softmax
    )
    assert "nan" in fig.get_suptitle() and len(fig.axes) == 2
    assert any(t.get_text() == "nan" for t in fig.axes[1].texts)
    plt.close(fig)


def test_softmax_vs_sigmoid_one_row_per_image() -> None:
    rng = np.random.default_rng(0)
    images, labels = rng.random((3, 64)), np.array([0, 1, 2])
    p_class = activations.softmax(rng.normal(size=(3, 10)), axis=1)
    attributes, p_attr = rng.integers(0, 2, (3, 4)), rng.random((3, 4))
    fig = teaching_figures.softmax_vs_sigmoid(
        images, labels, p_class, attributes, p_attr, ["a", "b", "c", "d"], [0, 2]
    )
    assert len(fig.axes) == 6
    plt.close(fig)


def _net(g: np.ndarray, params) -> np.ndarray:
    W1, b1, W2, b2 = params
    return activations.sigmoid(np.tanh(g @ W1 + b1) @ W2 + b2)


def test_xor_hidden_layer_one_panel_per_neuron_and_the_output() -> None:
    rng = np.random.default_rng(0)
    params = (rng.normal(size=(2, 3)), np.zeros(3), rng.normal(size=(3, 1)), np.zeros(1))
    x, y = rng.uniform(-2, 2, (20, 2)), rng.integers(0, 2, 20)
    fig = teaching_figures.xor_hidden_layer(x, y, params, _net)
    assert len(fig.axes) == 5  # 3 hidden panels, the output panel, the colour bar
    assert fig.axes[0].get_title() == "hidden neuron 1: $h_1$"
    assert fig.axes[3].get_title() == "output: class 1 where blue"
    assert "3 hidden lines" in fig.get_suptitle()
    plt.close(fig)
