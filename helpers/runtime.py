"""Runtime set-up for every notebook: quiet logging, seeds, versions, device and strategy.

Taught in 01_tensors (devices and the hardware aside); used by the setup cell of every notebook.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import platform
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

#: The versions the stored outputs were produced with (kept equal to requirements.txt by a test).
TESTED_VERSIONS: dict[str, str] = {"python": "3.11", "tensorflow": "2.21.0", "keras": "3.15.1"}
#: Colab's image, the second tested environment (requirements-colab.txt, `make test-colab`): the
#: stored outputs are checked under it too, so it gets no warning.
COLAB_VERSIONS: dict[str, str] = {"python": "3.13", "tensorflow": "2.20.0", "keras": "3.13.2"}
#: Kaggle's image, the third (requirements-kaggle.txt, `make test-kaggle`): Colab's TensorFlow and
#: Keras on Python 3.12.
KAGGLE_VERSIONS: dict[str, str] = {"python": "3.12", "tensorflow": "2.20.0", "keras": "3.13.2"}

DEVICE_KINDS = ("CPU", "GPU", "TPU")


@dataclass(frozen=True)
class RuntimeInfo:
    """What ``setup`` found: versions, device kind and the seed it set."""

    python: str
    tensorflow: str
    keras: str
    device: str
    seed: int
    backend: str = "tensorflow"

    def line(self) -> str:
        """The one-line summary the setup cell prints."""
        return (
            f"Python {self.python} | TensorFlow {self.tensorflow} | Keras {self.keras}"
            f" (backend: {self.backend}) | device: {self.device} | seed: {self.seed}"
        )


@contextlib.contextmanager
def stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the block (TensorFlow's C++ logs go there)."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


@contextlib.contextmanager
def kept_for_the_session() -> Iterator[None]:
    """Run the block (importing TensorFlow and Keras) without garbage collection, then freeze every
    object alive: the collector no longer walks them, neither at each full collection nor at exit.

    Those modules make millions of objects that live as long as the kernel. Collecting while they
    are made, and walking them again at every full collection, cost 5 s of a 2-core laptop's CPU
    in notebook 01 and 14 s in 09 (their Run All: 15 s and 55 s before, 10 s and 41 s after). Used by
    ``setup`` and by the test workers (conftest.py).
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _device_type(device: Any) -> str:
    kind = getattr(device, "device_type", device)
    if not isinstance(kind, str):
        raise TypeError(f"expected TensorFlow devices or device-type strings, got {device!r}")
    return kind.upper()


def device_kind(devices: Sequence[Any] | None = None) -> str:
    """Return "TPU", "GPU" or "CPU": the best accelerator among ``devices`` (default: this runtime's).

    ``devices`` may be TensorFlow device objects (anything with ``device_type``) or strings.
    """
    if devices is None:
        import tensorflow as tf

        devices = tf.config.list_physical_devices()
    kinds = {_device_type(d) for d in devices}
    for kind in ("TPU", "GPU"):
        if kind in kinds:
            return kind
    return "CPU"


def strategy(devices: Sequence[Any] | None = None) -> Any:
    """Return the ``tf.distribute`` strategy for this runtime: build models under its ``scope()``.

    On Keras's JAX backend (issue 23: TPU runtimes without TensorFlow), its counterpart instead:
    ``keras.distribution.DataParallel`` over all of JAX's devices where there are several (a TPU's
    cores), or None on one device (nothing to distribute; ``model_scope`` then changes nothing).

    TPUStrategy where a TPU is attached, MirroredStrategy for several GPUs, otherwise the
    default strategy (one CPU or one GPU). This runtime's strategy is created once per process,
    so every call returns the same object (models built under one scope can be trained together);
    passing ``devices`` builds a fresh one for those devices (used by the tests).
    """
    if devices is None:
        if _keras_backend() == "jax":
            return _runtime_jax_distribution()
        return _runtime_strategy()
    return _make_strategy(devices)


def model_scope() -> Any:
    """Where Keras models are built and compiled: on every TPU core or GPU this runtime has.

    ``with runtime.model_scope(): model = ...`` places the model's weights through this runtime's
    ``strategy()``. On one CPU or one GPU it changes nothing. Taught in 07_keras_sequential_mlp.
    On the JAX backend it is the scope of ``keras.distribution.DataParallel`` over all devices
    (also set for the whole process, so that ``fit`` shards each batch), or nothing on one device.
    """
    chosen = strategy()
    if chosen is None:
        return contextlib.nullcontext()
    return chosen.scope()


def _keras_backend() -> str:
    """Keras's backend if Keras is imported, else the one it will take (TensorFlow by default)."""
    keras = sys.modules.get("keras")
    if keras is not None:
        return keras.backend.backend()
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def jax_distribution(devices: Sequence[Any]) -> Any:
    """``keras.distribution.DataParallel`` over ``devices`` (JAX's), or None for one device."""
    if len(devices) <= 1:
        return None
    import keras

    return keras.distribution.DataParallel(devices=list(devices))


@functools.cache
def _runtime_jax_distribution() -> Any:
    import jax
    import keras

    distribution = jax_distribution(jax.devices())
    if distribution is not None:
        keras.distribution.set_distribution(distribution)
    return distribution


