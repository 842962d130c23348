"""Unit tests of tools/course.py: one repository and one release ref, used by every badge and the
setup cell; the setup cell's branches on mocked runtimes, and its no-TensorFlow branch for real."""

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

from tools import course

ROOT = Path(__file__).parents[1]
URL = f"git+https://github.com/{course.REPOSITORY}@{course.REF}"


def test_ref_is_the_release_tag_of_the_version_in_pyproject() -> None:
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert version and course.REF == f"v{version.group(1)}" == f"v{course.VERSION}"
    assert re.fullmatch(r"v\d+\.\d+\.\d+", course.REF)


def test_badges_open_the_student_copy_at_the_release_ref() -> None:
    path = f"{course.REPOSITORY}/blob/{course.REF}/{course.STUDENT_DIR}/01_tensors.ipynb"
    assert (
        course.colab_url("01_tensors.ipynb") == f"https://colab.research.google.com/github/{path}"
    )
    assert course.kaggle_url("01_tensors.ipynb") == (
        f"https://kaggle.com/kernels/welcome?src=https://github.com/{path}"
    )
    line = course.badges("01_tensors.ipynb")
    assert "\n" not in line and line.startswith("[![Open In Colab]")
    links = re.findall(r"\]\((https://[^)]+)\)", line)
    assert links == [
        course.COLAB_BADGE,
        course.colab_url("01_tensors.ipynb"),
        course.KAGGLE_BADGE,
        course.kaggle_url("01_tensors.ipynb"),
    ]


def test_setup_cell_installs_helpers_at_the_same_ref() -> None:
    namespace: dict[str, object] = {}
    # The cell builds the URL from RELEASE; evaluate that line to see the address it installs.
    release = re.search(r'^RELEASE = "(.+)"$', course.SETUP_CELL, re.M)
    assert release and f"v{release.group(1)}" == course.REF
    line = next(x for x in course.SETUP_CELL.splitlines() if "git+https" in x)
    exec(f"RELEASE = {release.group(1)!r}\npackages = []\n{line.strip()}", namespace)
    assert namespace["packages"] == [URL]
    assert course.SETUP_CELL.startswith("# @title ")
    assert course.SETUP_CELL.endswith("info = runtime.setup(seed=42)")
    compile(course.SETUP_CELL, "<setup cell>", "exec")


def test_cpu_tensorflow_is_colabs_tested_image() -> None:
    pins = (ROOT / "requirements-colab.txt").read_text().splitlines()
    assert set(course.CPU_TENSORFLOW) <= set(pins)


@pytest.mark.parametrize("bad", ["01_tensors", "notebooks/01_tensors.ipynb"])
def test_bad_notebook_names(bad: str) -> None:
    for function in (course.colab_url, course.kaggle_url, course.badges):
        with pytest.raises(ValueError, match="notebook file name"):
            function(bad)


def test_readme_names_the_same_repository() -> None:
    readme = (ROOT / "README.md").read_text()
    repos = set(re.findall(r"github\.com/([\w.-]+/[\w.-]+)", readme))
    assert repos <= {course.REPOSITORY}, (
        f"README names {repos}; tools/course.py says {course.REPOSITORY}"
    )


# The setup cell on mocked runtimes --------------------------------------------------------------


