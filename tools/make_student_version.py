"""Make the student notebooks: exercises unanswered, solutions out of sight at the end.

    python tools/make_student_version.py                     # what `make student` runs: all -> student/
    python tools/make_student_version.py notebooks/04_loss_functions.ipynb   # one notebook
    python tools/make_student_version.py -o OUT NOTEBOOK ...  # somewhere else

In each code cell, the lines from `### BEGIN SOLUTION` to `### END SOLUTION` (markers included)
become placeholders the student replaces, at the markers' indentation: `name = ...  # YOUR CODE
HERE` for each name the solution assigns that later code reads (found with `ast`), a `def` with
its signature and a `...` body (after `# YOUR CODE HERE`) for each function it defines, or `...  # YOUR CODE HERE`. The
outputs of that cell and of the check cell after it are cleared, and so are those of any cell
tagged `clear-in-student` (e.g. a quiz score); every other output is kept, since students read
them. The solutions go to a last markdown cell, "Solutions", one collapsed `<details>` block per
exercise (one click away in Jupyter, Colab and on GitHub). A notebook whose markers are
unbalanced, nested or in a markdown cell is refused with a message naming the cell.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.course import STUDENT_DIR  # noqa: E402

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
TODO = "# YOUR CODE HERE"
CLEAR_TAG = "clear-in-student"
SOLUTIONS_ID = "student-solutions"
HEADING = re.compile(r"^#{2,4}\s+(.+?)\s*$", re.M)


class MarkerError(ValueError):
    """Solution markers in a cell are unbalanced, nested or not in a code cell."""


def _regions(source: str, where: str) -> list[tuple[int, int, str]]:
    """(first line, last line, indentation) of each solution region, markers included."""
    regions: list[tuple[int, int, str]] = []
    start: int | None = None
    indent = ""
    for number, line in enumerate(source.split("\n")):
        marker = line.strip()
        if marker == BEGIN:
            if start is not None:
                raise MarkerError(
                    f"{where}, line {number + 1}: '{BEGIN}' inside another solution (nested markers)."
                )
            start, indent = number, line[: len(line) - len(line.lstrip())]
        elif marker == END:
            if start is None:
                raise MarkerError(
                    f"{where}, line {number + 1}: '{END}' without a '{BEGIN}' before it."
                )
            regions.append((start, number, indent))
            start = None
    if start is not None:
        raise MarkerError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return regions


def names_read(source: str) -> set[str]:
    """Names that ``source`` reads (empty if it does not parse, e.g. a cell with magics)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def placeholder(solution: str, read_later: set[str]) -> list[str]:
    """The placeholder lines (without indentation) for one dedented solution region."""
    try:
        tree = ast.parse(solution)
    except SyntaxError:
        return [f"...  {TODO}"]
    lines: list[str] = []
    assigned: list[str] = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            head = "async def" if isinstance(stmt, ast.AsyncFunctionDef) else "def"
            returns = f" -> {ast.unparse(stmt.returns)}" if stmt.returns else ""
            lines += [
                f"{head} {stmt.name}({ast.unparse(stmt.args)}){returns}:",
                f"    {TODO}",
                "    ...",
            ]
            continue
        for node in ast.walk(stmt):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
                targets = [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id not in assigned:
                        assigned.append(name.id)
    wanted = [n for n in assigned if n in read_later] or ([] if lines else assigned)
    if lines and wanted:
        lines += ["", ""]  # two blank lines after a function, as ruff formats it
    lines += [f"{name} = ...  {TODO}" for name in wanted]
    return lines or [f"...  {TODO}"]


def strip_solution(
    source: str, where: str, read_later: set[str] = frozenset()
) -> tuple[str, list[str]]:
    """Return ``source`` with each solution region replaced by placeholders, and the solutions."""
    lines = source.split("\n")
    regions = _regions(source, where)
    out: list[str] = []
    solutions: list[str] = []
    previous = 0
    for first, last, indent in regions:
        out += lines[previous:first]
        solution = textwrap.dedent("\n".join(lines[first + 1 : last]))
        solutions.append(solution)
        after = "\n".join(lines[last + 1 :])
        later = read_later | names_read(textwrap.dedent(after)) | _names_in_indented(after)
        out += [indent + p if p else p for p in placeholder(solution, later)]
        previous = last + 1
    out += lines[previous:]
    return "\n".join(out), solutions


def _names_in_indented(code: str) -> set[str]:
    """Names read by code that may start inside a block (e.g. the rest of a function body)."""
    return set(re.findall(r"\b[A-Za-z_]\w*\b", code))


def _title(cells: list[nbformat.NotebookNode], index: int) -> str:
    for cell in reversed(cells[:index]):
        if cell.cell_type == "markdown":
            headings = HEADING.findall(cell.source)
            if headings:
                return headings[-1]
    return f"Exercise in cell {index}"


def student_version(nb: nbformat.NotebookNode, name: str) -> tuple[nbformat.NotebookNode, int]:
    """Return a student copy of ``nb`` and the number of solution cells it replaced."""
    nb = nbformat.from_dict(nb)  # a deep copy: the instructor notebook is never changed
    code_reads = [names_read(c.source) if c.cell_type == "code" else set() for c in nb.cells]
    blocks: list[str] = []
    replaced = 0
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
            later = set().union(*code_reads[index + 1 :])
            cell.source, solutions = strip_solution(cell.source, f"{name}, cell {index}", later)
            replaced += 1
            title = _title(nb.cells, index)
            for solution in solutions:
                blocks.append(
                    f"<details><summary>{title}</summary>\n\n```python\n{solution.strip()}\n```\n\n"
                    "</details>"
                )
        if has_markers or clear_next_code_cell or CLEAR_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
        clear_next_code_cell = has_markers
    if blocks:
        intro = (
            "## Solutions\n\nTry each exercise and run its check first. Each solution opens with "
            "a click.\n\n"
        )
        cell = nbformat.v4.new_markdown_cell(intro + "\n\n".join(blocks))
        cell.id = SOLUTIONS_ID
        nb.cells.append(cell)
    return nb, replaced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / STUDENT_DIR)
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
        target = args.output / path.name
        text = nbformat.writes(student) + "\n"
        if not target.is_file() or target.read_text() != text:
            target.write_text(text)
            print(f"{path.name}: {solutions} solutions replaced -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
