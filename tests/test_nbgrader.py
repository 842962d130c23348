"""`make nbgrader`'s course works in nbgrader 0.9: generate every assignment, autograde the
instructor's solutions (full marks) and the released notebook handed in blank (zero). 04 runs with
its checks hidden from the release (`make nbgrader HIDE_CHECKS=1`) and also autogrades a mixed
submission, which scores exactly its right answers (one test cell per check)."""

from __future__ import annotations

import os
import re
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


def test_a_cell_with_several_checks_becomes_one_test_cell_per_check() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\na, b = 1, 2\n### END SOLUTION"),
            nbformat.v4.new_code_cell(
                'checks.check("99-a", a)\n# the second answer\nchecks.check("99-b", b)\n',
                id="c1",
            ),
            nbformat.v4.new_code_cell("print(a)"),
        ]
    )
    out, points = make_nbgrader.nbgrader_version(nb, "t.ipynb")
    nbformat.validate(out)
    assert [c.source for c in out.cells[1:]] == [
        'checks.check("99-a", a)',
        '# the second answer\nchecks.check("99-b", b)',
        "print(a)",
    ]
    meta = [c.metadata.get("nbgrader", {}) for c in out.cells]
    assert [m.get("grade_id") for m in meta] == [
        "99-a_99-b-answer",
        "99-a-check",
        "99-b-check",
        None,
    ]
    assert [m.get("points") for m in meta[1:3]] == [1, 1] and points == 2
    assert [c.id for c in out.cells[1:3]] == ["c1", "c1-1"]
    assert nb.cells[1].source.count("check(") == 2, "the notebook passed in is not changed"


#: 04's mixed submission (issue 21): per question, a line appended to its answer cell (``{name}``
#: is the name its check reads). 04-bce-one, 04-mae-or-mse, 04-mae and the two constants stay
#: right; a fair grade counts them: 5 of 8.
MIXED_04 = {
    "04-sparse-cce": "{name} = 1.0  # a slip",
    "04-bce-from-logits": "def {name}(z, y):\n    raise ValueError('a bug')",
    "04-mse": "{name} = 7.0  # a slip",
}


def mixed_submission(source: Path, target: Path, slips: dict[str, str]) -> None:
    """The instructor's solution with a slip appended to the answer cell of each question in
    ``slips`` (found through the check cell's grade_id and the name it checks)."""
    nb = nbformat.read(source, as_version=4)
    for qid, slip in slips.items():
        index = next(
            i
            for i, c in enumerate(nb.cells)
            if c.metadata.get("nbgrader", {}).get("grade_id") == f"{qid}-check"
        )
        name = re.search(rf"""check\(\s*["']{qid}["']\s*,\s*(\w+)""", nb.cells[index].source)[1]
        answer = next(
            c for c in reversed(nb.cells[:index]) if c.metadata.get("nbgrader", {}).get("solution")
        )
        answer.source += "\n" + slip.format(name=name)
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)


#: The notebooks this file autogrades; tests/test_nbgrader_rest.py takes the others, so that
#: pytest-xdist (`--dist loadfile`: one file per worker) runs the two halves side by side.
FIRST_HALF = ("01", "02", "03", "07", "08", "11")
HALF = [p for p in NOTEBOOKS if p.name[:2] in FIRST_HALF]


@pytest.mark.parametrize("path", HALF, ids=[p.name for p in HALF])
def test_generate_and_autograde(path: Path, tmp_path: Path, record_property) -> None:
    autograde(path, tmp_path, record_property)


def autograde(
    path: Path,
    tmp_path: Path,
    record_property,
    slips: dict[str, str] | None = None,
    hide_checks: bool = False,
) -> None:
    """Generate, submit the solutions and a blank copy, autograde: full marks and zero. With
    ``slips``, also a submission with those questions wrong: it loses exactly their points."""
    course = tmp_path / "course"
    hide = ["--hide-checks"] if hide_checks else []
    assert make_nbgrader.main(["-o", str(course), *hide, str(path)]) == 0, (
        f"{path.name}: not an nbgrader assignment yet (old exercise style?)"
    )
    name = path.stem
    _nbgrader(course, "generate_assignment", name)
    released = course / "release" / name / path.name
    release = nbformat.read(released, as_version=4)
    assert not [c for c in release.cells if c.get("outputs")], "the release shows outputs"
    assert "BEGIN SOLUTION" not in released.read_text()
    if hide_checks:
        assert "check(" not in released.read_text(), "a hidden check is in the release"
    for student, source in [("solutions", course / "source"), ("blank", course / "release")]:
        target = course / "submitted" / student / name
        target.mkdir(parents=True)
        shutil.copy(source / name / path.name, target / path.name)
    if slips:
        source = course / "source" / name / path.name
        mixed_submission(source, course / "submitted" / "mixed" / name / path.name, slips)
    _nbgrader(course, "autograde", name)
    students = ("solutions", "blank", "mixed") if slips else ("solutions", "blank")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission(name, s).score for s in students}
        max_score = gradebook.find_assignment(name).max_score
        lost = set()
        if slips:
            submission = gradebook.find_submission_notebook(path.stem, name, "mixed")
            lost = {g.name for g in submission.grades if g.score < g.max_score}
    line = f"{name}: solutions {scores['solutions']:g}/{max_score:g}, blank {scores['blank']:g}"
    if slips:
        line += f", mixed {scores.pop('mixed'):g} (right answers: {max_score - len(slips):g})"
    record_property("nbgrader", line)  # printed at the end of the run (conftest.py)
    assert max_score > 0
    assert scores == {"solutions": max_score, "blank": 0}
    if slips:
        assert lost == {f"{qid}-check" for qid in slips}, line
        assert f"mixed {max_score - sum(make_nbgrader._points(q) for q in slips):g} " in line