class _Recorder:
    """Stands in for subprocess.run: records the pip commands."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def __call__(self, command: list[str], check: bool = False) -> None:
        assert check, "the setup cell must stop if pip fails"
        self.commands.append(command)


def run_setup_cell(
    monkeypatch: pytest.MonkeyPatch,
    cwd: Path,
    *,
    tensorflow: bool = True,
    installed: tuple[str, ...] = (),
) -> tuple[list[list[str]], list[str], dict[str, object]]:
    """Execute the setup cell in ``cwd`` with TensorFlow present or not and ``installed`` versions of
    nn-course-helpers; pip and ``helpers.runtime`` are mocked. Return pip commands, sys.path, names."""
    recorder = _Recorder()
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(subprocess, "run", recorder)
    monkeypatch.setattr(sys, "path", list(sys.path))
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name == "tensorflow":
            return object() if tensorflow else None
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)

    def distributions(**kwargs: object) -> list[SimpleNamespace]:
        assert kwargs == {"name": "nn-course-helpers"}, (
            "check the distribution, not the module name"
        )
        return [SimpleNamespace(version=v) for v in installed]

    monkeypatch.setattr(importlib.metadata, "distributions", distributions)
    fake_runtime = types.ModuleType("helpers.runtime")
    fake_runtime.setup = lambda seed: f"set up with seed {seed}"  # type: ignore[attr-defined]
    fake_helpers = types.ModuleType("helpers")
    fake_helpers.runtime = fake_runtime  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "helpers", fake_helpers)
    namespace: dict[str, object] = {}
    exec(compile(course.SETUP_CELL, "<setup cell>", "exec"), namespace)
    assert namespace["info"] == "set up with seed 42"
    return recorder.commands, list(sys.path), namespace


def _pip(*packages: str) -> list[str]:
    return [sys.executable, "-m", "pip", "install", "-q", *packages]


TPU_MESSAGE = "This runtime has no TensorFlow (Colab's TPU runtimes ship without it)"


@pytest.mark.parametrize(
    "runtime, cwd, tensorflow, expected",
    [
        # Colab CPU/GPU runtimes and Kaggle ship TensorFlow: install helpers only.
        ("colab-cpu-gpu", "content", True, [_pip(URL)]),
        ("kaggle", "kaggle/working", True, [_pip(URL)]),
        # A Cloud TPU VM with tensorflow-tpu: TensorFlow is there, runtime.strategy() finds the TPU.
        ("cloud-tpu-vm", "home/user", True, [_pip(URL)]),
        # Colab's TPU runtimes have no TensorFlow: install the tested CPU build as well.
        ("colab-tpu", "content", False, [_pip(URL, *course.CPU_TENSORFLOW)]),
    ],
)
def test_setup_cell_on_hosted_runtimes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    runtime: str,
    cwd: str,
    tensorflow: bool,
    expected: list[list[str]],
) -> None:
    (tmp_path / cwd).mkdir(parents=True)
    commands, _, _ = run_setup_cell(monkeypatch, tmp_path / cwd, tensorflow=tensorflow)
    assert commands == expected
    out = capsys.readouterr().out
    if tensorflow:
        assert out == ""
    else:
        sentences = re.findall(r"[^.]+\.(?:\s|$)", out)
        assert out.startswith(TPU_MESSAGE) and len(sentences) == 2, out
        assert "host CPU" in out and "CPU or GPU runtime" in out


def test_a_students_helpers_py_does_not_stop_the_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "helpers.py").write_text("print('my own helpers')\n")
    commands, _, _ = run_setup_cell(monkeypatch, tmp_path)
    assert commands == [_pip(URL)]


@pytest.mark.parametrize(
    "installed, expected",
    [((course.VERSION,), []), (("0.0.1",), [_pip(URL)]), ((), [_pip(URL)])],
    ids=["this-release", "an-older-release", "none"],
)
def test_installed_helpers_are_kept_only_at_this_release(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    installed: tuple[str, ...],
    expected: list[list[str]],
) -> None:
    commands, _, _ = run_setup_cell(monkeypatch, tmp_path, installed=installed)
    assert commands == expected


@pytest.mark.parametrize("folder", ["notebooks", course.STUDENT_DIR])
def test_a_checkout_uses_its_own_helpers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, folder: str
) -> None:
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (tmp_path / folder).mkdir()
    commands, path, _ = run_setup_cell(monkeypatch, tmp_path / folder)
    assert commands == [] and path[0] == str(tmp_path)


def test_someone_elses_project_is_not_a_checkout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "my-homework"\n')
    (tmp_path / "notebooks").mkdir()
    commands, path, _ = run_setup_cell(monkeypatch, tmp_path / "notebooks")
    assert commands == [_pip(URL)] and str(tmp_path) not in path


def test_the_no_tensorflow_branch_for_real(tmp_path: Path) -> None:
    """A real virtual environment without TensorFlow (or helpers) runs the setup cell's detection
    from a Colab-like folder holding a student's helpers.py; only pip is mocked (it stops the cell
    after printing the command, so nothing is installed)."""
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    content = tmp_path / "content"
    content.mkdir()
    (content / "helpers.py").write_text("")
    mock_pip = (
        "import subprocess, sys\n"
        "def run(command, check=False):\n"
        "    print('PIP', *command[1:])\n"
        "    sys.exit(0)\n"
        "subprocess.run = run\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-c", mock_pip + course.SETUP_CELL],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    message, pip = result.stdout.strip().split("\n")
    assert message.startswith(TPU_MESSAGE)
    assert pip == f"PIP -m pip install -q {URL} {' '.join(course.CPU_TENSORFLOW)}"


def test_the_setup_cell_with_the_real_runtime_on_mocked_devices() -> None:
    """In a checkout, with TensorFlow's device list mocked: CPU only, one GPU, two GPUs, a TPU (as on
    a Cloud TPU VM with tensorflow-tpu). The cell installs nothing and reports the device kind."""
    code = (
        "import subprocess, sys\n"
        "from types import SimpleNamespace\n"
        "import tensorflow as tf\n"
        "def no_pip(*args, **kwargs):\n"
        "    raise AssertionError('the setup cell ran pip in a checkout')\n"
        "subprocess.run = no_pip\n"
        "for kinds in ['CPU', 'CPU GPU', 'CPU GPU GPU', 'CPU TPU']:\n"
        "    devices = [SimpleNamespace(device_type=k) for k in kinds.split()]\n"
        "    tf.config.list_physical_devices = lambda *args, devices=devices: devices\n"
        f"    exec({course.SETUP_CELL!r})\n"
        "    print('DEVICE', info.device)\n"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in ("KERAS_BACKEND", "TF_CPP_MIN_LOG_LEVEL")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "notebooks",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [x for x in lines if x.startswith("DEVICE")] == [
        "DEVICE CPU",
        "DEVICE GPU",
        "DEVICE GPU",
        "DEVICE TPU",
    ]
    assert sum("| device: TPU |" in x for x in lines) == 1


def test_readme_is_short_and_every_path_it_names_exists() -> None:
    """The README starts where a student starts; details live in docs/ (at most 1,300 words)."""
    readme = (ROOT / "README.md").read_text()
    words = len(readme.split())
    assert words <= 1300, f"README.md has {words} words; move details to docs/ (limit 1,300)"
    links = re.findall(r"\]\((?!https?://|#)([^)\s]+)\)", readme)
    ticked = [
        t
        for t in re.findall(r"`([\w./-]+)`", readme)
        if "/" in t or re.search(r"\.(txt|md|py|toml|json|ipynb)$", t)
    ]
    missing = sorted({p for p in links + ticked if not (ROOT / p).exists()})
    assert not missing, f"README.md names paths that do not exist: {missing}"
    first_screen = readme[: readme.index("## Run it on your machine")]
    assert "colab.research.google.com" in first_screen and "01_tensors.ipynb" in first_screen
