"""Static checks of every stored notebook: shape, setup cell, badge, stored outputs, exercises.

These read the .ipynb files only; the nbval run re-executes them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools import course

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.metadata.get("tags", []))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_valid_and_named(path: Path) -> None:
    nbformat.validate(_read(path))
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), "name notebooks NN_snake_case.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_header_has_badge_title_topics_and_run_time(path: Path) -> None:
    header = _read(path).cells[0]
    assert header.cell_type == "markdown"
    assert header.source.splitlines()[0] == course.badges(path.name), "run make format"
    number = path.name[:2]
    assert re.search(rf"^# {number}\. \S", header.source, re.M), (
        f"header needs a '# {number}. Title' line"
    )
    assert "Lecture topics" in header.source and "Run time" in header.source
    # the first screen (tools/notebook_info.py, written by `make format`)
    for field in ("**Study time:**", "**Assumes:**", "**How the exercises work:**"):
        assert field in header.source, f"{path.name}: the header has no {field} (run make format)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_setup_cell_is_the_standard_one(path: Path) -> None:
    setup = next(c for c in _read(path).cells if c.cell_type == "code")
    assert setup.source == course.setup_cell(path.name), "run make format"
    assert {"setup", "nbval-ignore-output"} <= set(_tags(setup))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_outputs_stored_by_one_top_to_bottom_run(path: Path) -> None:
    code = [c for c in _read(path).cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        "execute with `jupyter nbconvert --execute --inplace`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_log_lines_or_paths_in_stored_outputs(path: Path) -> None:
    for i, cell in enumerate(c for c in _read(path).cells if c.cell_type == "code"):
        for out in cell.outputs:
            text = out.get("text", "") if out.output_type == "stream" else ""
            assert not re.search(r"^[IWE]0000 |cuda_|oneDNN|site-packages", text, re.M), (
                f"code cell {i}: {text[:200]}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_ignored_outputs_still_assert_and_raising_cells_raise(path: Path) -> None:
    for cell in _read(path).cells:
        if cell.cell_type != "code":
            continue
        tags = _tags(cell)
        if "nbval-ignore-output" in tags and "setup" not in tags:
            assert re.search(r"\bassert\b|np\.testing\.assert", cell.source), (
                f"a cell whose output is ignored must assert its claim:\n{cell.source[:300]}"
            )
        if "raises-exception" in tags:
            assert any(o.output_type == "error" for o in cell.outputs), (
                f"tagged to raise but did not:\n{cell.source}"
            )
        else:
            assert not any(o.output_type == "error" for o in cell.outputs), (
                f"unexpected error:\n{cell.source}"
            )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] <= "10"], ids=lambda p: p.name)
def test_at_least_three_checked_exercises(path: Path) -> None:
    cells = _read(path).cells
    exercises = 0
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
            assert cell.source.count("### BEGIN SOLUTION") == cell.source.count("### END SOLUTION")
            following = [c for c in cells[i + 1 :] if c.cell_type == "code"][:1]
            assert following and "checks.check" in following[0].source, (
                f"the cell after a solution must check it:\n{cell.source[:200]}"
            )
            stored = "".join(
                o.get("text", "") + o.get("data", {}).get("text/plain", "")
                for o in following[0].outputs
            )
            assert "correct" in stored and "not yet" not in stored, (
                f"the stored check must pass:\n{stored}"
            )
            exercises += 1
    assert exercises >= 3, f"{path.name} has {exercises} exercises; at least 3 needed"


def test_formatter_finds_nothing_to_change() -> None:
    import subprocess
    import sys

    tool = Path(__file__).parents[1] / "tools" / "format_notebooks.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_control_characters_in_markdown(path: Path) -> None:
    """A backslash eaten by a Python string ("\\approx" written as "\\a" + "pprox") breaks the math."""
    nb = nbformat.read(path, as_version=4)
    bad = [
        (i, repr(c.source[max(0, m.start() - 20) : m.end() + 10]))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown"
        for m in re.finditer(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]", c.source)
    ]
    assert not bad, f"{path.name}: control characters in markdown (cell, context): {bad}"
