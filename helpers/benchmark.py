"""Timing helpers: achieved GFLOP/s of matrix products on this runtime.

Taught in 01_tensors (the hardware aside); used again in 10_gradient_descent_batch_size to compare
training throughput with the matrix-product peak. Timings depend on the machine: print them in
cells tagged ``nbval-ignore-output``.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable, Sequence

import numpy as np


def best_seconds(fn: Callable[[], object], repeats: int = 5, warmup: int = 1) -> float:
    """Run ``fn`` ``warmup`` times untimed, then ``repeats`` times; return the fastest run in seconds."""
    if repeats < 1 or warmup < 0:
        raise ValueError(f"repeats must be >= 1 and warmup >= 0, got {repeats} and {warmup}.")
    for _ in range(warmup):
        fn()
    return min(timeit.repeat(fn, repeat=repeats, number=1))


def matmul_flops(m: int, k: int, n: int) -> int:
    """Floating-point operations of an (m, k) @ (k, n) product: m*n dot products, about 2k each.

    A length-k dot product takes k multiplications and k - 1 additions, 2k - 1 in all; like every
    GFLOP/s figure, this counts 2k (one operation too many per dot product). Taught in 01_tensors.
    """
    for name, value in (("m", m), ("k", k), ("n", n)):
        if int(value) != value or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    return 2 * int(m) * int(k) * int(n)


#: The random (n, n) operands of ``matmul_gflops``, by (n, dtype), kept between calls.
_OPERANDS: dict[tuple[int, str], tuple[object, object]] = {}


def matmul_gflops(n: int = 1024, repeats: int = 5, dtype: str = "float32") -> float:
    """Achieved GFLOP/s of an (n, n) @ (n, n) TensorFlow product on the default device (best run).

    The timed region is the product and the wait for the device to finish it; the result stays on
    the device. The operands are drawn once per size and dtype (seed 0) and reused by later calls.
    Taught in 01_tensors.
    """
    import tensorflow as tf

    if (n, dtype) not in _OPERANDS:  # made once per size: drawing them costs more than a product
        rng = np.random.default_rng(0)
        _OPERANDS[n, dtype] = tuple(
            tf.constant(rng.standard_normal((n, n)), dtype=dtype) for _ in range(2)
        )
    a, b = _OPERANDS[n, dtype]

    def run() -> None:
        # wait until the device has finished (a GPU or TPU runs ops asynchronously), without
        # copying the n x n result back to NumPy: that copy is not part of the product
        tf.linalg.matmul(a, b)
        tf.test.experimental.sync_devices()

    return matmul_flops(n, n, n) / best_seconds(run, repeats=repeats) / 1e9


def peak_matmul_gflops(sizes: Sequence[int] = (1024, 2048, 3072), repeats: int = 3) -> float:
    """The best GFLOP/s over several square products: this runtime's practical float32 peak."""
    if not sizes:
        raise ValueError("sizes is empty: give at least one matrix size.")
    return max(matmul_gflops(n, repeats=repeats) for n in sizes)


def mlp_step_flops(layer_sizes: Sequence[int], batch: int) -> tuple[int, int]:
    """FLOPs (forward, backward) of one training step of a dense MLP. Taught in 10_gradient_descent_batch_size.

    ``layer_sizes`` lists the widths from input to output, e.g. (784, 1024, 10). A dense layer's
    forward pass is one (batch, inputs) @ (inputs, outputs) product: 2*batch*inputs*outputs. The
    backward pass needs each layer's weight gradient (a product of the same size) and, for every
    layer but the first, the gradient with respect to its input (one more): no gradient is needed
    for the data. So a step costs 2x the first layer's forward pass and 3x each other layer's.
    Bias adds, activations, the loss and the update (O(batch*outputs) or O(weights)) are left out.
    """
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output width, got {sizes}.")
    if isinstance(batch, bool) or int(batch) != batch or batch < 1:
        raise ValueError(f"batch must be a positive integer, got {batch!r}.")
    if any(isinstance(n, bool) or int(n) != n or n < 1 for n in sizes):
        raise ValueError(f"layer sizes must be positive integers, got {sizes}.")
    forward = [matmul_flops(batch, n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    backward = [f if i == 0 else 2 * f for i, f in enumerate(forward)]
    return sum(forward), sum(backward)


def graph_matmuls(fn: Callable[..., object], *input_specs: object) -> list[dict[str, object]]:
    """The matrix products TensorFlow puts into the graph of ``fn``. Taught in 10_gradient_descent_batch_size.

    ``fn`` is traced with ``tf.function`` for the given ``tf.TensorSpec`` inputs (fixed shapes);
    for every ``MatMul`` op the result gives its ``name``, its sizes ``m, k, n`` for an (m, k) @ (k, n)
    product (transposes taken into account) and ``backward``: whether the op belongs to the
    gradient computation (GradientTape names those ops ``gradient_tape/...``).
    """
    import tensorflow as tf

    if not callable(fn):
        raise TypeError(f"fn must be a function to trace, got {fn!r}.")
    for spec in input_specs:
        if not isinstance(spec, tf.TensorSpec) or not spec.shape.is_fully_defined():
            raise ValueError(
                f"give each input as a tf.TensorSpec with a fixed shape, e.g. "
                f"tf.TensorSpec([256, 784]); got {spec!r}."
            )
    graph = tf.function(fn).get_concrete_function(*input_specs).graph
    products = []
    for op in graph.get_operations():
        if op.type != "MatMul":
            continue
        (a_rows, a_cols), (b_rows, b_cols) = op.inputs[0].shape, op.inputs[1].shape
        m, k = (a_cols, a_rows) if op.get_attr("transpose_a") else (a_rows, a_cols)
        n = b_rows if op.get_attr("transpose_b") else b_cols
        products.append(
            {
                "name": op.name,
                "m": int(m),
                "k": int(k),
                "n": int(n),
                "backward": op.name.startswith("gradient_tape"),
            }
        )
    return products
