"""Unit tests of helpers.widgets: the stored figure, the static text, redrawing, bad input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from helpers import widgets


def _draw(scale: float = 1.0) -> Figure:
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, scale])
    ax.set_title(f"scale {scale:g}")
    return fig


def test_shows_the_start_figure_and_redraws_on_change(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list = []

    class Handle:
        def update(self, obj: object) -> None:
            shown.append(("update", obj))

    def fake_display(obj: object, **kwargs: object) -> Handle:
        shown.append(("display", obj, kwargs))
        return Handle()

    monkeypatch.setattr("IPython.display.display", fake_display)
    first = widgets.slider_figure(_draw, scale=(0.5, 3.0, 0.5, 1.0))
    assert first.axes[0].get_title() == "scale 1"
    assert shown[0][1] is first and shown[0][2] == {"display_id": True}
    bundle = shown[1][1]
    assert bundle["text/plain"] == widgets.STATIC_TEXT.format(names="scale")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    slider = widgets._slider("scale", (0.5, 3.0, 0.5, 1.0))
    assert type(slider).__name__ == "FloatSlider"
    assert type(widgets._slider("n", (1, 10, 1, 3))).__name__ == "IntSlider"


def test_redraw_replaces_the_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    updates: list = []
    controls: list = []

    class Handle:
        def update(self, obj: Figure) -> None:
            updates.append(obj.axes[0].get_title())

    def fake_display(obj: object, **kwargs: object) -> Handle:
        if isinstance(obj, dict):
            return Handle()
        return Handle()

    monkeypatch.setattr("IPython.display.display", fake_display)
    import ipywidgets

    slider = ipywidgets.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.5)
    controls.append(slider)
    widgets.slider_figure(_draw, scale=slider)
    slider.value = 2.5
    assert updates == ["scale 2.5"]


@pytest.mark.parametrize(
    ("draw", "sliders", "error", "message"),
    [
        (_draw, {}, ValueError, "at least one slider"),
        ("not a function", {"scale": (0, 1, 0.1, 0.5)}, TypeError, "draw must be a function"),
        (_draw, {"scale": (0, 1)}, TypeError, r"\(min, max, step, start\)"),
        (_draw, {"scale": (0, 1, 0.1, 2)}, ValueError, "min <= start <= max"),
        (lambda scale: None, {"scale": (0, 1, 0.1, 0.5)}, TypeError, "must return a matplotlib"),
    ],
)
def test_bad_input(draw, sliders, error, message, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    with pytest.raises(error, match=message):
        widgets.slider_figure(draw, **sliders)


@pytest.mark.parametrize(
    ("value", "places"),
    [(0.025, 3), (0.1, 1), (2.0, 0), (1e-4, 4), (2.5e-5, 6), (0.30000000000000004, 1), (5, 0)],
)
def test_decimals_as_written(value: float, places: int) -> None:
    assert widgets.decimals(value) == places


def test_the_readout_shows_the_value_set() -> None:
    """The ε slider of 09 at 0.025 reads "0.025" (ipywidgets' default ".2f" showed "0.03")."""
    slider = widgets._slider("ε", (0.005, 0.1, 0.005, 0.025))
    assert slider.readout_format == ".3f"
    assert format(slider.value, slider.readout_format) == "0.025"
    assert widgets._slider("t", (0.1, 5.0, 0.1, 1.0)).readout_format == ".1f"
    assert widgets._slider("lr", (0.0, 1.0, 0.25, 0.5)).readout_format == ".2f"
    assert not hasattr(widgets._slider("n", (1, 10, 1, 3)), "readout_format") or (
        widgets._slider("n", (1, 10, 1, 3)).readout_format == "d"
    )
