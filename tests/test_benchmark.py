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
    operands = benchmark._OPERANDS[64, "float32"]
    assert benchmark.matmul_gflops(64, repeats=1) > 0
    assert benchmark._OPERANDS[64, "float32"] is operands  # drawn once, reused
    assert benchmark.peak_matmul_gflops((32, 64), repeats=1) > 0
    with pytest.raises(ValueError, match="sizes is empty"):
        benchmark.peak_matmul_gflops(())


def test_graph_matmuls_finds_the_products_of_a_training_step() -> None:
    import keras
    import tensorflow as tf

    model = keras.Sequential(
        [keras.Input((6,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(3)]
    )

    def step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(x) ** 2)
        return tape.gradient(loss, model.trainable_variables)

    products = benchmark.graph_matmuls(step, tf.TensorSpec([4, 6]))
    forward = [(p["m"], p["k"], p["n"]) for p in products if not p["backward"]]
    backward = sorted((p["m"], p["k"], p["n"]) for p in products if p["backward"])
    assert forward == [(4, 6, 5), (4, 5, 3)]
    # weight gradients (6,4)@(4,5) and (5,4)@(4,3); the input gradient of layer 2 only
    assert backward == sorted([(6, 4, 5), (5, 4, 3), (4, 3, 5)])
    total = sum(benchmark.matmul_flops(p["m"], p["k"], p["n"]) for p in products)
    assert total == sum(benchmark.mlp_step_flops((6, 5, 3), batch=4))


def test_graph_matmuls_rejects_unshaped_specs() -> None:
    import tensorflow as tf

    with pytest.raises(ValueError, match="fixed shape"):
        benchmark.graph_matmuls(lambda x: x, tf.TensorSpec([None, 3]))
    with pytest.raises(TypeError, match="function"):
        benchmark.graph_matmuls(42, tf.TensorSpec([2, 3]))
