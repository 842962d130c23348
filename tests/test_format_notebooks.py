"""Unit tests of tools/format_notebooks.py: the one way a notebook is stored."""

from __future__ import annotations

import nbformat
import pytest

from tools import course
from tools import format_notebooks as fmt


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
