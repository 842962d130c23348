"""Make the student version of notebooks: solutions replaced, their outputs cleared.

    python tools/make_student_version.py                       # every notebook -> build/student/
    python tools/make_student_version.py -o OUT notebooks/01_tensors.ipynb

In each code cell, the lines from `### BEGIN SOLUTION` to `### END SOLUTION` (markers included)
become `# YOUR CODE HERE` and `raise NotImplementedError()`, at the markers' indentation: the
nbgrader convention, so instructors who use nbgrader can take the notebooks as they are. The outputs
of that cell and of the check cell after it are cleared, and so are those of any cell tagged
`clear-in-student` (e.g. a score tally); everything else is kept. A notebook whose
markers are unbalanced or nested is refused with a message naming the cell.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = ("# YOUR CODE HERE", "raise NotImplementedError()")
CLEAR_TAG = "clear-in-student"


class MarkerError(ValueError):
    """Solution markers in a cell are unbalanced or nested."""


def strip_solution(source: str, where: str) -> str:
    """Return ``source`` with each solution region replaced by the placeholder lines."""
    out: list[str] = []
    inside = False
    for number, line in enumerate(source.splitlines(), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise MarkerError(
                    f"{where}, line {number}: '{BEGIN}' inside another solution (nested markers)."
                )
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(indent + p for p in PLACEHOLDER)
        elif marker == END:
            if not inside:
                raise MarkerError(f"{where}, line {number}: '{END}' without a '{BEGIN}' before it.")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return "\n".join(out)


def student_version(nb: nbformat.NotebookNode, name: str) -> tuple[nbformat.NotebookNode, int]:
    """Return a student copy of ``nb`` and the number of solution cells it replaced."""
    nb = nbformat.from_dict(nb)  # a deep copy: the instructor notebook is never changed
    solutions = 0
    clear_next_code_cell = False
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise MarkerError(
                    f"{name}, cell {index}: solution markers are only supported in code cells."
                )
            continue
        has_markers = BEGIN in cell.source or END in cell.source
        if has_markers:
            cell.source = strip_solution(cell.source, f"{name}, cell {index}")
            solutions += 1
        if has_markers or clear_next_code_cell or CLEAR_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
        clear_next_code_cell = has_markers
    return nb, solutions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "build" / "student")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    args.output.mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            student, solutions = student_version(nbformat.read(path, as_version=4), path.name)
        except MarkerError as err:
            print(f"refused: {err}", file=sys.stderr)
            return 1
        nbformat.validate(student)
        nbformat.write(student, args.output / path.name)
        print(f"{path.name}: {solutions} solutions removed -> {args.output / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
