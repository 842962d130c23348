"""nbgrader end to end in `make test` for 04: generate the assignment with its checks hidden from
the release (`make nbgrader HIDE_CHECKS=1`), autograde the instructor's solutions (full marks) and
a mixed submission, which scores exactly its right answers (one test cell per check). 11, the quiz,
is autograded in tests/test_nbgrader.py's course (solutions and a blank release); a blank release
scores zero in every notebook by tests/test_nbgrader.py's static proof. `make test-nbgrader`
(tests/test_nbgrader_all.py) autogrades every notebook. This file is among the first that
pytest-xdist hands out (conftest.py, LONG_FILES): its test is long."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_nbgrader as nbgrader_tests

pytest.importorskip("nbgrader")

ROOT = Path(__file__).parents[1]


def test_04_with_hidden_checks_solutions_and_a_mixed_submission(
    tmp_path: Path, record_property
) -> None:
    path = ROOT / "notebooks" / "04_loss_functions.ipynb"
    nbgrader_tests.autograde(
        path, tmp_path, record_property, nbgrader_tests.MIXED_04, hide_checks=True, blank=False
    )
