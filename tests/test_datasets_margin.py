"""Unit tests of helpers.datasets.make_separable_with_margin (the perceptron set of notebook 02)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.datasets import make_separable_with_margin


def test_shapes_labels_and_gap() -> None:
    x, y = make_separable_with_margin(n=80, margin=0.3)
    assert x.shape == (80, 2) and x.dtype == np.float32
    assert y.shape == (80,) and set(y.tolist()) == {0, 1}
    distance = (x - np.array([1.5, 1.5])) @ (np.array([1.0, 2.0]) / np.sqrt(5.0))
    assert np.all(np.abs(distance) >= 0.3 - 1e-6)  # nothing inside the gap
    assert np.array_equal(y, (distance > 0).astype(int))  # the line separates the classes


def test_repeats_with_a_seed() -> None:
    a, b = make_separable_with_margin(seed=3), make_separable_with_margin(seed=3)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], make_separable_with_margin(seed=4)[0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 1}, "n must"),
        ({"n": 2.5}, "n must"),
        ({"margin": 1.0}, "margin"),
        ({"margin": -0.1}, "margin"),
        ({"centre": (1.0,)}, "centre"),
    ],
)
def test_bad_input_names_the_problem(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        make_separable_with_margin(**kwargs)
