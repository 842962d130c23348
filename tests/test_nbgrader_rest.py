"""The notebooks tests/test_nbgrader.py does not autograde, in a file of their own so that
pytest-xdist (`--dist loadfile`: one file per worker) runs the two halves side by side."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_nbgrader as first

REST = [p for p in first.NOTEBOOKS if p.name[:2] not in first.FIRST_HALF]


@pytest.mark.parametrize("path", REST, ids=[p.name for p in REST])
def test_generate_and_autograde(path: Path, tmp_path: Path, record_property) -> None:
    first.autograde(path, tmp_path, record_property)
