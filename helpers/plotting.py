"""The figures the notebooks share, in one consistent style: every figure has a title, labelled
axes and, where it has more than one line, a legend. Each function returns the matplotlib Figure;
assign it (``fig = ...``) so that Jupyter shows it once.

Every figure a notebook shows also carries a short text description (alt text) for readers who
cannot see it: ``install_alt_text`` (called by ``runtime.setup``) makes Jupyter store it with the
image, in the output's metadata (``{"image/png": {"alt": ...}}``, the key nbconvert's HTML export
and the course site read). By default it is built from the figure's titles, axis labels and legend
(``alt_text``); ``set_alt_text(fig, "...")`` gives a figure an explicit one.
"""

from __future__ import annotations

import re
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
    counts = ", ".join(
        f"{int(np.sum(y == label))} of class {label} ({shape})"
        for label, shape in ((0, "red circles"), (1, "blue squares"))
    )
    return set_alt_text(
        fig,
        f"{title}: the x_1, x_2 plane shaded red where the model predicts class 0 and blue where "
        f"it predicts class 1, with the points on top: {counts}.",
    )


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
    if predictions is None:
        alt = f"{title}: {n} grayscale images in a grid, labelled " + ", ".join(map(str, labels))
    else:
        wrong = [f"{t}→{p}" for t, p in zip(labels, predictions) if t != p]
        alt = (
            f"{title}: {n} grayscale images in a grid, titled true label→prediction; "
            f"{len(wrong)} of {n} predictions are wrong (red titles)"
        )
        if wrong:
            more = f" and {len(wrong) - 10} more" if len(wrong) > 10 else ""
            alt += ": " + ", ".join(wrong[:10]) + more
    return set_alt_text(_finish(fig, title), alt)


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
    classes = np.unique(np.concatenate([y_true, y_pred]))
    correct = int(np.sum(y_true == y_pred))
    return set_alt_text(
        fig,
        f"{title}: a {len(classes)} by {len(classes)} table of counts, true label (rows) against "
        f"predicted label (columns); {correct} of {len(y_true)} examples are on the diagonal "
        "(predicted correctly).",
    )


# --- alt text -----------------------------------------------------------------------------------

#: Where ``set_alt_text`` keeps an explicit description on the Figure object.
_ALT_ATTRIBUTE = "_helpers_alt_text"
#: The image outputs that get the description in their metadata.
ALT_MIME_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
#: Longer descriptions are cut here (screen readers read alt text in one go).
MAX_ALT_LENGTH = 300
#: Figures with this many panels or more are described as a grid, not panel by panel.
GRID_PANELS = 5


def set_alt_text(fig: Figure, text: str) -> Figure:
    """Give ``fig`` an explicit alt text (what it shows, in a sentence); return ``fig``.

    Use it where the titles and axis labels alone would not say what a figure shows.
    Taught with the first figure in 01_tensors; every figure of the series has alt text.
    """
    if not isinstance(fig, Figure):
        raise TypeError(
            f"set_alt_text needs a matplotlib Figure, got {type(fig).__name__}; "
            "pass the figure a plotting function returned, or plt.gcf()."
        )
    if not isinstance(text, str) or not text.strip():
        raise ValueError(
            f"alt text must be a non-empty sentence saying what the figure shows, got {text!r}."
        )
    setattr(fig, _ALT_ATTRIBUTE, " ".join(text.split()))
    return fig


