"""Unit tests of tools/course.py: one repository, one ref, used by every badge and the setup cell."""

from __future__ import annotations

import pytest

from tools import course as colab


def test_badge_points_at_the_repository_and_ref() -> None:
    url = colab.colab_url("01_tensors.ipynb")
    assert (
        url
        == f"https://colab.research.google.com/github/{colab.REPOSITORY}/blob/{colab.REF}/notebooks/01_tensors.ipynb"
    )
    assert colab.badge("01_tensors.ipynb").endswith(f"({url})")


def test_setup_cell_installs_the_same_repository_and_ref() -> None:
    assert f"git+https://github.com/{colab.REPOSITORY}@{colab.REF}" in colab.SETUP_CELL
    assert "runtime.setup(seed=42)" in colab.SETUP_CELL
    compile(colab.SETUP_CELL, "<setup cell>", "exec")


@pytest.mark.parametrize("bad", ["01_tensors", "notebooks/01_tensors.ipynb"])
def test_bad_notebook_names(bad: str) -> None:
    with pytest.raises(ValueError, match="notebook file name"):
        colab.colab_url(bad)


def test_readme_names_the_same_repository() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text()
    repos = set(re.findall(r"github\.com/([\w.-]+/[\w.-]+)", readme))
    assert repos <= {colab.REPOSITORY}, (
        f"README names {repos}; tools/course.py says {colab.REPOSITORY}"
    )
