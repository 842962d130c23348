"""The figures the notebooks share, in one consistent style: every figure has a title, labelled
axes and, where it has more than one line, a legend. Each function returns the matplotlib Figure;
assign it (``fig = ...``) so that Jupyter shows it once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from sklearn.metrics import ConfusionMatrixDisplay

ArrayFn = Callable[[np.ndarray], Any]


def _figure(ncols: int = 1, width: float = 5.5, height: float = 3.6) -> tuple[Figure, np.ndarray]:
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), squeeze=False)
    return fig, axes[0]


def _finish(fig: Figure, title: str) -> Figure:
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_lines(
    x: Sequence[float] | np.ndarray | None,
    ys: Mapping[str, Sequence[float] | np.ndarray],
    title: str,
    xlabel: str,
    ylabel: str,
    logy: bool = False,
) -> Figure:
    """Plot several named curves on one axis (loss curves, sweeps). Used from 04 onwards."""
    if not ys:
        raise ValueError("ys is empty: pass a mapping {label: values} with at least one curve.")
    fig, (ax,) = _figure()
    for label, values in ys.items():
        values = np.asarray(values, dtype=float)
        if values.ndim != 1:
            raise ValueError(f"curve {label!r} must be 1-D, got shape {values.shape}.")
        xs = np.arange(1, len(values) + 1) if x is None else np.asarray(x, dtype=float)
        if xs.shape != values.shape:
            raise ValueError(
                f"curve {label!r} has {values.shape[0]} values but x has {xs.shape[0]}."
            )
        ax.plot(xs, values, label=label)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if logy:
        ax.set_yscale("log")
    if len(ys) > 1:
        ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def plot_history(
    history: Any, metrics: Sequence[str] = ("loss",), title: str = "Training history"
) -> Figure:
    """Plot training (and validation, if present) curves of a Keras ``History`` or its ``.history`` dict.

    Taught in 07_keras_sequential_mlp.
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping):
        raise TypeError("history must be a keras History or its .history dict.")
    missing = [m for m in metrics if m not in logs]
    if missing:
        raise ValueError(f"metrics {missing} are not in the history; it has {sorted(logs)}.")
    fig, axes = _figure(len(metrics))
    for ax, metric in zip(axes, metrics):
        epochs = np.arange(1, len(logs[metric]) + 1)
        ax.plot(epochs, logs[metric], label=f"training {metric}")
        if f"val_{metric}" in logs:
            ax.plot(epochs, logs[f"val_{metric}"], label=f"validation {metric}")
        ax.set(title=metric, xlabel="epoch", ylabel=metric)
        ax.legend()
        ax.grid(alpha=0.3)
    return _finish(fig, title)


