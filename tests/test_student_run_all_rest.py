"""The student notebooks tests/test_student_run_all.py does not run, in a file of their own so
that pytest-xdist (`--dist loadfile`: one file per worker) runs the two halves side by side."""

from __future__ import annotations

import pytest
import test_student_run_all as first


@pytest.mark.parametrize("name", [n for n in first.IDS if n[:2] not in first.FIRST_HALF])
def test_student_notebook_runs_to_the_end_without_an_error(name: str) -> None:
    first.run_all(name)