def _plain(text: str) -> str:
    """Mathtext without its markup: '$\\sigma(z)$' -> 'sigma(z)', '$x_1$' -> 'x_1'."""
    text = re.sub(r"\\(mathrm|mathbf|mathit|text|operatorname)\{([^}]*)\}", r"\2", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return " ".join(text.replace("$", "").replace("{", "").replace("}", "").split())


def _kind(ax: Any) -> str:
    """What an Axes draws, in a word or two."""
    from matplotlib.collections import PathCollection, QuadMesh
    from matplotlib.patches import Rectangle

    if ax.images and not ax.lines:
        return "image"
    if any(isinstance(c, QuadMesh) for c in ax.collections) and not ax.lines:
        return "heat map"
    if ax.containers or sum(isinstance(p, Rectangle) for p in ax.patches) > 2:
        return "bar chart"
    contour = any(type(c).__name__ in ("QuadContourSet", "ContourSet") for c in ax.collections)
    scatter = any(isinstance(c, PathCollection) for c in ax.collections)
    if contour:
        return (
            "contour plot with paths"
            if ax.lines
            else "filled-region plot with points"
            if scatter
            else "contour plot"
        )
    if scatter and not ax.lines:
        return "scatter plot"
    if ax.lines:
        return "line plot"
    return "diagram"


def _with_scale(label: str, scale: str) -> str:
    """An axis label, with "(log scale)" added where the axis is logarithmic and it does not say so."""
    if label and scale == "log" and "log" not in label:
        return f"{label} (log scale)"
    return label


def _describe_axes(ax: Any) -> str:
    title = _plain(ax.get_title() or ax.get_title("left") or ax.get_title("right"))
    kind = _kind(ax)
    words = [f"{kind} “{title}”" if title else kind]
    xlabel = _with_scale(_plain(ax.get_xlabel()), ax.get_xscale())
    ylabel = _with_scale(_plain(ax.get_ylabel()), ax.get_yscale())
    if xlabel and ylabel:
        words.append(f"of {ylabel} against {xlabel}")
    elif xlabel or ylabel:
        words.append(f"of {xlabel or ylabel}")
    legend = ax.get_legend()
    labels = [_plain(t.get_text()) for t in legend.get_texts()] if legend is not None else []
    if labels:
        words[-1] += ";"
        words.append("legend: " + "; ".join(labels))
    return " ".join(words)


def alt_text(fig: Figure) -> str:
    """Describe ``fig`` in one or two sentences for a reader who cannot see it.

    An explicit text given with ``set_alt_text`` wins. Otherwise the description is built from the
    figure's title, each panel's kind (line plot, image, ...), title, axis labels and legend; a
    figure of many panels is described as a grid with its panel titles. Taught in 01_tensors.
    """
    explicit = getattr(fig, _ALT_ATTRIBUTE, None)
    if explicit:
        return explicit
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""  # noqa: SLF001
    suptitle = _plain(suptitle)
    axes = [ax for ax in fig.axes if ax.get_visible() and (ax.has_data() or ax.get_title())]
    if len(axes) >= GRID_PANELS:
        titles = [_plain(ax.get_title()) for ax in axes if ax.get_title()]
        kinds = {_kind(ax) for ax in axes}
        kind = kinds.pop() + "s" if len(kinds) == 1 else "panels"
        text = f"A grid of {len(axes)} {kind}"
        if titles:
            text += " titled " + "; ".join(titles)
        text = f"{suptitle}: {text[0].lower()}{text[1:]}" if suptitle else text
    else:
        parts = [_describe_axes(ax) for ax in axes]
        if len(parts) == 1:
            body = parts[0]
        else:
            body = f"{len(parts)} panels. " + " ".join(
                f"({i}) {p}." for i, p in enumerate(parts, 1)
            )
        if suptitle:
            text = f"{suptitle}: {body}" if body else suptitle
        else:
            text = body[0].upper() + body[1:] if body else ""
    if not text or not (suptitle or any(ax.get_title() or ax.get_xlabel() for ax in axes)):
        return (
            "Untitled figure: give it a title (ax.set_title) and axis labels, or a description "
            "with helpers.plotting.set_alt_text(fig, ...)"
        )
    text = text.rstrip(".") + "."
    if len(text) > MAX_ALT_LENGTH:
        text = text[: MAX_ALT_LENGTH - 1].rstrip(" ,;") + "…"
    return text


def _with_alt_text(format_: Callable[..., tuple[dict, dict]]) -> Callable[..., tuple[dict, dict]]:
    """Wrap IPython's ``DisplayFormatter.format`` so that figures' images carry their alt text."""

    def format_with_alt_text(obj: Any, *args: Any, **kwargs: Any) -> tuple[dict, dict]:
        data, metadata = format_(obj, *args, **kwargs)
        if isinstance(obj, Figure) and any(m in data for m in ALT_MIME_TYPES):
            try:
                text = alt_text(obj)
            except Exception:  # never let a description break the display of a figure
                return data, metadata
            metadata = dict(metadata or {})
            for mime in ALT_MIME_TYPES:
                if mime in data:
                    metadata[mime] = {**(metadata.get(mime) or {}), "alt": text}
        return data, metadata

    format_with_alt_text.wraps_alt_text = True  # type: ignore[attr-defined]
    return format_with_alt_text


def install_alt_text(shell: Any = None) -> bool:
    """Make Jupyter store each figure's ``alt_text`` with its image; True if installed.

    Called by ``runtime.setup`` (the setup cell of every notebook). The text goes into the output's
    metadata as ``{"image/png": {"alt": ...}}``; the image itself is unchanged. Outside IPython
    (a script, the tests) there is nothing to install and it returns False. Calling it again is
    harmless.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    formatter = getattr(shell, "display_formatter", None)
    if formatter is None:
        return False
    if not getattr(formatter.format, "wraps_alt_text", False):
        formatter.format = _with_alt_text(formatter.format)
    return True
