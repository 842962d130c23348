"""What a student sees in student/ (issue 21): no answer in sight, short cells, few assertions.

Rules over the committed student notebooks (`make student` writes them from notebooks/):
- no answer in sight: every code cell from an exercise's answer cell through its check cell stores
  no output, and neither does the next code cell after the check in the same section (no heading
  between): that output sits under the student's eyes while they answer. Tag such a cell
  `clear-in-student` (its output is cleared in the student copy) or start a new section first;
- no visible code cell (the collapsed setup cell aside) has more than 30 non-blank lines;
- lines of `assert` statements are at most 3 % of a notebook's visible non-blank code lines (the
  generator strips the notebook's own checks; a cell tagged `keep-asserts` keeps them);
- no stored output near an exercise (from its answer cell to the end of its check's section)
  prints the answer its spec in tools/answers/ holds.
Each failure names the notebook, the cell index (as in the student notebook) and the rule.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_student_version as msv  # noqa: E402

from tools.course import SETUP_TAG, STUDENT_DIR  # noqa: E402

STUDENT = sorted((ROOT / STUDENT_DIR).glob("*.ipynb"))
IDS = [p.name for p in STUDENT]
MAX_LINES = 30
MAX_ASSERT_SHARE = 0.03


def _visible_code(nb: nbformat.NotebookNode) -> list[tuple[int, nbformat.NotebookNode]]:
    return [
        (i, c)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and SETUP_TAG not in c.metadata.get("tags", [])
    ]


def _lines(source: str) -> int:
    return sum(1 for line in source.split("\n") if line.strip())


def _assert_lines(source: str) -> int:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            lines |= set(range(node.lineno, node.end_lineno + 1))
    return len(lines)


def answers_in_sight(nb: nbformat.NotebookNode, name: str) -> list[str]:
    """Where ``nb`` (a student notebook) stores an output an exercise's answer could be read in."""
    found: list[str] = []
    cells = nb.cells
    for start, cell in enumerate(cells):
        if cell.cell_type != "code" or msv.TODO not in cell.source:
            continue
        index = start
        while index < len(cells):  # the answer cell down to its check cell
            here = cells[index]
            if here.cell_type == "markdown" and msv.HEADING.search(here.source) and index > start:
                break
            if here.cell_type == "code":
                if here.outputs:
                    found.append(
                        f"{name}, cell {index}: stores an output between the answer cell {start} "
                        "and its check (rule: no output from answer to check)"
                    )
                if msv.CHECK_CALL.search(here.source):
                    break
            index += 1
        check = index
        for after in range(check + 1, len(cells)):  # the next code cell, in the same section
            here = cells[after]
            if here.cell_type == "markdown" and msv.HEADING.search(here.source):
                break
            if here.cell_type == "code":
                if here.outputs and msv.TODO not in here.source:
                    found.append(
                        f"{name}, cell {after}: stores an output right after the check cell {check} "
                        f"(rule: tag it '{msv.CLEAR_TAG}', or start a new section before it)"
                    )
                break
    return sorted(set(found), key=found.index)


@pytest.mark.parametrize("path", STUDENT, ids=IDS)
def test_no_answer_in_sight(path: Path) -> None:
    found = answers_in_sight(nbformat.read(path, as_version=4), path.name)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", STUDENT, ids=IDS)
def test_no_visible_code_cell_is_longer_than_30_lines(path: Path) -> None:
    long = [
        f"{path.name}, cell {i}: {_lines(c.source)} non-blank lines (rule: at most {MAX_LINES}; "
        "move plumbing into helpers or split the cell)"
        for i, c in _visible_code(nbformat.read(path, as_version=4))
        if _lines(c.source) > MAX_LINES
    ]
    assert not long, "\n".join(long)


@pytest.mark.parametrize("path", STUDENT, ids=IDS)
def test_assertions_are_at_most_3_percent_of_the_visible_code(path: Path) -> None:
    code = _visible_code(nbformat.read(path, as_version=4))
    total = sum(_lines(c.source) for _, c in code)
    asserts = {i: _assert_lines(c.source) for i, c in code}
    share = sum(asserts.values()) / max(total, 1)
    where = ", ".join(f"cell {i}: {n}" for i, n in asserts.items() if n)
    assert share <= MAX_ASSERT_SHARE, (
        f"{path.name}: {sum(asserts.values())} of {total} visible code lines are assertions "
        f"({share:.1%}; rule: at most {MAX_ASSERT_SHARE:.0%}): {where}. Make them top-level "
        f"asserts, which the student copy drops, or untag '{msv.KEEP_ASSERTS_TAG}'"
    )


