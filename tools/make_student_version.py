"""Make the student notebooks: exercises unanswered, solutions out of sight at the end.

    python tools/make_student_version.py                     # what `make student` runs: all -> student/
    python tools/make_student_version.py notebooks/04_loss_functions.ipynb   # one notebook
    python tools/make_student_version.py -o OUT NOTEBOOK ...  # somewhere else

In each code cell, the lines from `### BEGIN SOLUTION` to `### END SOLUTION` (markers included)
become placeholders the student replaces, at the markers' indentation: `name = ...  # YOUR CODE
HERE` for each name the solution assigns that later code reads (found with `ast`), a `def` with
its signature and a `...` body (after `# YOUR CODE HERE`) for each function it defines, or
`...  # YOUR CODE HERE`. The solutions go to a last markdown cell, "Solutions", one collapsed
`<details>` block per exercise (one click away in Jupyter, Colab and on GitHub). A notebook whose
markers are unbalanced, nested or in a markdown cell is refused with a message naming the cell.

Outputs: those of an answer cell, of every code cell after it down to its check cell (the first
with a `check(` call) and of any cell tagged `clear-in-student` (e.g. a reveal, a `summary()`, a
quiz score) are cleared; every other output is kept, since students read them.
tests/test_student_view.py requires the next code cell after a check to store no output too.

Asserts: the notebook's checks of its own claims are for CI, not for the student. Every `assert`
statement at the top level of a code cell, or inside its `if`/`for`/`while`/`with`/`try` blocks,
goes from the student copy (with the comment lines right above it); a block left empty goes too,
or gets a `pass` where it must stay; a cell left with nothing but comments is dropped. Asserts in a
function body, an assert that binds a name with `:=`, and every assert of a cell tagged
`keep-asserts` (an assert that is itself the lesson) stay. The instructor notebook keeps them all.
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
CHECK_CALL = re.compile(r"\bcheck\(")
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


KEEP_ASSERTS_TAG = "keep-asserts"
#: Statements whose blocks the assert stripping descends into (never a function or class body).
_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try)
_ELSE = re.compile(r"^\s*(else|finally)\s*:")


def _alone(stmt: ast.stmt, lines: list[str]) -> bool:
    """Whether ``stmt`` has its lines to itself (no `;`, not on its block's header line)."""
    first, last = lines[stmt.lineno - 1], lines[stmt.end_lineno - 1]
    rest = last[stmt.end_col_offset :].strip()
    return not first[: stmt.col_offset].strip() and (not rest or rest.startswith("#"))


def _strippable(stmt: ast.stmt, lines: list[str]) -> bool:
    """An `assert` that binds no name (no `:=`) and has its lines to itself."""
    return (
        isinstance(stmt, ast.Assert)
        and not any(isinstance(n, ast.NamedExpr) for n in ast.walk(stmt))
        and _alone(stmt, lines)
    )


def _span(node: ast.AST) -> range:
    return range(node.lineno - 1, node.end_lineno)


def _mark(body: list[ast.stmt], lines: list[str], drop: set[int], passes: dict[int, str]) -> bool:
    """Mark the lines of ``body``'s asserts (and of blocks left empty) for removal.

    Returns whether the whole body goes. A block that keeps part of itself gets a `pass` where a
    sub-block (an `if`'s body, an `except` handler) would be left empty; an empty `else:` or
    `finally:` goes with its keyword line.
    """
    gone: list[bool] = []
    for stmt in body:
        if _strippable(stmt, lines) or isinstance(stmt, ast.Pass):
            gone.append(True)
        elif isinstance(stmt, _BLOCKS) and _alone(stmt, lines):
            parts = [stmt.body, getattr(stmt, "orelse", [])]
            if isinstance(stmt, ast.Try):
                parts += [h.body for h in stmt.handlers] + [stmt.finalbody]
            trial: set[int] = set()
            trial_passes: dict[int, str] = {}
            emptied = [bool(p) and _mark(p, lines, trial, trial_passes) for p in parts]
            if all(e for e, p in zip(emptied, parts) if p):
                gone.append(True)
                continue
            gone.append(False)
            drop |= trial
            passes.update(trial_passes)
            for part, empty in zip(parts, emptied):
                if not empty:
                    continue
                if (
                    isinstance(stmt, ast.If)
                    and part is stmt.orelse
                    and lines[part[0].lineno - 1].lstrip().startswith("elif")
                ):
                    drop |= set(_span(part[0]))  # an `elif` branch left empty
                elif part is parts[1] or (isinstance(stmt, ast.Try) and part is stmt.finalbody):
                    indent = lines[stmt.lineno - 1][: stmt.col_offset]
                    head = max(
                        i
                        for i in range(part[0].lineno - 1)
                        if _ELSE.match(lines[i]) and lines[i][: len(indent) + 1].strip()
                    )
                    drop |= set(range(head, part[-1].end_lineno))
                else:
                    first = part[0]
                    passes[first.lineno - 1] = lines[first.lineno - 1][: first.col_offset]
        else:
            gone.append(False)
    for stmt, goes in zip(body, gone):
        if goes and not isinstance(stmt, ast.Pass):
            drop |= set(_span(stmt))
            # the comment lines right above an assert describe it: they go with it
            row, indent = stmt.lineno - 2, lines[stmt.lineno - 1][: stmt.col_offset]
            while row >= 0 and lines[row].startswith(indent + "#"):
                drop.add(row)
                row -= 1
    return all(gone)


def strip_asserts(source: str) -> str:
    """Return ``source`` without its assert statements (the notebook's checks of its own claims).

    Top-level asserts and asserts in `if`/`for`/`while`/`with`/`try` blocks go, with the comment
    lines right above them; a block left with nothing (or only `pass`) goes too, and a block that
    must stay gets a `pass`. Asserts inside a function or class, and an assert that binds a name
    with `:=`, stay. A source that does not parse (magics) is returned unchanged, and so is one
    whose stripped form would not parse.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.split("\n")
    drop: set[int] = set()
    passes: dict[int, str] = {}
    _mark(tree.body, lines, drop, passes)
    if not drop:
        return source
    kept: list[str] = []
    blank_before = False  # blank lines both before and after what went: one side's are enough
    for number, line in enumerate(lines):
        if number in passes:
            kept.append(passes[number] + "pass")
            blank_before = False
        elif number in drop:
            if number - 1 not in drop:
                blank_before = bool(kept) and not kept[-1].strip()
        elif line.strip() or not blank_before:
            kept.append(line)
            blank_before = blank_before and not line.strip()
    text = _tidy_blank_lines(kept)
    try:
        ast.parse(text)
    except SyntaxError:  # pragma: no cover - a safety net: never ship a broken cell
        return source
    return text


def _tidy_blank_lines(lines: list[str]) -> str:
    """No blank lines at either end or after a block's header; at most two in a row (one inside
    a block), as ruff formats code."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if not out or (out[-1].rstrip().endswith(":") and not out[-1].lstrip().startswith("#")):
                continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    tidy: list[str] = []
    for index, line in enumerate(out):
        if not line.strip():
            blanks = 0
            while blanks < len(tidy) and not tidy[-1 - blanks].strip():
                blanks += 1
            following = next((x for x in out[index:] if x.strip()), "")
            limit = 1 if following[:1] in (" ", "\t") else 2
            if blanks >= limit:
                continue
        tidy.append(line)
    return "\n".join(tidy)


def has_code(source: str) -> bool:
    """Whether ``source`` holds anything but comments and blank lines."""
    return any(line.strip() and not line.strip().startswith("#") for line in source.split("\n"))


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
    in_exercise = False  # from an answer cell down to its check cell
    cells: list[nbformat.NotebookNode] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise MarkerError(
                    f"{name}, cell {index}: solution markers are only supported in code cells."
                )
            if HEADING.search(cell.source):
                in_exercise = False  # a new section: an exercise without a check ends here
            cells.append(cell)
            continue
        tags = cell.metadata.get("tags", [])
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
        if has_markers or in_exercise or CLEAR_TAG in tags:
            cell.outputs = []
            cell.execution_count = None
        is_check = CHECK_CALL.search(cell.source) is not None
        in_exercise = (has_markers or in_exercise) and not is_check
        if KEEP_ASSERTS_TAG not in tags and has_code(cell.source):
            cell.source = strip_asserts(cell.source)
            if not has_code(cell.source):
                continue  # nothing but the notebook's own checks: the student copy drops it
        cells.append(cell)
    nb.cells = cells
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
