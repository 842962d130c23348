"""The release step (`make release VERSION=...`, tools/release.py): bump the version, and every badge
and setup cell names the new tag."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools import course, release

ROOT = Path(__file__).parents[1]


def test_bump_sets_the_one_version_line() -> None:
    text = '[project]\nname = "nn-course-helpers"\nversion = "0.1.0"\n'
    assert release.bump(text, "1.2.0") == text.replace("0.1.0", "1.2.0")


@pytest.mark.parametrize("bad", ["v1.2.0", "1.2", "1.2.0rc1", ""])
def test_bump_refuses_what_is_not_a_release_version(bad: str) -> None:
    with pytest.raises(ValueError, match="version such as"):
        release.bump('version = "0.1.0"\n', bad)


def test_bump_refuses_the_current_version() -> None:
    with pytest.raises(ValueError, match="already"):
        release.bump('version = "0.1.0"\n', "0.1.0")


def test_release_rewrites_every_badge_and_setup_cell(tmp_path: Path) -> None:
    """Run the release step on a copy of the repository's files and read the notebooks back."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("tools", "notebooks"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    new = "99.0.0"
    result = subprocess.run(
        [sys.executable, str(tmp_path / "tools" / "release.py"), new],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"git tag v{new}" in result.stdout
    assert f'version = "{new}"' in (tmp_path / "pyproject.toml").read_text()
    for path in sorted((tmp_path / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        badges = nb.cells[0].source.splitlines()[0]
        setup = next(c for c in nb.cells if c.cell_type == "code").source
        assert badges == course.badges(path.name).replace(f"/{course.REF}/", f"/v{new}/")
        assert f'RELEASE = "{new}"' in setup
    check = subprocess.run(
        [sys.executable, str(tmp_path / "tools" / "format_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr
