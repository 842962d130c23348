"""`make nbgrader`'s course works in nbgrader 0.9, for every notebook, in three parts.

- Here, for every notebook and cheaply: one `nbgrader generate_assignment` of the whole course
  (nbgrader validates each notebook's cell metadata; nothing executes), the release has no
  solution and no output and nbgrader counts the points make_nbgrader gives; a blank release
  cannot score (every name a check reads is bound in its answer's solution region and nowhere
  above it in the release, so each check meets a NameError); and the solutions score full marks
  (every check's stored output in the instructor notebook says `correct.`, and strict nbval,
  which compares those outputs, re-runs them in `make test`).
- Here too, end to end for 11 (the quiz) in that course: the solutions score full marks, the
  blank release zero. tests/test_nbgrader_end_to_end.py (`make test`): generate 04 with hidden
  checks, autograde its solutions (full marks) and a mixed submission (exactly its right answers).
- tests/test_nbgrader_all.py (`make test-nbgrader`, outside `make test` for time, like
  `make test-colab`): the same end-to-end autograde of every notebook.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kernel_env
import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from tools import make_nbgrader

pytest.importorskip("nbgrader")
from nbgrader.api import Gradebook  # noqa: E402

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _nbgrader(course: Path, *args: str) -> None:
    env = dict(os.environ)
    # nbgrader runs alembic from PATH; the kernels must import this checkout's helpers
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(kernel_env.ONE_THREAD)  # the kernels autograde starts (tests/kernel_env.py)
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "[ERROR]" not in run.stderr, run.stderr[-3000:]


def test_metadata_follows_nbgrader_schema() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\na = 1\n### END SOLUTION"),
            nbformat.v4.new_code_cell('checks.check("99-a", a)'),
            nbformat.v4.new_code_cell("print(a)"),
        ]
    )
    out, points = make_nbgrader.nbgrader_version(nb, "t.ipynb")
    answer, check, other = (c.metadata.get("nbgrader") for c in out.cells)
    assert answer == {
        "grade": False,
        "grade_id": "99-a-answer",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    assert check["grade"] and check["locked"] and check["points"] == 1 == points
    assert check["grade_id"] == "99-a-check" and other is None


def test_a_solution_without_a_check_is_refused() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\na = 1\n### END SOLUTION"),
            nbformat.v4.new_code_cell("print(a == 1)"),
        ]
    )
    with pytest.raises(make_nbgrader.MarkerError, match="must be its check"):
        make_nbgrader.nbgrader_version(nb, "t.ipynb")


def test_a_cell_with_several_checks_becomes_one_test_cell_per_check() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\na, b = 1, 2\n### END SOLUTION"),
            nbformat.v4.new_code_cell(
                'checks.check("99-a", a)\n# the second answer\nchecks.check("99-b", b)\n',
                id="c1",
            ),
            nbformat.v4.new_code_cell("print(a)"),
        ]
    )
    out, points = make_nbgrader.nbgrader_version(nb, "t.ipynb")
    nbformat.validate(out)
    assert [c.source for c in out.cells[1:]] == [
        'checks.check("99-a", a)',
        '# the second answer\nchecks.check("99-b", b)',
        "print(a)",
    ]
    meta = [c.metadata.get("nbgrader", {}) for c in out.cells]
    assert [m.get("grade_id") for m in meta] == [
        "99-a_99-b-answer",
        "99-a-check",
        "99-b-check",
        None,
    ]
    assert [m.get("points") for m in meta[1:3]] == [1, 1] and points == 2
    assert [c.id for c in out.cells[1:3]] == ["c1", "c1-1"]
    assert nb.cells[1].source.count("check(") == 2, "the notebook passed in is not changed"


#: 04's mixed submission (issue 21): per question, a line appended to its answer cell (``{name}``
#: is the name its check reads). 04-bce-one, 04-mae-or-mse, 04-mae and the two constants stay
#: right; a fair grade counts them: 5 of 8.
MIXED_04 = {
    "04-sparse-cce": "{name} = 1.0  # a slip",
    "04-bce-from-logits": "def {name}(z, y):\n    raise ValueError('a bug')",
    "04-mse": "{name} = 7.0  # a slip",
}


def mixed_submission(source: Path, target: Path, slips: dict[str, str]) -> None:
    """The instructor's solution with a slip appended to the answer cell of each question in
    ``slips`` (found through the check cell's grade_id and the name it checks)."""
    nb = nbformat.read(source, as_version=4)
    for qid, slip in slips.items():
        index = next(
            i
            for i, c in enumerate(nb.cells)
            if c.metadata.get("nbgrader", {}).get("grade_id") == f"{qid}-check"
        )
        name = re.search(rf"""check\(\s*["']{qid}["']\s*,\s*(\w+)""", nb.cells[index].source)[1]
        answer = next(
            c for c in reversed(nb.cells[:index]) if c.metadata.get("nbgrader", {}).get("solution")
        )
        answer.source += "\n" + slip.format(name=name)
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)


def autograde(
    path: Path,
    tmp_path: Path,
    record_property,
    slips: dict[str, str] | None = None,
    hide_checks: bool = False,
    blank: bool = True,
    course: Path | None = None,
) -> None:
    """Generate, submit the solutions and a blank copy, autograde: full marks and zero. With
    ``slips``, also a submission with those questions wrong: it loses exactly their points.
    ``blank=False`` leaves the blank copy out (one execution less); ``course``, a course already
    generated (the fixture below), saves generating one."""
    name = path.stem
    if course is None:
        course = tmp_path / "course"
        hide = ["--hide-checks"] if hide_checks else []
        assert make_nbgrader.main(["-o", str(course), *hide, str(path)]) == 0, (
            f"{path.name}: not an nbgrader assignment yet (old exercise style?)"
        )
        _nbgrader(course, "generate_assignment", name)
    released = course / "release" / name / path.name
    release = nbformat.read(released, as_version=4)
    assert not [c for c in release.cells if c.get("outputs")], "the release shows outputs"
    assert "BEGIN SOLUTION" not in released.read_text()
    if hide_checks:
        assert "check(" not in released.read_text(), "a hidden check is in the release"
    submissions = [("solutions", course / "source"), ("blank", course / "release")]
    for student, source in submissions if blank else submissions[:1]:
        target = course / "submitted" / student / name
        target.mkdir(parents=True)
        shutil.copy(source / name / path.name, target / path.name)
    if slips:
        source = course / "source" / name / path.name
        mixed_submission(source, course / "submitted" / "mixed" / name / path.name, slips)
    _nbgrader(course, "autograde", name)
    students = [
        s for s, wanted in [("solutions", True), ("blank", blank), ("mixed", slips)] if wanted
    ]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission(name, s).score for s in students}
        max_score = gradebook.find_assignment(name).max_score
        lost = set()
        if slips:
            submission = gradebook.find_submission_notebook(path.stem, name, "mixed")
            lost = {g.name for g in submission.grades if g.score < g.max_score}
    line = f"{name}: solutions {scores['solutions']:g}/{max_score:g}"
    if blank:
        line += f", blank {scores['blank']:g}"
    if slips:
        line += f", mixed {scores.pop('mixed'):g} (right answers: {max_score - len(slips):g})"
    record_property("nbgrader", line)  # printed at the end of the run (conftest.py)
    assert max_score > 0
    assert scores == {"solutions": max_score, **({"blank": 0} if blank else {})}
    if slips:
        assert lost == {f"{qid}-check" for qid in slips}, line
        assert f"mixed {max_score - sum(make_nbgrader._points(q) for q in slips):g} " in line


# --- every notebook, without executing one --------------------------------------------------------


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole course (`make nbgrader`) and its release, made by one nbgrader call."""
    course = tmp_path_factory.mktemp("nbgrader") / "course"
    assert make_nbgrader.main(["-o", str(course)]) == 0
    _nbgrader(course, "generate_assignment", "*")
    return course


def test_11_the_quiz_solutions_and_blank(course: Path, tmp_path: Path, record_property) -> None:  # type: ignore[no-untyped-def]
    """End to end for the quiz, the other check style (`quiz.check`, choice answers), in the course
    generated above: the solutions score full marks, the blank release zero."""
    autograde(ROOT / "notebooks" / "11_recap_quiz.ipynb", tmp_path, record_property, course=course)


def _python(source: str) -> ast.Module:
    """A cell's source as Python (IPython's magics and shell escapes turned into calls)."""
    return ast.parse(TransformerManager().transform_cell(source))


def _magic_code(node: ast.AST) -> ast.Module | None:
    """The code a line or cell magic runs (``%time x = 1``), when it is Python."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("run_line_magic", "run_cell_magic")
        and node.args
        and isinstance(node.args[-1], ast.Constant)
        and isinstance(node.args[-1].value, str)
    ):
        return None
    try:
        return _python(node.args[-1].value)
    except SyntaxError:
        return None


def bound_names(tree: ast.AST, lines: range | None = None) -> set[str]:
    """The global names a cell's code may bind (over-approximated: comprehension variables
    count too), outside function and class bodies; with ``lines``, only in statements that
    start on those lines. A star import binds unknown names: it is refused."""
    found: set[str] = set()
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)

    def visit(node: ast.AST, counted: bool) -> None:
        if isinstance(node, ast.stmt) and lines is not None:
            counted = counted or node.lineno in lines
        if counted:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                found.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    assert alias.name != "*", "a star import binds names nobody can list"
                    found.add(alias.asname or alias.name.split(".")[0])
            elif isinstance(node, ast.ExceptHandler) and node.name:
                found.add(node.name)
            elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
                found.add(node.name)
            elif isinstance(node, ast.MatchMapping) and node.rest:
                found.add(node.rest)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                found.update(node.names)
            elif _magic_code(node) is not None:  # %time x = ..., %%capture: code in a string
                found.update(bound_names(_magic_code(node)))
        if isinstance(node, scopes):
            # a body's own names are local, but decorators, defaults and bases run here
            outside = [*node.decorator_list] if not isinstance(node, ast.Lambda) else []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                outside += [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
            if isinstance(node, ast.ClassDef):
                outside += [*node.bases, *(k.value for k in node.keywords)]
            for child in outside:
                visit(child, counted)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, counted)

    visit(tree, lines is None)
    return found


def solution_lines(source: str) -> range:
    """The lines (1-based) between a cell's BEGIN SOLUTION and END SOLUTION markers."""
    lines = source.splitlines()
    begin = next(i for i, line in enumerate(lines) if "BEGIN SOLUTION" in line)
    end = next(i for i, line in enumerate(lines) if "END SOLUTION" in line)
    return range(begin + 2, end + 1)


def checked_names(source: str) -> dict[str, set[str]]:
    """Per check call in a check cell, the names its arguments read."""
    found = {}
    for node in ast.walk(_python(source)):
        if isinstance(node, ast.Call) and make_nbgrader.CHECK_CALL.search(ast.unparse(node)):
            qid = make_nbgrader.CHECK_CALL.search(ast.unparse(node))[1]
            found[qid] = {
                n.id
                for arg in node.args[1:] + [k.value for k in node.keywords]
                for n in ast.walk(arg)
                if isinstance(n, ast.Name)
            }
    return found


def _grade_cells(nb: nbformat.NotebookNode) -> list[tuple[int, dict]]:
    """(index, nbgrader metadata) of the answer and check cells (nbgrader adds checksums)."""
    keys = ("grade_id", "solution", "grade", "points")
    return [
        (i, {k: c.metadata["nbgrader"].get(k) for k in keys})
        for i, c in enumerate(nb.cells)
        if "nbgrader" in c.metadata
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_release_has_no_solution_no_output_and_every_point(course: Path, path: Path) -> None:
    source = nbformat.read(course / "source" / path.stem / path.name, as_version=4)
    released = course / "release" / path.stem / path.name
    release = nbformat.read(released, as_version=4)
    assert not [c for c in release.cells if c.get("outputs")], "the release shows outputs"
    assert "BEGIN SOLUTION" not in released.read_text()
    assert len(release.cells) == len(source.cells)
    assert _grade_cells(release) == _grade_cells(source), "nbgrader changed the grade cells"
    _, points = make_nbgrader.nbgrader_version(nbformat.read(path, as_version=4), path.name)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_assignment(path.stem).max_score == points > 0


def stubs(tree: ast.Module) -> set[str]:
    """The functions a released answer cell defines whose body (after a docstring) starts with
    nbgrader's `raise NotImplementedError()`: the solution was the function's body."""
    found = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            first = body[0] if body else None
            if isinstance(first, ast.Raise) and "NotImplementedError" in ast.unparse(first):
                found.add(node.name)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_a_blank_release_cannot_score(course: Path, path: Path) -> None:
    """Each check reads an answer that a blank release leaves without a value: either a name the
    answer cell's solution binds which no cell above the check in the release binds (the check
    cell then raises NameError), or a function whose released body is nbgrader's
    `raise NotImplementedError()`, not rebound before the check (the check then says "not yet",
    and raises under nbgrader). Either way every check scores 0 in a blank submission."""
    source = nbformat.read(course / "source" / path.stem / path.name, as_version=4)
    release = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
    code = [(i, _python(c.source)) for i, c in enumerate(release.cells) if c.cell_type == "code"]
    problems = []
    for index, meta in _grade_cells(source):
        if not meta["grade"]:
            continue
        at = max(i for i, m in _grade_cells(source) if i < index and m["solution"])
        answer = source.cells[at].source
        solved = bound_names(_python(answer), solution_lines(answer))
        stubbed = stubs(_python(release.cells[at].source))
        above = set().union(*(bound_names(tree) for i, tree in code if i < index))
        between = set().union(*(bound_names(tree) for i, tree in code if at < i < index))
        for qid, names in checked_names(source.cells[index].source).items():
            unbound = (names & solved) - above
            raising = (names & stubbed) - between
            if not unbound | raising:
                problems.append(
                    f"{qid}: its check reads {sorted(names)}; none is unbound or a stub in the "
                    f"blank release (solution binds {sorted(solved)}, stubs {sorted(stubbed)}, "
                    f"bound above: {sorted(names & above)})"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_solutions_score_full_marks(path: Path) -> None:
    """Every check cell's stored output in the instructor notebook says `<qid>: correct.` for each
    of its questions and nothing else is `not yet`; strict nbval compares these outputs (no check
    cell is exempt), so `make test` re-runs every solution against its key."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    for cell in nb.cells:
        qids = make_nbgrader.CHECK_CALL.findall(cell.source) if cell.cell_type == "code" else []
        if not qids:
            continue
        tags = set(cell.metadata.get("tags", []))
        exempt = tags & {"nbval-ignore-output", "nbval-skip", "raises-exception", "skip-execution"}
        text = "\n".join(
            o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs
        )
        problems += [
            f"{q}: its stored output does not say correct"
            for q in qids
            if f"{q}: correct." not in text
        ]
        problems += [f"{qids}: check cell tagged {sorted(exempt)}"] if exempt else []
        problems += [f"{qids}: not yet in the stored output"] if "not yet" in text else []
    assert not problems, "\n".join(problems)
