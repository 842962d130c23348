"""`make test-nbgrader`: nbgrader end to end for every notebook (generate, autograde the
solutions: full marks; a blank release: zero), as `make test` does for 11 (tests/test_nbgrader.py)
and, with a mixed submission instead of the blank one, for 04 (tests/test_nbgrader_end_to_end.py).
It executes the whole series twice, so it is outside `make test` (time budget) and runs only with
--nbgrader-all; the workflow's nbgrader job runs it. In `make test`, tests/test_nbgrader.py carries
the same argument statically for every notebook."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_nbgrader as nbgrader_tests

pytest.importorskip("nbgrader")


@pytest.mark.parametrize(
    "path", nbgrader_tests.NOTEBOOKS, ids=[p.name for p in nbgrader_tests.NOTEBOOKS]
)
def test_generate_and_autograde(path: Path, tmp_path: Path, request, record_property) -> None:
    if not request.config.getoption("--nbgrader-all"):
        pytest.skip("make test-nbgrader runs it (--nbgrader-all)")
    nbgrader_tests.autograde(path, tmp_path, record_property)
