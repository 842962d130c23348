"""The one place that names the repository: the Colab badge and the setup cell of every notebook.

Change ``REPOSITORY`` or ``REF`` here, then run ``make format`` to rewrite every notebook's badge
and setup cell; ``make lint`` (part of ``make test``) checks they match.
"""

from __future__ import annotations

REPOSITORY = "nn-teaching/mlp-keras-series"
REF = "main"

SETUP_TAG = "setup"

#: The folder of the student notebooks (exercises unanswered), which badges open.
STUDENT_DIR = "student"

SETUP_CELL = f"""\
# @title Setup (run me first): helpers, quiet TensorFlow, seeds, versions and device
# Make `helpers` importable (a bare checkout adds the repository to the path; Colab installs
# it at the pinned ref), then quiet TensorFlow, fix the seeds and print the versions and the device.
import importlib.util
import pathlib
import subprocess
import sys

if importlib.util.find_spec("helpers") is None:
    if (pathlib.Path.cwd().parent / "helpers").is_dir():
        sys.path.insert(0, str(pathlib.Path.cwd().parent))
    else:
        url = "git+https://github.com/{REPOSITORY}@{REF}"
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", url], check=True)
from helpers import runtime

info = runtime.setup(seed=42)"""


def colab_url(notebook: str) -> str:
    """Return the Colab address of ``notebooks/<notebook>`` at ``REF``."""
    if not notebook.endswith(".ipynb") or "/" in notebook:
        raise ValueError(f"give a notebook file name such as '01_tensors.ipynb', got {notebook!r}.")
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{REF}/notebooks/{notebook}"


def badge(notebook: str) -> str:
    """Return the markdown of the "Open in Colab" badge for ``notebooks/<notebook>``."""
    return (
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        f"({colab_url(notebook)})"
    )
