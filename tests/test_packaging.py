"""The package installs without a checkout: a built wheel carries helpers and the data with it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_carries_the_data_and_loads_it_without_a_checkout(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {
        "helpers/data/mnist_5k.npz",
        "helpers/data/SHA256SUMS",
        "helpers/datasets.py",
        "helpers/answer_keys/11.json",
    } <= set(names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r}); import helpers.datasets as d;"
        f"assert d.__file__.startswith({str(site)!r}), d.__file__;"
        "assert d.data_dir().parent.name == 'helpers';"
        "(x, y), _ = d.load_mnist_5k(); print(x.shape)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "(4000, 28, 28)"
