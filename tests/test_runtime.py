"""Unit tests of helpers.runtime: device kind and strategy for mocked device lists, version guard, setup."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from helpers import runtime


def _devices(*kinds: str) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(device_type=k, name=f"/physical_device:{k}:{i}")
        for i, k in enumerate(kinds)
    ]


@pytest.mark.parametrize(
    "kinds, expected",
    [
        (("CPU",), "CPU"),
        (("CPU", "GPU"), "GPU"),
        (("CPU", "GPU", "GPU"), "GPU"),
        (("CPU", "TPU", "TPU"), "TPU"),
        ((), "CPU"),
    ],
)
def test_device_kind(kinds: tuple[str, ...], expected: str) -> None:
    assert runtime.device_kind(_devices(*kinds)) == expected
    assert runtime.device_kind(list(kinds)) == expected


def test_device_kind_rejects_non_devices() -> None:
    with pytest.raises(TypeError, match="device-type strings"):
        runtime.device_kind([42])


def test_device_kind_of_this_machine() -> None:
    assert runtime.device_kind() in runtime.DEVICE_KINDS


class _FakeDistribute:
    """Stands in for tf.distribute, recording which strategy was built."""

    def __init__(self) -> None:
        self.built: list[str] = []
        outer = self

        class _Resolver:
            def __init__(self) -> None:
                outer.built.append("resolver")

        self.cluster_resolver = SimpleNamespace(TPUClusterResolver=_Resolver)
        self.TPUStrategy = lambda resolver: outer.built.append("TPUStrategy") or "tpu-strategy"
        self.MirroredStrategy = lambda: (
            outer.built.append("MirroredStrategy") or "mirrored-strategy"
        )
        self.get_strategy = lambda: outer.built.append("default") or "default-strategy"


@pytest.fixture
def fake_tf(monkeypatch: pytest.MonkeyPatch) -> _FakeDistribute:
    tf = pytest.importorskip("tensorflow")
    fake = _FakeDistribute()
    monkeypatch.setattr(tf, "distribute", fake)
    monkeypatch.setattr(
        tf.config, "experimental_connect_to_cluster", lambda r: fake.built.append("connect")
    )
    monkeypatch.setattr(
        tf.tpu.experimental, "initialize_tpu_system", lambda r: fake.built.append("init")
    )
    return fake


@pytest.mark.parametrize(
    "kinds, expected, steps",
    [
        (("CPU",), "default-strategy", ["default"]),
        (("CPU", "GPU"), "default-strategy", ["default"]),
        (("CPU", "GPU", "GPU"), "mirrored-strategy", ["MirroredStrategy"]),
        (("CPU", "TPU"), "tpu-strategy", ["resolver", "connect", "init", "TPUStrategy"]),
    ],
)
def test_strategy_choice(
    fake_tf: _FakeDistribute, kinds: tuple[str, ...], expected: str, steps: list[str]
) -> None:
    assert runtime.strategy(_devices(*kinds)) == expected
    assert fake_tf.built == steps


def test_strategy_on_this_machine_is_default_and_made_once() -> None:
    tf = pytest.importorskip("tensorflow")
    first = runtime.strategy()
    assert runtime.strategy() is first  # one strategy per process, not one per call
    if runtime.device_kind() == "CPU":
        assert first is tf.distribute.get_strategy()


def test_version_is_read_from_the_package_metadata() -> None:
    from importlib import metadata

    import helpers

    assert helpers.__version__ == metadata.version("nn-course-helpers")


def test_version_warnings() -> None:
    tested = runtime.TESTED_VERSIONS
    assert runtime.version_warnings("3.11.7", tested["tensorflow"], tested["keras"]) == []
    warnings = runtime.version_warnings("3.12.1", "2.19.0", tested["keras"])
    assert len(warnings) == 2
    assert "python 3.12.1" in warnings[0] and "python 3.11" in warnings[0]
    assert "tensorflow 2.19.0" in warnings[1] and "tensorflow 2.21.0" in warnings[1]
    assert runtime.version_warnings(
        "3.1.0", tested["tensorflow"], tested["keras"]
    )  # 3.1 is not 3.11


def test_colabs_tested_image_gets_no_warning() -> None:
    colab = runtime.COLAB_VERSIONS
    assert runtime.version_warnings("3.13.15", colab["tensorflow"], colab["keras"]) == []
    # Colab's TensorFlow with another Keras is not the tested image.
    warnings = runtime.version_warnings("3.13.15", colab["tensorflow"], "3.14.0")
    assert len(warnings) == 3 and "keras 3.14.0" in warnings[2]


def test_kaggles_tested_image_gets_no_warning() -> None:
    kaggle = runtime.KAGGLE_VERSIONS
    assert runtime.version_warnings("3.12.11", kaggle["tensorflow"], kaggle["keras"]) == []


@pytest.mark.parametrize(
    ("image", "versions"),
    [("colab", runtime.COLAB_VERSIONS), ("kaggle", runtime.KAGGLE_VERSIONS)],
)
def test_image_versions_match_their_requirements_and_the_workflow(
    image: str, versions: dict[str, str]
) -> None:
    from pathlib import Path

    import yaml

    root = Path(__file__).parents[1]
    pins = dict(
        line.split("==")
        for line in (root / f"requirements-{image}.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins["tensorflow"] == versions["tensorflow"]
    assert pins["keras"] == versions["keras"]
    workflow = yaml.safe_load((root / ".github" / "workflows" / "tests.yml").read_text())
    python = [s["with"]["python-version"] for s in workflow["jobs"][image]["steps"] if "with" in s]
    assert python == [versions["python"]]


def test_gpu_requirements_pin_the_tested_tensorflow() -> None:
    from pathlib import Path

    lines = (Path(__file__).parents[1] / "requirements-gpu.txt").read_text().splitlines()
    pins = [line for line in lines if line.strip() and not line.startswith("#")]
    assert pins == [f"tensorflow[and-cuda]=={runtime.TESTED_VERSIONS['tensorflow']}"]


def test_tested_versions_match_requirements() -> None:
    from pathlib import Path

    pins = dict(
        line.split("==")
        for line in (Path(__file__).parents[1] / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins["tensorflow"] == runtime.TESTED_VERSIONS["tensorflow"]
    assert pins["keras"] == runtime.TESTED_VERSIONS["keras"]


@pytest.mark.parametrize("seed", [-1, 1.5, True, "42"])
def test_setup_rejects_bad_seeds(seed: object) -> None:
    with pytest.raises(ValueError, match="non-negative integer"):
        runtime.setup(seed=seed)  # type: ignore[arg-type]


def test_stderr_silenced_restores_fd2() -> None:
    before = os.fstat(2)
    with runtime.stderr_silenced():
        os.write(2, b"hidden\n")
    after = os.fstat(2)
    assert (before.st_dev, before.st_ino) == (after.st_dev, after.st_ino)


def test_kept_for_the_session_freezes_and_turns_the_collector_back_on() -> None:
    frozen = gc.get_freeze_count()
    try:
        with pytest.raises(KeyError), runtime.kept_for_the_session():
            assert not gc.isenabled()
            kept = [[] for _ in range(1000)]
            raise KeyError("even when the block fails")
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()
        if frozen:
            gc.freeze()  # as before (pytest's worker froze its own objects)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v for k, v in os.environ.items() if k not in ("KERAS_BACKEND", "TF_CPP_MIN_LOG_LEVEL")
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full_env, timeout=300
    )


#: One fresh process after `runtime.setup(seed=3)` (each process imports TensorFlow: seconds of
#: CPU, so one process checks several things): the one-line header, the device, TF32 off and op
#: determinism on, TensorFlow's objects frozen with the collector on again (kept_for_the_session),
#: and a draw from Keras's and NumPy's generators, which a second process repeats.
SETUP_RUN = (
    "from helpers import runtime; info = runtime.setup(seed=3); print(info.device);"
    "import gc; print(gc.isenabled(), gc.get_freeze_count() > 100_000);"
    "import keras, numpy as np, tensorflow as tf;"
    "from tensorflow.python.framework import config;"
    "print(tf.config.experimental.tensor_float_32_execution_enabled(),"
    " config.is_op_determinism_enabled());"
    "print(np.round(keras.random.normal((3,)).numpy(), 6).tolist(), np.random.rand())"
)


def test_setup_prints_one_line_silences_tensorflow_disables_tf32_and_results_repeat() -> None:
    first, second = _run(SETUP_RUN), _run(SETUP_RUN)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Python ") and "| seed: 3" in lines[0]
    device, collector, tf32_determinism, draw = lines[-4:]
    assert device in runtime.DEVICE_KINDS
    assert collector == "True True", "the collector on, TensorFlow's objects frozen"
    assert "oneDNN" not in first.stderr and "cuda" not in first.stderr.lower()
    assert tf32_determinism == "False True", "TF32 off, op determinism on"
    assert second.stdout.splitlines()[-1] == draw, "the same seed, the same draws"


def test_setup_numpy_prints_versions_seeds_numpy_and_imports_no_tensorflow() -> None:
    result = _run(
        "import sys; from helpers import runtime; import numpy as np; runtime.setup_numpy(seed=3);"
        " print(np.random.rand() == np.random.RandomState(3).rand(), 'tensorflow' in sys.modules)"
    )
    assert result.returncode == 0, result.stderr
    line, check = result.stdout.splitlines()
    assert line.startswith("Python ") and "| NumPy " in line and line.endswith("| seed: 3")
    assert check == "True False"
    with pytest.raises(ValueError, match="non-negative integer"):
        runtime.setup_numpy(seed=-1)


def test_setup_refuses_another_backend() -> None:
    result = _run("from helpers import runtime; runtime.setup()", KERAS_BACKEND="jax")
    assert result.returncode != 0 and "KERAS_BACKEND is 'jax'" in result.stderr


def test_model_scope_is_the_runtime_strategys_scope() -> None:
    import tensorflow as tf

    with runtime.model_scope():
        assert tf.distribute.get_strategy() is runtime.strategy()
