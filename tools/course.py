"""The one place that names the repository: the badges and the setup cell of every notebook.

``REPOSITORY`` is the GitHub repository (a fork changes this one line, then runs ``make format``).
``REF`` is the release tag, ``v`` + the version in ``pyproject.toml``: the badges open the student
notebooks at that tag and the setup cell installs ``helpers`` at that tag, so Colab and Kaggle get
the helpers the stored outputs were made with. ``make release VERSION=X.Y.Z`` (tools/release.py)
bumps it and rewrites every notebook; ``make lint`` (part of ``make test``) checks they match.

The course site imports ``badges``, ``colab_url`` and ``kaggle_url`` from here.
"""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = "nn-teaching/mlp-keras-series"

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
VERSION_RE = re.compile(r'^version = "([^"]+)"$', re.M)


def _version() -> str:
    match = VERSION_RE.search(PYPROJECT.read_text())
    if match is None:
        raise RuntimeError(f"{PYPROJECT} has no 'version = \"X.Y.Z\"' line.")
    return match.group(1)


#: The course's version (``pyproject.toml``); ``REF``, its tag, is the release the notebooks name.
VERSION = _version()
REF = f"v{VERSION}"

SETUP_TAG = "setup"

#: The folder of the student notebooks (exercises unanswered), which badges open.
STUDENT_DIR = "student"

#: What the setup cell installs where TensorFlow is missing (Colab's TPU runtimes): the versions of
#: Colab's image that `make test-colab` tests (requirements-colab.txt; a test keeps them equal).
CPU_TENSORFLOW = ("tensorflow==2.20.0", "keras==3.13.2")

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
KAGGLE_BADGE = "https://kaggle.com/static/images/open-in-kaggle.svg"

SETUP_CELL = f"""\
# @title Setup (run me first): helpers, TensorFlow, seeds, versions and device
# In a checkout of the course, use its `helpers`; elsewhere (Colab, Kaggle) install them with pip
# at the release the stored outputs were made with. Then quiet TensorFlow, fix the seeds, make ops
# deterministic and float32 products full precision (no TF32 on GPUs), and print the versions and
# the device.
import importlib.metadata
import importlib.util
import pathlib
import subprocess
import sys

RELEASE = "{VERSION}"
root = pathlib.Path.cwd().parent  # the repository, when this runs in notebooks/ or student/
pyproject = root / "pyproject.toml"
packages = []
if pyproject.is_file() and 'name = "nn-course-helpers"' in pyproject.read_text():
    sys.path.insert(0, str(root))
elif RELEASE not in [d.version for d in importlib.metadata.distributions(name="nn-course-helpers")]:
    packages.append(f"git+https://github.com/{REPOSITORY}@v{{RELEASE}}")
if importlib.util.find_spec("tensorflow") is None:
    print(
        "This runtime has no TensorFlow: Colab's TPU runtimes ship without it, because TensorFlow "
        "does not run on their TPUs. The notebook installs the CPU TensorFlow of Colab's tested "
        "image (also tested by the course) and "
        "runs on the host CPU; for speed, choose a CPU or GPU runtime instead "
        "(Runtime > Change runtime type)."
    )
    packages += [{", ".join(f'"{p}"' for p in CPU_TENSORFLOW)}]
if packages:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *packages], check=True)
# If this import fails, a file of yours named helpers.py hides the course's: rename yours.
from helpers import runtime  # noqa: E402

info = runtime.setup(seed=42)"""


def _student_path(notebook: str) -> str:
    if not notebook.endswith(".ipynb") or "/" in notebook:
        raise ValueError(f"give a notebook file name such as '01_tensors.ipynb', got {notebook!r}.")
    return f"{REPOSITORY}/blob/{REF}/{STUDENT_DIR}/{notebook}"


def colab_url(notebook: str) -> str:
    """Return the Colab address of the student copy ``student/<notebook>`` at ``REF``."""
    return f"https://colab.research.google.com/github/{_student_path(notebook)}"


def kaggle_url(notebook: str) -> str:
    """Return the Kaggle address that imports the student copy ``student/<notebook>`` at ``REF``."""
    return f"https://kaggle.com/kernels/welcome?src=https://github.com/{_student_path(notebook)}"


def site_url(notebook: str | None = None) -> str:
    """Return the course site's address on GitHub Pages (the workflow's ``site`` job publishes it),
    or the page of ``notebook`` there."""
    owner, name = REPOSITORY.split("/")
    base = f"https://{owner.lower()}.github.io/{name}/"
    if notebook is None:
        return base
    if not notebook.endswith(".ipynb") or "/" in notebook:
        raise ValueError(f"give a notebook file name such as '01_tensors.ipynb', got {notebook!r}.")
    return base + notebook.removesuffix(".ipynb") + ".html"


def badges(notebook: str) -> str:
    """Return the badge line of a notebook's header: "Open in Colab" and "Open in Kaggle"."""
    return (
        f"[![Open In Colab]({COLAB_BADGE})]({colab_url(notebook)}) "
        f"[![Open In Kaggle]({KAGGLE_BADGE})]({kaggle_url(notebook)})"
    )
