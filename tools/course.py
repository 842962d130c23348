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

#: The notebooks whose Keras code runs on the JAX backend too (issue 23); the others are about
#: TensorFlow itself (tensors, GradientTape, tf.function) or need no backend, and run on TensorFlow.
KERAS_NOTEBOOKS = ("03", "04", "07", "08", "09")

#: The notebooks that need only NumPy (the quiz): their setup cell imports no TensorFlow.
NUMPY_NOTEBOOKS = ("11",)

_TITLE = "# @title Setup (run me first): helpers, TensorFlow, seeds, versions and device"
_KERAS_TITLE = "# @title Setup (run me first): helpers, Keras's backend, seeds, versions and device"
_ABOUT = """\
# In a checkout of the course, use its `helpers`; elsewhere (Colab, Kaggle) install them with pip
# at the release the stored outputs were made with. Then quiet TensorFlow, fix the seeds, make ops
# deterministic and float32 products full precision (no TF32 on GPUs), and print the versions and
# the device."""
_KERAS_ABOUT = """\
# In a checkout of the course, use its `helpers`; elsewhere (Colab, Kaggle) install them with pip
# at the release the stored outputs were made with. On a TPU runtime with JAX (Colab's have no
# TensorFlow; Kaggle's TPU image has a CPU-only one), Keras runs on JAX and trains on the TPU;
# elsewhere on TensorFlow. Then quiet TensorFlow, fix the seeds, make ops deterministic and float32
# products full precision (no TF32 on GPUs), and print the versions, the backend and the device."""
_FIND_HELPERS = f"""\
RELEASE = "{VERSION}"
root = pathlib.Path.cwd().parent  # the repository, when this runs in notebooks/ or student/
pyproject = root / "pyproject.toml"
packages = []
if pyproject.is_file() and 'name = "nn-course-helpers"' in pyproject.read_text():
    sys.path.insert(0, str(root))
elif RELEASE not in [d.version for d in importlib.metadata.distributions(name="nn-course-helpers")]:
    packages.append(f"git+https://github.com/{REPOSITORY}@v{{RELEASE}}")"""
_INSTALL = f"""\
    packages += [{", ".join(f'"{p}"' for p in CPU_TENSORFLOW)}]
if packages:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *packages], check=True)
# If this import fails, a file of yours named helpers.py hides the course's: rename yours."""

SETUP_CELL = f"""\
{_TITLE}
{_ABOUT}
import importlib.metadata
import importlib.util
import pathlib
import subprocess
import sys

{_FIND_HELPERS}
if importlib.util.find_spec("tensorflow") is None:
    print(
        "This runtime has no TensorFlow (Colab's TPU runtimes ship without it). The notebook "
        "installs the CPU TensorFlow of Colab's tested "
        "image (also tested by the course) and "
        "runs on the host CPU; for speed, choose a CPU or GPU runtime instead "
        "(Runtime > Change runtime type)."
    )
{_INSTALL}
from helpers import runtime  # noqa: E402

info = runtime.setup(seed=42)"""

#: The setup cell of the Keras notebooks (``KERAS_NOTEBOOKS``): where JAX is installed and either
#: TensorFlow is missing (Colab's TPU runtimes) or a TPU library is present (Kaggle's TPU image,
#: whose TensorFlow is CPU-only), Keras's backend is JAX, set before Keras is imported.
KERAS_SETUP_CELL = f"""\
{_KERAS_TITLE}
{_KERAS_ABOUT}
import importlib.metadata
import importlib.util
import os
import pathlib
import subprocess
import sys

{_FIND_HELPERS}
has_tensorflow = importlib.util.find_spec("tensorflow") is not None
if importlib.util.find_spec("jax") and (
    not has_tensorflow or importlib.util.find_spec("libtpu") is not None
):
    os.environ.setdefault("KERAS_BACKEND", "jax")  # before Keras is imported
if not has_tensorflow:
    print(
        "This runtime has no TensorFlow (Colab's TPU runtimes ship without it). "
        + (
            "Keras trains on the TPU through JAX here; the notebook installs CPU TensorFlow for "
            "the few cells about TensorFlow itself."
            if os.environ.get("KERAS_BACKEND") == "jax"
            else "The notebook installs the CPU TensorFlow of Colab's tested image and runs on "
            "the host CPU; for speed, choose a CPU or GPU runtime (Runtime > Change runtime type)."
        )
    )
{_INSTALL}
from helpers import runtime  # noqa: E402

info = runtime.setup(seed=42, backends=("tensorflow", "jax"))"""


#: The setup cell of the notebooks that need only NumPy (``NUMPY_NOTEBOOKS``): it finds or
#: installs the helpers like the others, and installs and imports no TensorFlow.
NUMPY_SETUP_CELL = f"""\
# @title Setup (run me first): helpers, seeds and versions
# In a checkout of the course, use its `helpers`; elsewhere (Colab, Kaggle) install them with pip
# at the release the stored outputs were made with. This notebook needs only NumPy: no
# TensorFlow, so it starts at once on any runtime. Then fix the seeds and print the versions.
import importlib.metadata
import pathlib
import subprocess
import sys

{_FIND_HELPERS}
if packages:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *packages], check=True)
# If this import fails, a file of yours named helpers.py hides the course's: rename yours.
from helpers import runtime  # noqa: E402

info = runtime.setup_numpy(seed=42)"""


def setup_cell(notebook: str) -> str:
    """Return the setup cell of ``notebook`` (a file name): the Keras one for ``KERAS_NOTEBOOKS``,
    the NumPy one for ``NUMPY_NOTEBOOKS``, else the TensorFlow one."""
    if notebook[:2] in NUMPY_NOTEBOOKS:
        return NUMPY_SETUP_CELL
    return KERAS_SETUP_CELL if notebook[:2] in KERAS_NOTEBOOKS else SETUP_CELL


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
