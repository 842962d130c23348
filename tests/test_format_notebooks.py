"""Unit tests of tools/format_notebooks.py: the one way a notebook is stored."""

from __future__ import annotations

import nbformat
import pytest

from tools import course, notebook_info
from tools import format_notebooks as fmt


@pytest.fixture(autouse=True)
def _notebook_99(monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts for the made-up notebook 99 (tools/notebook_info.py has the real ones)."""
    monkeypatch.setitem(
        notebook_info.NOTEBOOKS,
        "99",
        notebook_info.NotebookInfo(40, False, (("tensors", "01"), ("Python", "any tutorial"))),
    )


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "jupytext": {"cell_metadata_filter": "-all"},
        "language_info": {"version": "3.9"},
    }
    header = nbformat.v4.new_markdown_cell("# 99. Title\n\n**Run time:** about 1 s,\nsomething.")
    setup = nbformat.v4.new_code_cell("old setup")
    body = nbformat.v4.new_code_cell("x = 1")
    body.metadata = {
        "execution": {"iopub.execute_input": "2026-01-01T00:00:00Z"},
        "tags": ["nbval-ignore-output"],
        "lines_to_next_cell": 2,
        "collapsed": False,
    }
    nb.cells = [header, setup, body]
    return nb


def test_format_writes_badge_setup_run_time_and_allowed_metadata_only() -> None:
    nb = _notebook()
    changes = fmt.format_notebook(nb, "99_title.ipynb", 23.6)
    assert {"header", "setup cell", "cell metadata", "notebook metadata"} <= set(changes)
    header, setup, body = nb.cells
    assert header.source.startswith(course.badges("99_title.ipynb"))
    assert "**Run time:** about 25 s on a 2-core laptop CPU." in header.source
    assert "something" not in header.source
    assert header.source.endswith(notebook_info.first_screen("99_title.ipynb", "about 25 s"))
    assert "**Study time:** about 40 min" in header.source
    assert "**Assumes:** tensors (notebook 01); Python (any tutorial)." in header.source
    assert setup.source == course.SETUP_CELL
    assert setup.metadata["jupyter"] == {"source_hidden": True}
    assert setup.metadata["cellView"] == "form"
    assert {"setup", "nbval-ignore-output"} <= set(setup.metadata["tags"])
    assert body.metadata == {"tags": ["nbval-ignore-output"]}
    assert nb.metadata == {"kernelspec": fmt.KERNELSPEC, "language_info": fmt.LANGUAGE_INFO}
    assert "version" not in nb.metadata["language_info"]
    nbformat.validate(nb)


def test_format_is_idempotent() -> None:
    nb = _notebook()
    fmt.format_notebook(nb, "99_title.ipynb", 9.0)
    assert fmt.format_notebook(nb, "99_title.ipynb", 9.0) == []


@pytest.mark.parametrize(
    ("seconds", "text"), [(1.0, "about 5 s"), (9.2, "about 10 s"), (44.0, "about 45 s")]
)
def test_run_time_is_rounded_to_five_seconds(seconds: float, text: str) -> None:
    assert fmt.run_time_text(seconds) == text


def test_a_header_without_run_time_is_refused() -> None:
    nb = _notebook()
    nb.cells[0].source = "# 99. Title"
    with pytest.raises(SystemExit, match="Run time"):
        fmt.format_notebook(nb, "99_title.ipynb", 5.0)


def test_first_screen_replaces_its_own_paragraphs_only() -> None:
    nb = _notebook()
    nb.cells[0].source = (
        "# 99. Title\n\nWhat you will learn.\n\n**Study time:** about 5 min.\n\n"
        "**Run time:** about 1 s.\n\n**Assumes:** old.\n\n**How the exercises work:**\n1. old\n\n"
        "A closing paragraph."
    )
    fmt.format_notebook(nb, "99_title.ipynb", 12.0)
    paragraphs = nb.cells[0].source.split("\n\n")
    assert paragraphs[1:3] == ["# 99. Title", "What you will learn."]
    assert paragraphs[-1] == "A closing paragraph."
    assert "old" not in nb.cells[0].source and "about 5 min" not in nb.cells[0].source
    assert nb.cells[0].source.count("**Run time:** about 10 s") == 1
    # without a measured time, the header's own run time is kept
    fmt.format_notebook(nb, "99_title.ipynb", None)
    assert "**Run time:** about 10 s" in nb.cells[0].source


def test_every_notebook_has_its_facts_and_three_exercise_lines() -> None:
    from pathlib import Path

    for path in sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb")):
        facts = notebook_info.info(path.name)
        assert 20 <= facts.study_minutes <= 120 and facts.assumes, path.name
        for _, where in facts.assumes:
            numbers = [w for w in where.replace("–", " ").split() if w.isdigit()]
            if where[:2].isdigit():  # taught in an earlier notebook (not a pointer ahead)
                assert all(n < path.name[:2] for n in numbers), f"{path.name}: {where}"
    assert [n for n, f in notebook_info.NOTEBOOKS.items() if f.measured] == ["02", "04", "06"]
    assert len(notebook_info.EXERCISES.split("\n")) == 4  # a title and three lines
