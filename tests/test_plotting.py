"""Unit tests of helpers.plotting: every figure is titled and labelled; bad shapes are named."""

from __future__ import annotations

from pathlib import Path

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


# --- alt text -----------------------------------------------------------------------------------


def test_alt_text_of_the_helpers_figures_says_what_they_show() -> None:
    lines = plotting.plot_lines(
        None, {"train": [3, 2], "val": [3, 2.5]}, "Loss", "epoch", "loss", logy=True
    )
    assert (
        plotting.alt_text(lines)
        == "Line plot “Loss” of loss (log scale) against epoch; legend: train; val."
    )
    lines.axes[0].set(xscale="log", xlabel="batch size (log scale)")
    assert "of loss (log scale) against batch size (log scale);" in plotting.alt_text(lines)
    history = plotting.plot_history(
        {"loss": [1.0, 0.5], "accuracy": [0.5, 0.8]}, metrics=("loss", "accuracy")
    )
    assert plotting.alt_text(history).startswith(
        "Training history: 2 panels. (1) line plot “loss” of loss"
    )
    derivative = plotting.plot_function_and_derivative(
        np.tanh, lambda z: 1 - np.tanh(z) ** 2, "tanh"
    )
    assert "(2) line plot “tanh'” of tanh'(z) against z" in plotting.alt_text(derivative)
    images = plotting.show_images(
        np.zeros((3, 28, 28)), [1, 2, 3], predictions=[1, 5, 3], title="Digits"
    )
    assert plotting.alt_text(images) == (
        "Digits: 3 grayscale images in a grid, titled true label→prediction; "
        "1 of 3 predictions are wrong (red titles): 2→5"
    )
    matrix = plotting.plot_confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]))
    assert "3 by 3 table of counts" in plotting.alt_text(
        matrix
    ) and "3 of 4 examples" in plotting.alt_text(matrix)
    x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    boundary = plotting.plot_decision_boundary(
        lambda g: g[:, 0], x, np.array([0, 1, 0]), "XOR", resolution=5
    )
    assert "2 of class 0 (red circles), 1 of class 1 (blue squares)" in plotting.alt_text(boundary)


def test_alt_text_of_a_hand_made_figure_uses_titles_and_labels() -> None:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2)
    axes[0].plot([1, 2], label="a")
    axes[0].scatter([1], [2], label="b")
    axes[0].legend()
    axes[0].set(title="Left", xlabel="$x_1$", ylabel=r"$\sigma(z)$")
    axes[1].bar([1, 2, 3], [3, 2, 1])
    axes[1].set(title="Right", xlabel="class")
    fig.suptitle("Both")
    assert plotting.alt_text(fig) == (
        "Both: 2 panels. (1) line plot “Left” of sigma(z) against x_1; legend: a; b. "
        "(2) bar chart “Right” of class."
    )
    grid = plt.figure()
    for i in range(6):
        grid.add_subplot(2, 3, i + 1).imshow(np.zeros((2, 2)))
        grid.axes[-1].set_title(str(i))
    assert plotting.alt_text(grid) == "A grid of 6 images titled 0; 1; 2; 3; 4; 5."


def test_untitled_figure_says_how_to_fix_it_and_long_texts_are_cut() -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2])
    assert plotting.alt_text(fig).startswith("Untitled figure: give it a title")
    ax.set_title("t" * 400)
    text = plotting.alt_text(fig)
    assert len(text) == plotting.MAX_ALT_LENGTH and text.endswith("…")


def test_set_alt_text_wins_and_refuses_bad_input() -> None:
    fig = plotting.plot_lines(None, {"a": [1, 2]}, "t", "x", "y")
    assert plotting.set_alt_text(fig, "  Two points  rising.\n") is fig
    assert plotting.alt_text(fig) == "Two points rising."
    with pytest.raises(ValueError, match="non-empty sentence"):
        plotting.set_alt_text(fig, " ")
    with pytest.raises(TypeError, match="plt.gcf"):
        plotting.set_alt_text(fig.axes[0], "text")  # type: ignore[arg-type]


def test_install_alt_text_puts_the_text_in_the_image_metadata() -> None:
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    assert plotting.install_alt_text() is False  # plain Python: nothing to install
    shell = InteractiveShell.instance()
    try:
        select_figure_formats(shell, {"png"})
        assert plotting.install_alt_text(shell) and plotting.install_alt_text(
            shell
        )  # twice is harmless
        select_figure_formats(shell, {"png"})  # the inline backend re-registers its formatters
        fig = plotting.plot_lines(None, {"a": [1, 2]}, "Rising", "x", "y")
        data, metadata = shell.display_formatter.format(fig)
        assert data["image/png"] and metadata["image/png"] == {
            "alt": "Line plot “Rising” of y against x."
        }
        assert shell.display_formatter.format(3) == (
            {"text/plain": "3"},
            {},
        )  # other objects untouched
    finally:
        InteractiveShell.clear_instance()


def test_a_notebook_kernel_stores_the_alt_text(tmp_path: Path) -> None:
    """End to end: a figure shown in a Jupyter kernel carries its alt text in the stored output."""
    import nbformat
    from nbclient import NotebookClient

    root = Path(__file__).parents[1]
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("from helpers import plotting\nplotting.install_alt_text()"),
            nbformat.v4.new_code_cell(
                "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
                "ax.plot([1, 2], label='a')\nax.set(title='T', xlabel='x', ylabel='y')\nplt.show()"
            ),
            nbformat.v4.new_code_cell(
                "fig = plotting.plot_lines(None, {'a': [1, 2]}, 'Rising', 'x', 'y')"
            ),
        ]
    )
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    ).execute()
    outputs = [o for c in nb.cells for o in c.outputs if "image/png" in o.get("data", {})]
    assert [o.metadata["image/png"]["alt"] for o in outputs] == [
        "Line plot “T” of y against x.",
        "Line plot “Rising” of y against x.",
    ]