@functools.cache
def _runtime_strategy() -> Any:
    import tensorflow as tf

    return _make_strategy(tf.config.list_physical_devices())


def _make_strategy(devices: Sequence[Any]) -> Any:
    import tensorflow as tf

    kind = device_kind(devices)
    if kind == "TPU":
        resolver = tf.distribute.cluster_resolver.TPUClusterResolver()
        tf.config.experimental_connect_to_cluster(resolver)
        tf.tpu.experimental.initialize_tpu_system(resolver)
        return tf.distribute.TPUStrategy(resolver)
    if sum(_device_type(d) == "GPU" for d in devices) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def version_warnings(python: str, tensorflow: str, keras: str) -> list[str]:
    """List a warning for each version that differs from the tested one (``TESTED_VERSIONS``).

    Colab's and Kaggle's tested images (``COLAB_VERSIONS``, ``KAGGLE_VERSIONS``) get no warning
    either.
    """
    found = {"python": python, "tensorflow": tensorflow, "keras": keras}

    def same(have: str, tested: str) -> bool:
        return have == tested or have.startswith(tested + ".")

    for image in (COLAB_VERSIONS, KAGGLE_VERSIONS):
        if all(same(found[name], tested) for name, tested in image.items()):
            return []
    warnings = []
    for name, tested in TESTED_VERSIONS.items():
        have = found[name]
        if not same(have, tested):
            warnings.append(
                f"WARNING: this runtime has {name} {have}, but the stored outputs were made with "
                f"{name} {tested}. Cells still run, but printed numbers may differ slightly; for "
                "identical results install requirements.txt."
            )
    return warnings


def setup_numpy(seed: int = 42) -> str:
    """Prepare a notebook that needs only NumPy (11, the quiz): seed Python and NumPy and print the
    versions in one line, which it returns. TensorFlow is not imported: the notebook starts at once,
    on any runtime."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    import random

    import numpy as np

    random.seed(seed)
    np.random.seed(seed)
    line = f"Python {platform.python_version()} | NumPy {np.__version__} | seed: {seed}"
    print(line)
    return line


def setup(
    seed: int = 42, deterministic: bool = True, backends: Sequence[str] = ("tensorflow",)
) -> RuntimeInfo:
    """Prepare a notebook: quiet TensorFlow, fix the seeds, print versions, backend and device.

    ``backends`` are the Keras backends the notebook runs on: TensorFlow only (the default: the
    notebooks about TensorFlow's tensors, tape and ``tf.function``), or also ``"jax"`` for the Keras
    notebooks, whose setup cell chooses JAX on TPU runtimes (issue 23). KERAS_BACKEND picks one;
    unset, it is TensorFlow. The device is then the backend's (JAX's devices on JAX).

    Sets the Keras backend (default TensorFlow) and TensorFlow's log level before importing it, imports
    it and initialises its devices with stderr silenced (its C++ start-up lines are not errors),
    seeds Python, NumPy and TensorFlow, and, with ``deterministic``, makes TensorFlow's ops
    deterministic and float32 products full precision (no TF32 on GPUs), so that training
    results repeat exactly on the same machine and closely across CPU and GPU.
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    backend = os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    if backend not in backends:
        raise RuntimeError(
            f"KERAS_BACKEND is {backend!r}, but this notebook uses TensorFlow (GradientTape, "
            "tf.function). Unset KERAS_BACKEND or set it to 'tensorflow', then restart the kernel."
            if tuple(backends) == ("tensorflow",)
            else f"KERAS_BACKEND is {backend!r}; this notebook runs on {', '.join(backends)}. "
            "Unset KERAS_BACKEND or set it to one of those, then restart the kernel."
        )
    with stderr_silenced(), kept_for_the_session():
        import keras
        import tensorflow as tf

        from helpers.plotting import install_alt_text

        tf.get_logger().setLevel("ERROR")
        devices = tf.config.list_physical_devices()
        tf.reduce_sum(tf.ones((2, 2)))  # initialise the devices while stderr is silenced
    if keras.backend.backend() != backend:
        raise RuntimeError(
            f"Keras was already imported with the {keras.backend.backend()!r} backend. "
            "Restart the kernel and run the setup cell first."
        )
    if backend == "jax":
        import jax

        devices = [d.platform for d in jax.devices()]
    keras.utils.set_random_seed(seed)
    if deterministic:
        tf.config.experimental.enable_op_determinism()
        # Ampere and newer GPUs would otherwise run float32 matrix products in TF32 (10-bit
        # mantissa), changing printed values from the third digit on.
        tf.config.experimental.enable_tensor_float_32_execution(False)
    install_alt_text()  # every figure the notebook shows stores a text description (alt text)
    info = RuntimeInfo(
        python=platform.python_version(),
        tensorflow=tf.__version__,
        keras=keras.__version__,
        device=device_kind(devices),
        seed=seed,
        backend=backend,
    )
    print(info.line())
    for warning in version_warnings(info.python, info.tensorflow, info.keras):
        print(warning)
    return info
