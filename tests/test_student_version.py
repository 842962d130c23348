"""The student notebooks: placeholders instead of solutions, solutions in a collapsed section at
the end, the notebook's own asserts stripped, student/ in sync with the generator (a lockfile).
Run All: test_student_run_all.py; what a student sees (rules per cell): test_student_view.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_student_version as msv  # noqa: E402

from tools.course import STUDENT_DIR  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]
PLANTED = "PLANTED_SOLUTION_MARKER_7f3a"
#: The exercise API before issue 12: expected values or plain digests in the check cell.
OLD_API = re.compile(r"\bchecks\.(check_value|check_shape|check_choice|check_digest|grade_\w+)\(")


def _plant(nb: nbformat.NotebookNode) -> int:
    """Put a marker line inside every solution region; return how many were planted."""
    planted = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and msv.BEGIN in cell.source:
            lines = cell.source.splitlines()
            for i, line in enumerate(lines):
                if line.strip() == msv.BEGIN:
                    indent = line[: len(line) - len(line.lstrip())]
                    lines.insert(i + 1, f"{indent}# {PLANTED}")
                    planted += 1
            cell.source = "\n".join(lines)
    return planted


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_version_is_valid_and_shows_no_solution_before_the_end(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    planted = _plant(nb)
    student, solutions = msv.student_version(nb, path.name)
    nbformat.validate(student)
    assert solutions >= 1 and planted >= solutions
    body = nbformat.writes(nbformat.v4.new_notebook(cells=student.cells[:-1]))
    assert PLANTED not in body and msv.BEGIN not in body and msv.END not in body
    last = student.cells[-1]
    assert last.id == msv.SOLUTIONS_ID and last.source.count("<details>") == planted
    dropped = len(nb.cells) + 1 - len(student.cells)  # cells of nothing but the notebook's checks
    assert (
        0
        <= dropped
        <= sum(
            c.cell_type == "code"
            and "assert" in c.source
            and msv.KEEP_ASSERTS_TAG not in c.metadata.get("tags", [])
            for c in nb.cells
        )
    )
    assert PLANTED in nbformat.writes(nb)  # the instructor notebook is left as it was


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_folder_is_what_the_generator_makes(path: Path, tmp_path: Path) -> None:
    """Like a lockfile: run `make student` (or `make notebooks`) after changing a notebook."""
    assert msv.main(["-o", str(tmp_path), str(path)]) == 0
    committed = ROOT / STUDENT_DIR / path.name
    assert committed.is_file(), f"{committed} is missing: run `make student`"
    assert committed.read_text() == (tmp_path / path.name).read_text(), (
        f"{STUDENT_DIR}/{path.name} is out of date: run `make student`"
    )


def test_no_student_notebook_without_its_source() -> None:
    names = {p.name for p in (ROOT / STUDENT_DIR).glob("*.ipynb")}
    assert names == set(IDS), "student/ must hold exactly the notebooks of notebooks/"


def test_placeholders_from_what_the_solution_assigns() -> None:
    cells = [
        "x = 1",
        "### BEGIN SOLUTION\ntmp = x * 2\nbce_ex = -tmp\n### END SOLUTION",
        'checks.check("04-bce", bce_ex)',
        "### BEGIN SOLUTION\ndef forward(x, w, b=0.0):\n    return x @ w + b\n### END SOLUTION",
        'checks.check("04-fwd", forward)',
        "with tape:\n    ### BEGIN SOLUTION\n    g = 2 * x\n    ### END SOLUTION\nprint(g)",
        "### BEGIN SOLUTION\nprint(x)\n### END SOLUTION",
    ]
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("### Exercise 1: a title")]
        + [nbformat.v4.new_code_cell(c) for c in cells]
    )
    student, replaced = msv.student_version(nb, "t.ipynb")
    sources = [c.source for c in student.cells]
    assert replaced == 4
    assert sources[2] == "bce_ex = ...  # YOUR CODE HERE"
    assert sources[4] == "def forward(x, w, b=0.0):\n    # YOUR CODE HERE\n    ..."
    assert sources[6] == "with tape:\n    g = ...  # YOUR CODE HERE\nprint(g)"
    assert sources[7] == "...  # YOUR CODE HERE"
    solutions = sources[-1]
    assert "<details><summary>Exercise 1: a title</summary>" in solutions
    assert "bce_ex = -tmp" in solutions and "return x @ w + b" in solutions


def test_outputs_of_answer_check_and_tagged_cells_are_cleared() -> None:
    def out(text: str) -> list:
        return [nbformat.v4.new_output("stream", text=text)]

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1", outputs=out("kept\n"), execution_count=1),
            nbformat.v4.new_code_cell(
                "### BEGIN SOLUTION\nanswer = 2\n### END SOLUTION",
                outputs=out("solution output\n"),
                execution_count=2,
            ),
            nbformat.v4.new_markdown_cell("prose"),
            nbformat.v4.new_code_cell(
                'checks.check("99-a", answer)', outputs=out("99-a: correct.\n"), execution_count=3
            ),
            nbformat.v4.new_code_cell("y = 2", outputs=out("kept\n"), execution_count=4),
            nbformat.v4.new_code_cell(
                "quiz.score()",
                outputs=out("score 1/1\n"),
                execution_count=5,
                metadata={"tags": [msv.CLEAR_TAG]},
            ),
        ]
    )
    student, _ = msv.student_version(nb, "t.ipynb")
    assert student.cells[0].outputs and student.cells[0].execution_count == 1
    assert student.cells[1].outputs == [] and student.cells[3].outputs == []
    assert student.cells[3].execution_count is None
    assert student.cells[4].outputs and student.cells[5].outputs == []


def test_cells_between_an_answer_and_its_check_are_cleared() -> None:
    def out(text: str) -> list:
        return [nbformat.v4.new_output("stream", text=text)]

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "### BEGIN SOLUTION\nanswer = 2\n### END SOLUTION", outputs=out("2\n")
            ),
            nbformat.v4.new_code_cell("print(answer * 3)", outputs=out("6\n")),
            nbformat.v4.new_markdown_cell("Now check it:"),
            nbformat.v4.new_code_cell('checks.check("99-a", answer)', outputs=out("correct\n")),
            nbformat.v4.new_code_cell("print(7)", outputs=out("7\n")),
        ]
    )
    student, _ = msv.student_version(nb, "t.ipynb")
    assert [bool(c.get("outputs")) for c in student.cells[:5]] == [False] * 4 + [True]


ASSERTS = [
    ("x = 1\nassert x == 1\nprint(x)", "x = 1\nprint(x)"),
    ("x = 1\n# the claim\nassert (\n    x == 1\n), 'why'\n\nprint(x)", "x = 1\n\nprint(x)"),
    ("if a:\n    assert a\nelse:\n    y = 2", "if a:\n    pass\nelse:\n    y = 2"),
    ("if a:\n    y = 1\nelse:\n    assert b", "if a:\n    y = 1"),
    ("if a:\n    y = 1\nelif z:\n    assert b\nelse:\n    assert c", "if a:\n    y = 1"),
    ("for i in range(3):\n    assert i < 3\nprint(1)", "print(1)"),
    ("with ctx:\n    y = f()\n    assert y\nprint(y)", "with ctx:\n    y = f()\nprint(y)"),
    ("for a in b:\n    y = a\nelse:\n    assert y\nprint(y)", "for a in b:\n    y = a\nprint(y)"),
    (
        "try:\n    y = 1\nexcept E:\n    z = 1\nfinally:\n    assert y",
        "try:\n    y = 1\nexcept E:\n    z = 1",
    ),
    ("x = 1\n\nassert x\n\ny = 2", "x = 1\n\ny = 2"),
    ("x = 1\nassert x\n\n\ndef f():\n    return 1", "x = 1\n\n\ndef f():\n    return 1"),
    # kept: inside a function, a walrus the code reads later, a line shared with other code
    ("def f():\n    assert x\n    return 1", None),
    ("assert (n := 3) > 2\nprint(n)", None),
    ("x = 1; assert x", None),
    ("if x: assert a\ny = 2", None),
    ("%timeit f()\nassert a", None),  # not Python (a magic): left as it is
]


@pytest.mark.parametrize(("source", "expected"), ASSERTS)
def test_asserts_are_stripped_and_the_code_still_parses(source: str, expected: str | None) -> None:
    stripped = msv.strip_asserts(source)
    assert stripped == (source if expected is None else expected)


def test_a_cell_of_asserts_is_dropped_unless_tagged_keep_asserts() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = (2, 3)"),
            nbformat.v4.new_code_cell("# the claim\nassert x == (2, 3)"),
            nbformat.v4.new_code_cell(
                "assert x[0] == 2  # the shape the text discusses",
                metadata={"tags": [msv.KEEP_ASSERTS_TAG]},
            ),
            nbformat.v4.new_code_cell("y = x\nassert y"),
            nbformat.v4.new_code_cell(""),
        ]
    )
    student, _ = msv.student_version(nb, "t.ipynb")
    assert [c.source for c in student.cells] == [
        "x = (2, 3)",
        "assert x[0] == 2  # the shape the text discusses",
        "y = x",
        "",
    ]
    assert nb.cells[1].source.endswith("assert x == (2, 3)")  # the instructor copy keeps them


@pytest.mark.parametrize(
    "source, message",
    [
        ("### BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n### END SOLUTION", "without a"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n### END SOLUTION", "nested"),
    ],
)
def test_refuses_bad_markers_naming_the_cell(source: str, message: str) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("ok = 1"), nbformat.v4.new_code_cell(source)]
    )
    with pytest.raises(msv.MarkerError, match=rf"bad.ipynb, cell 1.*{message}"):
        msv.student_version(nb, "bad.ipynb")


def test_command_refuses_bad_notebooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "99_bad.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION")]), bad
    )
    assert msv.main(["-o", str(tmp_path / "out"), str(bad)]) == 1
    assert "refused: 99_bad.ipynb, cell 0" in capsys.readouterr().err


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercises_use_the_checks_api(path: Path) -> None:
    """A check cell holds `checks.check("NN-name", answer)` calls, never an expected value."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    old = sorted(set(OLD_API.findall(source)))
    assert not old, f"{path.name} still uses the old exercise style: {old}"
