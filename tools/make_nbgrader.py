"""Write an nbgrader course from the instructor notebooks: `make nbgrader` -> build/nbgrader/.

    python tools/make_nbgrader.py [-o DIR] [--hide-checks] [NOTEBOOK ...]

Writes ``nbgrader_config.py`` and ``source/<NN_name>/<NN_name>.ipynb`` for each notebook: each
cell with ``### BEGIN SOLUTION`` becomes an nbgrader solution cell (``grade_id`` "<qid>-answer",
the question ids joined with "_" when it answers several), and the check cell after it one
autograded, read-only test cell per question (``grade_id`` "<qid>-check") worth that question's
points (``points`` in the answer spec, default 1): a check cell with several checks is split into
one cell per check, so that each question earns its own points (nbgrader scores a test cell all or
nothing; nbgrader's partial credit would need a cell that prints a score instead of raising).
Every other cell stays as it is. The checks need no hidden tests: a check cell holds only
``checks.check("NN-name", answer)`` and the answer keys never show an answer. Under ``nbgrader
autograde`` (and ``validate``) nbgrader sets NBGRADER_EXECUTION, which turns on
``helpers.checks.GRADING``: a wrong or missing answer then raises AssertionError and its test cell
scores 0. With ``--hide-checks`` (summative use, ``make nbgrader HIDE_CHECKS=1``) each check is an
nbgrader hidden test: the release shows an empty read-only cell, so the checks give no feedback
to try answers against, and autograde puts them back. Then, in that directory (docs/GRADING.md):

    nbgrader generate_assignment "*"        # release/<NN_name>/ for the students
    nbgrader autograde "*"                  # grades submitted/<student>/<NN_name>/
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers import checks  # noqa: E402
from tools.make_student_version import BEGIN, END, MarkerError  # noqa: E402

SCHEMA_VERSION = 3  # nbgrader 0.9's cell metadata schema
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d\d-[a-z0-9-]+)["']""")
CONFIG = """\
# nbgrader configuration of the course written by tools/make_nbgrader.py (`make nbgrader`).
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "nn-keras-series"
# The notebooks train small models: give each cell time on a slow CPU.
c.Execute.timeout = 600
"""


def _points(qid: str) -> int:
    key = checks.key_path(qid[:2])
    if not key.is_file():
        return 1
    return int(json.loads(key.read_text())["questions"].get(qid, {}).get("points", 1))


def split_checks(source: str, name: str) -> list[str]:
    """The source of a check cell cut into one piece per statement that calls a check (other
    lines go with the check after them; comment lines above a check stay with it)."""
    try:
        statements = ast.parse(source).body
    except SyntaxError as err:
        raise MarkerError(f"{name}: a check cell does not parse: {err}") from err
    starts = [
        s.lineno - 1
        for s in statements
        if CHECK_CALL.search(ast.get_source_segment(source, s) or "")
    ]
    if len(starts) < 2:
        return [source]
    lines = source.splitlines(keepends=True)
    cuts = []
    for start in starts[1:]:
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        cuts.append(start)
    bounds = [0, *cuts, len(lines)]
    return ["".join(lines[a:b]).strip("\n") for a, b in zip(bounds, bounds[1:])]


def _meta(grade_id: str, *, solution: bool, grade: bool, points: int = 0) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": not solution,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return meta


HIDDEN = "### BEGIN HIDDEN TESTS\n{}\n### END HIDDEN TESTS"


def nbgrader_version(
    nb: nbformat.NotebookNode, name: str, *, hide_checks: bool = False
) -> tuple[nbformat.NotebookNode, int]:
    """Return ``nb`` with nbgrader metadata on solution and check cells, and the total points;
    with ``hide_checks``, each check is a hidden test (not in the students' release)."""
    nb = nbformat.from_dict(nb)
    seen: set[str] = set()
    total = 0
    cells = nb.cells
    original = list(cells)  # the cells before any check cell is split
    for index, cell in enumerate(original):
        if BEGIN not in cell.source and END not in cell.source:
            continue
        if cell.cell_type != "code":
            raise MarkerError(f"{name}, cell {index}: solution markers in a markdown cell.")
        check = next((c for c in original[index + 1 :] if c.cell_type == "code"), None)
        qids = CHECK_CALL.findall(check.source) if check is not None else []
        if not qids:
            raise MarkerError(
                f"{name}, cell {index}: the code cell after a solution must be its check, "
                '`checks.check("NN-name", answer)`.'
            )
        base = "_".join(qids)  # letters, digits, - and _ only, as grade ids
        pieces = split_checks(check.source, name)
        tests = [check]
        for k, piece in enumerate(pieces[1:], start=1):
            cell_id = f"{check.get('id', 'check')}"[:60] + f"-{k}"
            metadata = copy.deepcopy(check.metadata)
            tests.append(nbformat.v4.new_code_cell(piece, id=cell_id, metadata=metadata))
        check.source = pieces[0]
        at = next(i for i, c in enumerate(cells) if c is check) + 1
        cells[at:at] = tests[1:]
        graded = [(CHECK_CALL.findall(t.source), t) for t in tests]
        ids = [f"{base}-answer"] + [f"{'_'.join(q)}-check" for q, _ in graded]
        for grade_id in ids:
            if grade_id in seen:
                raise MarkerError(
                    f"{name}: grade_id {grade_id!r} twice; question ids must be unique."
                )
            seen.add(grade_id)
        cell.metadata["nbgrader"] = _meta(f"{base}-answer", solution=True, grade=False)
        for question_ids, test in graded:
            if hide_checks:
                test.source = HIDDEN.format(test.source)
            points = sum(_points(q) for q in question_ids)
            test.metadata["nbgrader"] = _meta(
                f"{'_'.join(question_ids)}-check", solution=False, grade=True, points=points
            )
            total += points
    return nb, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "build" / "nbgrader")
    parser.add_argument(
        "--hide-checks", action="store_true", help="checks as hidden tests (summative use)"
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "nbgrader_config.py").write_text(CONFIG)
    failed = 0
    for path in paths:
        try:
            nb, points = nbgrader_version(
                nbformat.read(path, as_version=4), path.name, hide_checks=args.hide_checks
            )
        except MarkerError as err:
            print(f"refused: {err}", file=sys.stderr)
            failed += 1
            continue
        folder = args.output / "source" / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / path.name)
        print(f"{path.stem}: {points} points -> {folder / path.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
