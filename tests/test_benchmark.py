"""Unit tests of helpers.benchmark."""

from __future__ import annotations

import pytest

from helpers import benchmark


def test_matmul_flops() -> None:
    assert benchmark.matmul_flops(2, 3, 4) == 48
    assert benchmark.matmul_flops(1024, 1024, 1024) == 2 * 1024**3


@pytest.mark.parametrize("bad", [0, -1, 2.5])
def test_matmul_flops_rejects_bad_sizes(bad: float) -> None:
    with pytest.raises(ValueError, match="positive integer"):
        benchmark.matmul_flops(bad, 2, 2)  # type: ignore[arg-type]


def test_best_seconds_takes_the_fastest_run() -> None:
    calls = []
    assert benchmark.best_seconds(lambda: calls.append(1), repeats=3, warmup=2) >= 0
    assert len(calls) == 5
    with pytest.raises(ValueError):
        benchmark.best_seconds(lambda: None, repeats=0)


def test_gflops_are_positive() -> None:
    assert benchmark.matmul_gflops(64, repeats=2) > 0
    assert benchmark.peak_matmul_gflops((32, 64), repeats=1) > 0
    with pytest.raises(ValueError, match="sizes is empty"):
        benchmark.peak_matmul_gflops(())