def test_the_rules_find_what_they_should() -> None:
    """The rules on a small notebook: a revealing output after a check, a long cell, asserts."""

    def out(text: str) -> list:
        return [nbformat.v4.new_output("stream", text=text)]

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("### Exercise 1: a sum"),
            nbformat.v4.new_code_cell(f"total = ...  {msv.TODO}"),
            nbformat.v4.new_code_cell('checks.check("99-sum", total)'),
            nbformat.v4.new_markdown_cell("Now the sum, as a check of yours:"),
            nbformat.v4.new_code_cell("print(1 + 2)", outputs=out("3\n")),
            nbformat.v4.new_markdown_cell("## 2. Next section"),
            nbformat.v4.new_code_cell("print(4)", outputs=out("4\n")),
        ]
    )
    (found,) = answers_in_sight(nb, "t.ipynb")
    assert "t.ipynb, cell 4" in found and "right after the check cell 2" in found
    nb.cells[4].outputs = []
    assert answers_in_sight(nb, "t.ipynb") == []
    assert _lines("a = 1\n\n# c\nb = 2\n") == 3
    assert _assert_lines("assert (\n    a\n)\nx = 1\ndef f():\n    assert x\n") == 4
    nb.cells[4].outputs = out("the shape is (32, 1040) and the count 204,554\n")
    questions = {
        "99-sum": {"kind": "shape", "answer": (32, 1040)},
        "99-other": {"kind": "int", "answer": 204_554},
    }
    found = stated_answers(nb, "t.ipynb", {"99-sum": questions["99-sum"]})
    assert found == [
        "t.ipynb, cell 4: its stored output prints (32, 1040), the answer to 99-sum "
        f"(rule: tag it '{msv.CLEAR_TAG}' or move it to a later section)"
    ]
    assert stated_answers(nb, "t.ipynb", {"99-other": questions["99-other"]}) == []  # no check


def _answer_texts(spec: dict) -> list[str]:
    """How a stored output would print a question's answer (only answers distinctive enough to
    search for: a number of 3 or more digits, an int of 10 or more, a shape)."""
    import numpy as np

    kind, answer = spec["kind"], spec["answer"]
    texts: list[str] = []
    if kind == "int" and abs(int(answer)) >= 10:
        texts = [str(int(answer)), f"{int(answer):,}", f"{int(answer):_}"]
    elif kind == "number":
        x = float(np.asarray(answer))
        text = f"{x:.{spec['decimals']}f}" if "decimals" in spec else f"{x:.{spec['sig']}g}"
        if sum(ch.isdigit() for ch in text.lstrip("-0.")) >= 3:
            texts = [text]
    elif kind == "shape":
        shape = tuple(int(n) for n in answer)
        if len(shape) >= 2 or (shape and shape[0] >= 10):
            texts = [str(shape), str(shape).replace(" ", "")]
    return texts


def _printed(cell: nbformat.NotebookNode) -> str:
    return "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", [])
    )


def stated_answers(nb: nbformat.NotebookNode, name: str, questions: dict) -> list[str]:
    """Stored outputs of ``nb`` that print a question's answer, from its answer cell to the end of
    the section that holds its check."""
    import re

    found = []
    for qid, spec in questions.items():
        texts = _answer_texts(spec)
        checks = [
            i for i, c in enumerate(nb.cells) if c.cell_type == "code" and f'"{qid}"' in c.source
        ]
        if not texts or not checks:
            continue
        check = checks[0]
        start = max((i for i in range(check) if msv.TODO in nb.cells[i].source), default=check)
        end = next(
            (
                i
                for i in range(check + 1, len(nb.cells))
                if nb.cells[i].cell_type == "markdown" and msv.HEADING.search(nb.cells[i].source)
            ),
            len(nb.cells),
        )
        for index in range(start, end):
            printed = _printed(nb.cells[index])
            for text in texts:
                if re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", printed):
                    found.append(
                        f"{name}, cell {index}: its stored output prints {text}, the answer to "
                        f"{qid} (rule: tag it '{msv.CLEAR_TAG}' or move it to a later section)"
                    )
    return found


@pytest.mark.parametrize("path", STUDENT, ids=IDS)
def test_no_stored_output_states_an_answer(path: Path) -> None:
    """The answers of tools/answers/ are searched in the outputs near their exercise."""
    import make_keys

    spec = ROOT / "tools" / "answers" / path.with_suffix(".py").name
    if not spec.is_file():
        pytest.skip(f"no answer spec {spec.name}")
    questions = make_keys.load_spec(spec).QUESTIONS
    found = stated_answers(nbformat.read(path, as_version=4), path.name, questions)
    assert not found, "\n".join(found)
