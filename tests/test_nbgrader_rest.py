"""The notebooks tests/test_nbgrader.py does not autograde, in a file of their own so that
pytest-xdist (`--dist loadfile`: one file per worker) runs the two halves side by side. 04 is
also autograded with its checks hidden and as a mixed submission (test_nbgrader.MIXED_04)."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_nbgrader as first

REST = [p for p in first.NOTEBOOKS if p.name[:2] not in first.FIRST_HALF]


@pytest.mark.parametrize("path", REST, ids=[p.name for p in REST])
def test_generate_and_autograde(path: Path, tmp_path: Path, record_property) -> None:
    if path.name.startswith("04_"):  # also hidden checks and a mixed submission
        first.autograde(path, tmp_path, record_property, first.MIXED_04, hide_checks=True)
    else:
        first.autograde(path, tmp_path, record_property)
