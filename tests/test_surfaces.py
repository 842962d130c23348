"""Unit tests of helpers.surfaces: the three surfaces, the optimizer paths, zig-zag counting, the plot."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import surfaces


def test_surface_values_at_known_points() -> None:
    assert surfaces.ill_conditioned_bowl(0.0, 0.0) == 0.0
    assert surfaces.ill_conditioned_bowl(1.0, 1.0) == pytest.approx(25.5)
    assert surfaces.saddle(0.0, 0.0) == 0.0
    assert surfaces.saddle(0.0, 1.0) == surfaces.saddle(0.0, -1.0) == pytest.approx(-0.25)
    assert surfaces.rosenbrock(1.0, 1.0) == 0.0
    grid = np.linspace(-2, 2, 5)
    assert surfaces.rosenbrock(grid, grid).shape == (5,)  # works element-wise on arrays


@pytest.mark.parametrize("key", sorted(surfaces.SURFACES))
def test_minima_are_lowest_on_a_grid(key: str) -> None:
    s = surfaces.SURFACES[key]
    gx, gy = np.meshgrid(np.linspace(*s.xlim, 201), np.linspace(*s.ylim, 201))
    lowest = float(np.min(s.fn(gx, gy)))
    for point in s.minima:
        assert s.fn(*point) <= lowest + 1e-9
    assert s.fn(*s.start) > lowest


def test_trajectories_follow_sgd_exactly() -> None:
    import keras

    s = surfaces.SURFACES["bowl"]
    paths = surfaces.trajectories({"sgd": keras.optimizers.SGD(0.01)}, s.fn, s.start, steps=3)
    path = paths["sgd"]
    assert path.shape == (4, 2)
    factors = np.array([1 - 0.01, 1 - 0.01 * 50.0])  # each step multiplies x and y by these
    expected = np.array(s.start) * factors ** np.arange(4)[:, None]
    np.testing.assert_allclose(path, expected, rtol=1e-6)


def test_trajectories_run_several_optimizers_independently() -> None:
    import keras

    s = surfaces.SURFACES["saddle"]
    opts = {"a": keras.optimizers.SGD(0.05), "b": keras.optimizers.Adam(0.05)}
    paths = surfaces.trajectories(opts, s.fn, s.start, steps=5)
    alone = surfaces.trajectories({"b": keras.optimizers.Adam(0.05)}, s.fn, s.start, steps=5)
    np.testing.assert_allclose(paths["b"], alone["b"], rtol=1e-6)
    assert not np.allclose(paths["a"], paths["b"])


def test_trajectories_reject_bad_input() -> None:
    import keras

    fn = surfaces.ill_conditioned_bowl
    with pytest.raises(ValueError, match="empty"):
        surfaces.trajectories({}, fn, (1.0, 1.0), 3)
    with pytest.raises(ValueError, match="positive integer"):
        surfaces.trajectories({"s": keras.optimizers.SGD()}, fn, (1.0, 1.0), 0)
    with pytest.raises(ValueError, match="point"):
        surfaces.trajectories({"s": keras.optimizers.SGD()}, fn, (1.0, 1.0, 1.0), 3)
    with pytest.raises(TypeError, match="not a Keras optimizer"):
        surfaces.trajectories({"s": "sgd"}, fn, (1.0, 1.0), 3)


def test_sign_changes() -> None:
    assert surfaces.sign_changes([0, 1, 0, 1, 0]) == 3
    assert surfaces.sign_changes([5, 4, 3, 2]) == 0
    assert surfaces.sign_changes([1, 1, 2, 2, 1]) == 1  # steps of zero are skipped
    with pytest.raises(ValueError, match="1-D"):
        surfaces.sign_changes(np.zeros((3, 2)))


def test_plot_trajectories() -> None:
    s = surfaces.SURFACES["rosenbrock"]
    path = np.array([s.start, (0.0, 0.0), (1.0, 1.0)])
    fig = surfaces.plot_trajectories(s, {"one": path, "two": path * 0.5})
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:2] == ["one", "two"] and "minimum" in labels
    with pytest.raises(ValueError, match="empty"):
        surfaces.plot_trajectories(s, {})
    with pytest.raises(ValueError, match=r"shape \(steps \+ 1, 2\)"):
        surfaces.plot_trajectories(s, {"bad": np.zeros((3, 3))})


def test_plot_trajectory_panels_draws_one_panel_per_group() -> None:
    s = surfaces.SURFACES["bowl"]
    line = np.linspace(s.start, (0.0, 0.0), 5)
    paths = {"a": line, "b": line * 0.5, "c": line * 0.25}
    fig = surfaces.plot_trajectory_panels(s, paths, {"one": ["a", "b"], "two": ["c"]})
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["one", "two"]
    legend = fig.axes[0].get_legend()  # under the panel, so it covers no path
    assert [t.get_text() for t in legend.get_texts()] == ["a", "b"]
    assert legend.get_bbox_to_anchor().transformed(fig.axes[0].transAxes.inverted()).y1 < 0
    assert fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel() and fig._suptitle.get_text()
    with pytest.raises(KeyError, match="not in paths"):
        surfaces.plot_trajectory_panels(s, paths, {"one": ["missing"]})
    with pytest.raises(ValueError, match="groups is empty"):
        surfaces.plot_trajectory_panels(s, paths, {})
