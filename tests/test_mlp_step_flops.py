"""Unit tests of helpers.benchmark.mlp_step_flops: the FLOP count of a dense MLP's training step."""

from __future__ import annotations

import pytest

from helpers import benchmark


def test_the_issue_example() -> None:
    forward, backward = benchmark.mlp_step_flops((784, 1024, 10), 8192)
    first, second = 2 * 8192 * 784 * 1024, 2 * 8192 * 1024 * 10
    assert forward == first + second
    assert (
        backward == first + 2 * second
    )  # weight gradients everywhere, input gradient after the first
    assert forward + backward == 2 * first + 3 * second


def test_single_layer_needs_only_the_weight_gradient() -> None:
    assert benchmark.mlp_step_flops((3, 4), 5) == (120, 120)


def test_deeper_net_and_linearity_in_batch() -> None:
    f1, b1 = benchmark.mlp_step_flops((10, 20, 30, 5), 1)
    f7, b7 = benchmark.mlp_step_flops((10, 20, 30, 5), 7)
    assert (f7, b7) == (7 * f1, 7 * b1)
    assert f1 == 2 * (10 * 20 + 20 * 30 + 30 * 5)
    assert b1 == 2 * (10 * 20) + 4 * (20 * 30 + 30 * 5)


@pytest.mark.parametrize(
    "sizes, batch, match",
    [
        ((784,), 1, "at least an input and an output"),
        ((784, 10), 0, "batch must be a positive integer"),
        ((784, 10), 2.5, "batch must be a positive integer"),
        ((784, 10), True, "batch must be a positive integer"),
        ((784, 0, 10), 4, "layer sizes must be positive integers"),
        ((784, 1.5, 10), 4, "layer sizes must be positive integers"),
    ],
)
def test_bad_input_raises(sizes: tuple, batch: float, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        benchmark.mlp_step_flops(sizes, batch)  # type: ignore[arg-type]
