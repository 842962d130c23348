"""The Keras notebooks on the JAX backend (issue 23): the setup cell's choice of backend on mocked
runtimes, and helpers.runtime on JAX (backend, device, the DataParallel counterpart of strategy()).

The JAX tests run where jax is installed (`make test-jax`, .venv-jax) and are skipped elsewhere."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import runtime
from tools import course

ROOT = Path(__file__).parents[1]
URL = f"git+https://github.com/{course.REPOSITORY}@{course.REF}"
HAS_JAX = importlib.util.find_spec("jax") is not None


def run_cell(
    cell: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    *,
    modules: set[str],
    backend: str | None = None,
) -> tuple[list[list[str]], dict[str, object]]:
    """Run a setup cell outside a checkout (as on Colab or Kaggle) where only ``modules`` of
    tensorflow, jax and libtpu are importable; pip and ``helpers.runtime`` are mocked. Return the pip
    commands and what ``runtime.setup`` was called with, KERAS_BACKEND at that moment included."""
    commands: list[list[str]] = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(subprocess, "run", lambda command, check=False: commands.append(command))
    monkeypatch.setattr(sys, "path", list(sys.path))
    if backend is None:
        monkeypatch.delenv("KERAS_BACKEND", raising=False)
    else:
        monkeypatch.setenv("KERAS_BACKEND", backend)
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name in ("tensorflow", "jax", "libtpu"):
            return object() if name in modules else None
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(importlib.metadata, "distributions", lambda **kwargs: [])
    called: dict[str, object] = {}

    def setup(seed: int, **kwargs: object) -> str:
        called.update(kwargs, seed=seed, KERAS_BACKEND=os.environ.get("KERAS_BACKEND"))
        return "info"

    fake_helpers = types.ModuleType("helpers")
    fake_helpers.runtime = SimpleNamespace(setup=setup)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "helpers", fake_helpers)
    exec(compile(cell, "<setup cell>", "exec"), {})
    return commands, called


def _pip(*packages: str) -> list[str]:
    return [sys.executable, "-m", "pip", "install", "-q", *packages]


def test_which_notebooks_get_the_keras_setup_cell() -> None:
    keras = {p.name for p in (ROOT / "notebooks").glob("*.ipynb") if p.name[:2] in "03 04 07 08 09"}
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        expected = course.KERAS_SETUP_CELL if path.name in keras else course.SETUP_CELL
        if path.name.startswith("11"):  # the quiz: NumPy only
            expected = course.NUMPY_SETUP_CELL
        assert course.setup_cell(path.name) == expected
    assert len(keras) == 5
    assert course.KERAS_SETUP_CELL.endswith(
        'info = runtime.setup(seed=42, backends=("tensorflow", "jax"))'
    )
    # The backend is chosen before anything imports Keras.
    choice = course.KERAS_SETUP_CELL.index('os.environ.setdefault("KERAS_BACKEND", "jax")')
    assert "import keras" not in course.KERAS_SETUP_CELL[:choice]
    assert choice < course.KERAS_SETUP_CELL.index("from helpers import runtime")


@pytest.mark.parametrize(
    "name, modules, backend, install_tf",
    [
        # Colab's TPU runtime: JAX (with libtpu), no TensorFlow.
        ("colab-tpu", {"jax", "libtpu"}, "jax", True),
        # Kaggle's TPU image: CPU-only TensorFlow beside jax[tpu].
        ("kaggle-tpu", {"tensorflow", "jax", "libtpu"}, "jax", False),
        # A CPU or GPU runtime that also ships jax (Colab's do): TensorFlow, as before.
        ("colab-cpu-gpu", {"tensorflow", "jax"}, None, False),
        # A runtime with neither: CPU TensorFlow, on the host CPU.
        ("bare", set(), None, True),
    ],
)
def test_the_keras_setup_cell_chooses_jax_on_tpu_runtimes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    modules: set[str],
    backend: str | None,
    install_tf: bool,
) -> None:
    commands, called = run_cell(course.KERAS_SETUP_CELL, monkeypatch, tmp_path, modules=modules)
    assert called == {"seed": 42, "backends": ("tensorflow", "jax"), "KERAS_BACKEND": backend}
    assert commands == [_pip(URL, *course.CPU_TENSORFLOW) if install_tf else _pip(URL)]
    out = capsys.readouterr().out
    if "tensorflow" in modules:
        assert out == ""
        return
    sentences = re.findall(r"[^.]+\.(?:\s|$)", out)
    assert out.startswith("This runtime has no TensorFlow") and len(sentences) == 2, out
    if backend == "jax":
        assert "trains on the TPU through JAX" in out and "CPU or GPU runtime" not in out
    else:
        assert "host CPU" in out and "CPU or GPU runtime" in out


def test_a_backend_set_by_the_user_is_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _, called = run_cell(
        course.KERAS_SETUP_CELL,
        monkeypatch,
        tmp_path,
        modules={"tensorflow", "jax", "libtpu"},
        backend="tensorflow",
    )
    assert called["KERAS_BACKEND"] == "tensorflow"


def test_the_tensorflow_notebooks_stay_on_tensorflow_on_a_tpu_runtime_with_jax(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    commands, called = run_cell(course.SETUP_CELL, monkeypatch, tmp_path, modules={"jax", "libtpu"})
    assert called == {"seed": 42, "KERAS_BACKEND": None}
    assert commands == [_pip(URL, *course.CPU_TENSORFLOW)]
    out = capsys.readouterr().out
    assert len(re.findall(r"[^.]+\.(?:\s|$)", out)) == 2
    assert "host CPU" in out and "choose a CPU or GPU runtime" in out


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v for k, v in os.environ.items() if k not in ("KERAS_BACKEND", "TF_CPP_MIN_LOG_LEVEL")
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full_env, timeout=300
    )


def test_a_tensorflow_notebook_refuses_jax() -> None:
    result = _run("from helpers import runtime; runtime.setup()", KERAS_BACKEND="jax")
    assert result.returncode != 0 and "this notebook uses TensorFlow" in result.stderr


def test_jax_distribution_is_none_on_one_device() -> None:
    assert runtime.jax_distribution(["cpu:0"]) is None
    assert runtime.jax_distribution([]) is None


needs_jax = pytest.mark.skipif(not HAS_JAX, reason="jax is not installed (make test-jax has it)")


@needs_jax
def test_setup_on_jax_prints_the_backend_and_jaxs_device() -> None:
    code = (
        "from helpers import runtime\n"
        "info = runtime.setup(seed=3, backends=('tensorflow', 'jax'))\n"
        "import contextlib, keras\n"
        "assert keras.config.backend() == 'jax' and info.backend == 'jax'\n"
        "assert runtime.strategy() is None  # one CPU device: nothing to distribute\n"
        "assert isinstance(runtime.model_scope(), contextlib.nullcontext)\n"
        "print(info.device)\n"
    )
    result = _run(code, KERAS_BACKEND="jax")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "(backend: jax)" in lines[0] and lines[-1] == "CPU"


@needs_jax
def test_setup_on_jax_reports_a_mocked_tpu() -> None:
    code = (
        "from types import SimpleNamespace\n"
        "import jax\n"
        "jax.devices = lambda: [SimpleNamespace(platform='tpu') for _ in range(8)]\n"
        "from helpers import runtime\n"
        "print(runtime.setup(backends=('tensorflow', 'jax')).device)\n"
    )
    result = _run(code, KERAS_BACKEND="jax")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "TPU"


@needs_jax
def test_model_scope_on_several_jax_devices_is_data_parallel_and_fit_runs() -> None:
    """Two host CPU devices stand in for a TPU's cores: the model's weights are replicated on
    both, each batch is split between them, and fit runs."""
    code = (
        "import numpy as np\n"
        "from helpers import runtime\n"
        "runtime.setup(backends=('tensorflow', 'jax'))\n"
        "import keras\n"
        "dist = runtime.strategy()\n"
        "assert isinstance(dist, keras.distribution.DataParallel), dist\n"
        "assert runtime.strategy() is dist and keras.distribution.distribution() is dist\n"
        "with runtime.model_scope():\n"
        "    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n"
        "    model.compile('sgd', 'mse')\n"
        "kernel = model.layers[0].kernel.value\n"
        "print(len(kernel.sharding.device_set))\n"
        "x = np.ones((8, 4), 'float32')\n"
        "print(np.isfinite(model.fit(x, np.zeros((8, 2)), epochs=1, verbose=0).history['loss']).all())\n"
    )
    result = _run(code, KERAS_BACKEND="jax", XLA_FLAGS="--xla_force_host_platform_device_count=2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["2", "True"]