def plot_decision_boundary(
    predict: ArrayFn, x: np.ndarray, y: np.ndarray, title: str, resolution: int = 200
) -> Figure:
    """Shade the regions a 2-D classifier assigns to class 0 and 1, with the data on top.

    ``predict`` maps an (M, 2) array to scores in [0, 1] or labels, shape (M,) or (M, 1).
    Taught in 02_neuron_and_forward_pass (the perceptron and XOR).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"x must have shape (N, 2) for a 2-D decision boundary, got {x.shape}.")
    if y.shape != (x.shape[0],):
        raise ValueError(f"y must have shape ({x.shape[0]},) to match x, got {y.shape}.")
    pad = 0.5
    (x0, y0), (x1, y1) = x.min(axis=0) - pad, x.max(axis=0) + pad
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.c_[gx.ravel(), gy.ravel()].astype(np.float32)
    scores = np.asarray(predict(grid), dtype=float).reshape(-1)
    if scores.shape[0] != grid.shape[0]:
        raise ValueError(
            f"predict returned {scores.shape[0]} values for {grid.shape[0]} points; "
            "it must return one score or label per row."
        )
    fig, (ax,) = _figure(width=4.8, height=4.2)
    ax.contourf(
        gx,
        gy,
        (scores >= 0.5).reshape(gx.shape),
        levels=[-0.5, 0.5, 1.5],
        colors=["#f4c7c3", "#c6dbef"],
        alpha=0.8,
    )
    for label, colour, marker in ((0, "#c0392b", "o"), (1, "#2166ac", "s")):
        pts = x[y == label]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            c=colour,
            marker=marker,
            s=18,
            label=f"class {label}",
            edgecolors="white",
            linewidths=0.4,
        )
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(loc="upper left")
    fig.tight_layout()
    return fig


def show_images(
    images: np.ndarray,
    labels: Sequence[int] | np.ndarray,
    predictions: Sequence[int] | np.ndarray | None = None,
    ncols: int = 10,
    title: str = "Images",
) -> Figure:
    """Show grayscale images (N, H, W) in a grid, titled with the label (and prediction, if given).

    A wrong prediction is titled in red. Taught in 01_tensors; used for misclassified digits in 07.
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(
            f"images must have shape (N, height, width), got {images.shape}; "
            "reshape flat rows first, e.g. images.reshape(-1, 28, 28)."
        )
    labels = np.asarray(labels)
    n = images.shape[0]
    if labels.shape != (n,):
        raise ValueError(f"labels must have shape ({n},) to match the images, got {labels.shape}.")
    if predictions is not None:
        predictions = np.asarray(predictions)
        if predictions.shape != (n,):
            raise ValueError(f"predictions must have shape ({n},), got {predictions.shape}.")
    if n == 0:
        raise ValueError("no images to show.")
    ncols = max(1, min(ncols, n))
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.3 * nrows + 0.4), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(images[i], cmap="gray_r")
        if predictions is None:
            ax.set_title(str(labels[i]), fontsize=9)
        else:
            ok = predictions[i] == labels[i]
            ax.set_title(
                f"{labels[i]}→{predictions[i]}", fontsize=9, color="black" if ok else "red"
            )
    return _finish(fig, title)


def plot_function_and_derivative(
    f: ArrayFn, df: ArrayFn, name: str, x: np.ndarray | None = None
) -> Figure:
    """Plot a function and its derivative side by side. Taught in 03_activation_functions."""
    x = np.linspace(-5, 5, 401) if x is None else np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D, got shape {x.shape}.")
    values, slopes = np.asarray(f(x), dtype=float), np.asarray(df(x), dtype=float)
    if values.shape != x.shape or slopes.shape != x.shape:
        raise ValueError(
            f"f and df must return one value per x (shape {x.shape}), "
            f"got {values.shape} and {slopes.shape}."
        )
    fig, axes = _figure(2, width=4.2, height=3.2)
    for ax, ys, label in ((axes[0], values, name), (axes[1], slopes, f"{name}'")):
        ax.plot(x, ys)
        ax.axhline(0, color="grey", lw=0.6)
        ax.axvline(0, color="grey", lw=0.6)
        ax.set(title=label, xlabel="z", ylabel=f"{label}(z)")
        ax.grid(alpha=0.3)
    return _finish(fig, f"{name} and its derivative")


def plot_confusion_matrix(
    y_true: np.ndarray, y_pred: np.ndarray, title: str = "Confusion matrix"
) -> Figure:
    """Plot the confusion matrix of integer labels (rows: true class, columns: predicted class).

    Taught in 07_keras_sequential_mlp.
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must be 1-D integer labels of the same length, got "
            f"{y_true.shape} and {y_pred.shape}; use probs.argmax(axis=1) for predictions."
        )
    fig, (ax,) = _figure(width=5.0, height=4.6)
    ConfusionMatrixDisplay.from_predictions(y_true, y_pred, ax=ax, colorbar=False, cmap="Blues")
    ax.set(title=title, xlabel="predicted label", ylabel="true label")
    fig.tight_layout()
    return fig
