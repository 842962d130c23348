"""Unit tests of helpers.plotting: every figure is titled and labelled; bad shapes are named."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import plotting


def _titled_and_labelled(fig: Figure) -> bool:
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.has_data()]
    return all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in axes)


def test_plot_lines_has_legend_for_several_curves() -> None:
    fig = plotting.plot_lines(
        None, {"a": [3, 2, 1], "b": [3, 1, 0.5]}, "Loss", "epoch", "loss", logy=True
    )
    ax = fig.axes[0]
    assert _titled_and_labelled(fig) and ax.get_legend() is not None and len(ax.lines) == 2
    assert ax.get_yscale() == "log"
    assert plotting.plot_lines(None, {"a": [1, 2]}, "t", "x", "y").axes[0].get_legend() is None


def test_plot_lines_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="empty"):
        plotting.plot_lines(None, {}, "t", "x", "y")
    with pytest.raises(ValueError, match="3 values but x has 2"):
        plotting.plot_lines([1, 2], {"a": [1, 2, 3]}, "t", "x", "y")
    with pytest.raises(ValueError, match="must be 1-D"):
        plotting.plot_lines(None, {"a": np.zeros((2, 2))}, "t", "x", "y")


def test_plot_history_with_validation() -> None:
    history = {
        "loss": [1.0, 0.5],
        "val_loss": [1.1, 0.7],
        "accuracy": [0.5, 0.8],
        "val_accuracy": [0.4, 0.7],
    }
    fig = plotting.plot_history(history, metrics=("loss", "accuracy"))
    assert len(fig.axes) == 2 and all(len(ax.lines) == 2 for ax in fig.axes)
    assert _titled_and_labelled(fig) and fig.get_suptitle() == "Training history"


def test_plot_history_bad_input() -> None:
    with pytest.raises(ValueError, match=r"\['acc'\] are not in the history"):
        plotting.plot_history({"loss": [1.0]}, metrics=("acc",))
    with pytest.raises(TypeError, match="History"):
        plotting.plot_history([1.0, 2.0])


def test_decision_boundary() -> None:
    x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 1, 0, 1])
    fig = plotting.plot_decision_boundary(
        lambda g: (g[:, 0] > 0.5).astype(float), x, y, "boundary", resolution=20
    )
    assert _titled_and_labelled(fig) and fig.axes[0].get_legend() is not None


def test_decision_boundary_bad_shapes() -> None:
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        plotting.plot_decision_boundary(lambda g: g[:, 0], np.zeros((4, 3)), np.zeros(4), "t")
    with pytest.raises(ValueError, match=r"y must have shape \(4,\)"):
        plotting.plot_decision_boundary(lambda g: g[:, 0], np.zeros((4, 2)), np.zeros(3), "t")
    with pytest.raises(ValueError, match="one score or label per row"):
        plotting.plot_decision_boundary(
            lambda g: g[:3, 0], np.zeros((4, 2)), np.zeros(4), "t", resolution=5
        )


def test_show_images_marks_wrong_predictions() -> None:
    images = np.zeros((3, 28, 28))
    fig = plotting.show_images(images, [1, 2, 3], predictions=[1, 5, 3], ncols=3)
    titles = [ax.title for ax in fig.axes]
    assert [t.get_text() for t in titles] == ["1→1", "2→5", "3→3"]
    assert titles[1].get_color() == "red" and titles[0].get_color() == "black"


def test_show_images_bad_shapes() -> None:
    with pytest.raises(ValueError, match="reshape flat rows"):
        plotting.show_images(np.zeros((3, 784)), [1, 2, 3])
    with pytest.raises(ValueError, match=r"labels must have shape \(3,\)"):
        plotting.show_images(np.zeros((3, 28, 28)), [1, 2])
    with pytest.raises(ValueError, match=r"predictions must have shape \(3,\)"):
        plotting.show_images(np.zeros((3, 28, 28)), [1, 2, 3], predictions=[1])
    with pytest.raises(ValueError, match="no images"):
        plotting.show_images(np.zeros((0, 28, 28)), [])


def test_function_and_derivative() -> None:
    fig = plotting.plot_function_and_derivative(np.tanh, lambda z: 1 - np.tanh(z) ** 2, "tanh")
    assert len(fig.axes) == 2 and _titled_and_labelled(fig)
    with pytest.raises(ValueError, match="one value per x"):
        plotting.plot_function_and_derivative(np.tanh, lambda z: 1.0, "tanh")
    with pytest.raises(ValueError, match="1-D"):
        plotting.plot_function_and_derivative(np.tanh, np.tanh, "tanh", x=np.zeros((2, 2)))


def test_confusion_matrix() -> None:
    fig = plotting.plot_confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]))
    assert _titled_and_labelled(fig)
    with pytest.raises(ValueError, match="argmax"):
        plotting.plot_confusion_matrix(np.zeros(4), np.zeros((4, 3)))
