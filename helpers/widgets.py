"""Sliders that redraw a figure: a stored figure for readers, a live one for a running kernel.

Taught where a parameter is best understood by moving it: softmax temperature in
03_activation_functions, outliers in 04_loss_functions, the learning rate in
05_backpropagation_by_hand, 09_optimizers and 10_gradient_descent_batch_size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

#: What a page without a kernel (a rendered notebook, the course site) shows instead of the sliders.
STATIC_TEXT = "Sliders for {names}: run this notebook (Colab, JupyterLab) to drag them."


def decimals(value: float) -> int:
    """How many decimals ``value`` needs as written (0.025 -> 3, 1e-4 -> 4, 2.0 -> 0)."""
    text = f"{abs(value):.12g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return max(0, len(mantissa.partition(".")[2]) - int(exponent))
    return len(text.partition(".")[2])


def readout_format(*values: float) -> str:
    """The slider readout that shows every value set exactly: as many decimals as the step (and
    the min and start) have, so that 0.025 reads "0.025", not "0.03"."""
    return f".{max(decimals(v) for v in values)}f"


def _slider(name: str, spec: Any) -> Any:
    import ipywidgets as widgets

    if isinstance(spec, widgets.ValueWidget):
        return spec
    if not (isinstance(spec, Sequence) and len(spec) == 4):
        raise TypeError(
            f"slider {name!r}: give (min, max, step, start) or an ipywidgets slider, got {spec!r}."
        )
    low, high, step, start = spec
    if not low <= start <= high or step <= 0:
        raise ValueError(
            f"slider {name!r}: need min <= start <= max and step > 0, got {tuple(spec)!r}."
        )
    if all(isinstance(v, int) for v in spec):
        kind, extra = widgets.IntSlider, {}
    else:
        kind, extra = widgets.FloatSlider, {"readout_format": readout_format(step, low, start)}
    return kind(
        value=start,
        min=low,
        max=high,
        step=step,
        description=name,
        continuous_update=False,
        style={"description_width": "initial"},
        **extra,
    )


def slider_figure(draw: Callable[..., Figure], **sliders: Any) -> Figure:
    """Show ``draw(**start values)`` as an ordinary figure, with sliders that redraw it in place.

    Each keyword names a parameter of ``draw`` and gives its slider: ``(min, max, step, start)``
    (integers make an integer slider) or an ipywidgets slider. Without a kernel (a rendered page,
    nbval) the figure for the start values is what is stored and compared; with one, dragging a
    slider calls ``draw`` again and replaces the figure. Returns the first figure (closed).
    """
    from IPython.display import display

    if not callable(draw):
        raise TypeError(f"draw must be a function returning a matplotlib Figure, got {draw!r}.")
    if not sliders:
        raise ValueError("give at least one slider, e.g. temperature=(0.1, 5.0, 0.1, 1.0).")
    import ipywidgets as widgets

    controls = {name: _slider(name, spec) for name, spec in sliders.items()}

    def figure() -> Figure:
        fig = draw(**{name: control.value for name, control in controls.items()})
        if not isinstance(fig, Figure):
            raise TypeError(f"draw must return a matplotlib Figure, it returned {fig!r}.")
        plt.close(fig)  # shown through the display handle only, not again at the cell's end
        return fig

    first = figure()
    handle = display(first, display_id=True)

    def redraw(_change: Any = None) -> None:
        handle.update(figure())

    for control in controls.values():
        control.observe(redraw, names="value")
    box = widgets.HBox(list(controls.values()))
    # The widget as Jupyter shows it (ipywidgets 7 and 8), with a plain-text line for pages
    # without a kernel (a rendered notebook, the course site) instead of the widget's repr.
    view = {"version_major": 2, "version_minor": 0, "model_id": box.model_id}
    bundle = {
        "application/vnd.jupyter.widget-view+json": view,
        "text/plain": STATIC_TEXT.format(names=", ".join(controls)),
    }
    display(bundle, raw=True)
    return first
