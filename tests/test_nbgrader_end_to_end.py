"""nbgrader end to end in `make test`, for two notebooks: generate the assignment, autograde the
instructor's solutions (full marks). 04 runs with its checks hidden from the release (`make
nbgrader HIDE_CHECKS=1`) and autogrades a mixed submission, which scores exactly its right answers
(one test cell per check); 11 is the quiz, the other check style (`quiz.check`, choice answers),
and also autogrades the release handed in blank (zero; for 04 and every other notebook
tests/test_nbgrader.py proves it without executing, and the mixed submission's wrong answers
score zero here). tests/test_nbgrader.py carries the argument
for every notebook without executing one; `make test-nbgrader` (tests/test_nbgrader_all.py)
autogrades every notebook like this. This file is among the first that pytest-xdist hands out
(conftest.py, LONGEST_FIRST): its two tests are long."""

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


def test_11_the_quiz_solutions_and_blank(tmp_path: Path, record_property) -> None:
    nbgrader_tests.autograde(ROOT / "notebooks" / "11_recap_quiz.ipynb", tmp_path, record_property)
