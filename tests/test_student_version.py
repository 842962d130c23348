"""The student version: valid notebooks, no solution left, stops at the first exercise, clear refusals."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_student_version as msv  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PLANTED = "PLANTED_SOLUTION_MARKER_7f3a"


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_student_version_is_valid_and_keeps_no_solution(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    planted = _plant(nb)
    student, solutions = msv.student_version(nb, path.name)
    nbformat.validate(student)
    text = nbformat.writes(student)
    assert solutions == planted >= 1
    assert PLANTED not in text and msv.BEGIN not in text and msv.END not in text
    assert text.count("raise NotImplementedError()") >= solutions
    assert len(student.cells) == len(nb.cells)
    # the instructor notebook is left as it was
    assert PLANTED in nbformat.writes(nb)


def test_outputs_of_solution_and_check_cells_are_cleared() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "x = 1",
                outputs=[nbformat.v4.new_output("stream", text="kept\n")],
                execution_count=1,
            ),
            nbformat.v4.new_code_cell(
                "### BEGIN SOLUTION\nanswer = 2\n### END SOLUTION",
                execution_count=2,
                outputs=[nbformat.v4.new_output("stream", text="solution output\n")],
            ),
            nbformat.v4.new_markdown_cell("prose"),
            nbformat.v4.new_code_cell(
                "check(answer)",
                outputs=[nbformat.v4.new_output("stream", text="correct\n")],
                execution_count=3,
            ),
            nbformat.v4.new_code_cell(
                "y = 2",
                outputs=[nbformat.v4.new_output("stream", text="kept\n")],
                execution_count=4,
            ),
            nbformat.v4.new_code_cell(
                "print(score)",
                outputs=[nbformat.v4.new_output("stream", text="score 1/1\n")],
                execution_count=5,
                metadata={"tags": [msv.CLEAR_TAG]},
            ),
        ]
    )
    student, _ = msv.student_version(nb, "t.ipynb")
    assert student.cells[0].outputs and student.cells[0].execution_count == 1
    assert student.cells[1].source == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert (
        student.cells[1].outputs == []
        and student.cells[3].outputs == []
        and student.cells[3].execution_count is None
    )
    assert student.cells[4].outputs and student.cells[5].outputs == []


def test_indentation_is_kept() -> None:
    source = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
    assert (
        msv.strip_solution(source, "c")
        == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
    )


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


def test_command_writes_the_build_folder_and_refuses_bad_notebooks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "99_bad.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION")]), bad
    )
    assert msv.main(["-o", str(tmp_path / "out"), str(bad)]) == 1
    assert "refused: 99_bad.ipynb, cell 0" in capsys.readouterr().err
    good = NOTEBOOKS[0]
    assert msv.main(["-o", str(tmp_path / "out"), str(good)]) == 0
    assert (tmp_path / "out" / good.name).is_file()


def test_student_notebook_stops_at_the_first_exercise_and_not_before(tmp_path: Path) -> None:
    path = ROOT / "notebooks" / "01_tensors.ipynb"
    student, _ = msv.student_version(nbformat.read(path, as_version=4), path.name)
    first = next(
        i for i, c in enumerate(student.cells) if "raise NotImplementedError()" in c.source
    )
    client = NotebookClient(
        student,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with pytest.raises(CellExecutionError) as err:
        client.execute()
    assert "NotImplementedError" in str(err.value)
    errors = [
        i
        for i, c in enumerate(student.cells)
        if c.cell_type == "code"
        and any(o.output_type == "error" for o in c.outputs)
        and "raises-exception" not in c.metadata.get("tags", [])
    ]
    assert errors == [first]
