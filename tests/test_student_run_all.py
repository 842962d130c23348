"""Run All on every committed student notebook goes to the end: no error output (cells tagged
raises-exception aside), and no check says "correct" (nothing is answered). Each kernel runs
TensorFlow with one thread (kernel_env.ONE_THREAD) and its default oneDNN kernels: the numerics of
a one-core machine, which strict nbval's portability check (oneDNN off) does not cover."""

from __future__ import annotations

from pathlib import Path

import kernel_env
import nbformat
import pytest
from nbclient import NotebookClient

from tools.course import STUDENT_DIR

ROOT = Path(__file__).parents[1]
IDS = [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]


#: The notebooks this file runs; tests/test_student_run_all_rest.py takes the others, so that
#: pytest-xdist (`--dist loadfile`: one file per worker) runs the two halves side by side.
FIRST_HALF = ("01", "02", "03", "07", "08", "11")


@pytest.mark.parametrize("name", [n for n in IDS if n[:2] in FIRST_HALF])
def test_student_notebook_runs_to_the_end_without_an_error(name: str) -> None:
    run_all(name)


def run_all(name: str) -> None:
    """Run All on the committed student notebook: no error output (cells tagged raises-exception
    aside), and every check says 'not answered yet'."""
    path = ROOT / STUDENT_DIR / name
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with kernel_env.environment(kernel_env.ONE_THREAD):  # TensorFlow's own kernels (oneDNN on)
        client.execute()
    errors = [
        f"cell {i}: {o.ename}: {o.evalue}"
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and "raises-exception" not in c.metadata.get("tags", [])
        for o in c.outputs
        if o.output_type == "error"
    ]
    text = "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    print(
        f"{name}: {len(errors)} error outputs; {text.count('not answered yet')} 'not answered yet'"
    )
    assert not errors, f"{len(errors)} error outputs:\n" + "\n".join(errors)
    assert ": correct." not in text
