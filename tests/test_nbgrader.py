"""`make nbgrader`'s course works in nbgrader 0.9: generate every assignment, autograde the
instructor's solutions (full marks) and the released notebook handed in blank (zero)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools import make_nbgrader

pytest.importorskip("nbgrader")
from nbgrader.api import Gradebook  # noqa: E402

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _nbgrader(course: Path, *args: str) -> None:
    env = dict(os.environ)
    # nbgrader runs alembic from PATH; the kernels must import this checkout's helpers
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "[ERROR]" not in run.stderr, run.stderr[-3000:]


def test_metadata_follows_nbgrader_schema() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\na = 1\n### END SOLUTION"),
            nbformat.v4.new_code_cell('checks.check("99-a", a)'),
            nbformat.v4.new_code_cell("print(a)"),
        ]
    )
    out, points = make_nbgrader.nbgrader_version(nb, "t.ipynb")
    answer, check, other = (c.metadata.get("nbgrader") for c in out.cells)
    assert answer == {
        "grade": False,
        "grade_id": "99-a-answer",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    assert check["grade"] and check["locked"] and check["points"] == 1 == points
    assert check["grade_id"] == "99-a-check" and other is None


def test_a_solution_without_a_check_is_refused() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\na = 1\n### END SOLUTION"),
            nbformat.v4.new_code_cell("print(a == 1)"),
        ]
    )
    with pytest.raises(make_nbgrader.MarkerError, match="must be its check"):
        make_nbgrader.nbgrader_version(nb, "t.ipynb")


#: The notebooks this file autogrades; tests/test_nbgrader_rest.py takes the others, so that
#: pytest-xdist (`--dist loadfile`: one file per worker) runs the two halves side by side.
FIRST_HALF = ("01", "02", "03", "07", "08", "11")
HALF = [p for p in NOTEBOOKS if p.name[:2] in FIRST_HALF]


@pytest.mark.parametrize("path", HALF, ids=[p.name for p in HALF])
def test_generate_and_autograde(path: Path, tmp_path: Path, record_property) -> None:
    autograde(path, tmp_path, record_property)


def autograde(path: Path, tmp_path: Path, record_property) -> None:
    """Generate, submit the solutions and a blank copy, autograde: full marks and zero."""
    course = tmp_path / "course"
    assert make_nbgrader.main(["-o", str(course), str(path)]) == 0, (
        f"{path.name}: not an nbgrader assignment yet (old exercise style?)"
    )
    name = path.stem
    _nbgrader(course, "generate_assignment", name)
    released = course / "release" / name / path.name
    assert released.is_file()
    for student, source in [("solutions", course / "source"), ("blank", course / "release")]:
        target = course / "submitted" / student / name
        target.mkdir(parents=True)
        shutil.copy(source / name / path.name, target / path.name)
    _nbgrader(course, "autograde", name)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission(name, s).score for s in ("solutions", "blank")}
        max_score = gradebook.find_assignment(name).max_score
    line = f"{name}: solutions {scores['solutions']:g}/{max_score:g}, blank {scores['blank']:g}"
    record_property("nbgrader", line)  # printed at the end of the run (conftest.py)
    assert max_score > 0
    assert scores == {"solutions": max_score, "blank": 0}
