"""Unit tests of helpers.slider_figures: the figures are titled and labelled, the lines are where
the fits put them, and the regimes of gradient descent are named right at their boundaries."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import plotting, slider_figures


def _titled_and_labelled(fig) -> bool:
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.has_data()]
    return all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in axes)


def test_outlier_fits_draws_both_lines_of_each_loss_and_the_mean_rise() -> None:
    x = np.linspace(-1, 1, 10)
    y = 2 * x + 5
    y_out = y.copy()
    y_out[[0, 3]] += 100
    fits = {
        "MSE": ((np.array([2.0]), 5.0), (np.array([3.0]), 25.0)),
        "MAE": ((np.array([2.0]), 5.0),) * 2,
    }
    fig = slider_figures.outlier_fits(x, y, y_out, [0, 3], fits, size=100)
    ax, ax_d = fig.axes
    assert _titled_and_labelled(fig) and ax.get_legend() and ax_d.get_legend()
    assert len(ax.lines) == 4  # clean and corrupted line per loss
    mse_moved = ax_d.lines[0].get_ydata()  # (3 - 2) * x + 20 at x = -1 and 1
    np.testing.assert_allclose(mse_moved, [19.0, 21.0])
    assert "mean target rise 20.0" in [t.get_text() for t in ax_d.get_legend().get_texts()]
    assert "2 outliers (+100)" in plotting.alt_text(fig)


def test_outlier_fits_names_bad_shapes() -> None:
    with pytest.raises(ValueError, match="1-D of one length"):
        slider_figures.outlier_fits(np.zeros((3, 1)), np.zeros(3), np.zeros(3), [], {}, 1.0)


@pytest.mark.parametrize(
    ("eps", "regime"),
    [
        (0.1, "converging"),
        (0.3 - 0.2, "converging"),  # 0.0999...: a float just below the boundary
        (0.19, "oscillating, converging"),
        (0.2, "oscillating forever"),
        (0.1 + 0.2 - 0.1, "oscillating forever"),
        (0.21, "diverging"),
    ],
)
def test_descent_regime_at_the_boundaries(eps: float, regime: str) -> None:
    assert slider_figures.descent_regime([1 - 2 * eps, 1 - 10 * eps]) == regime


def test_bowl_descent_titles_the_regime_and_follows_the_factors() -> None:
    fig = slider_figures.bowl_descent(0.19)
    assert fig._suptitle.get_text() == "ε = 0.19: oscillating, converging"
    assert _titled_and_labelled(fig)
    w2 = fig.axes[1].lines[1].get_ydata()  # |w₂| per step, multiplied by 0.9
    np.testing.assert_allclose(w2[1:] / w2[:-1], 0.9)
    assert "w₂² (grey: contours)" in fig.axes[0].get_title()
    steeper = slider_figures.bowl_descent(0.06, steep=20)
    assert steeper._suptitle.get_text().endswith("diverging")  # 1 - 40 * 0.06 = -1.4
