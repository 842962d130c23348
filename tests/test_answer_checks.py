"""helpers.checks.check and Quiz with keys made by tools/make_keys.py: verdicts, rounding, hints,
placeholders, functions, feedback on the usual slips (no return, None, wrong type, nan and inf,
wrong shape), answers in another form, nothing a student passes raises, grading mode, the time of
one check, a brute-force attempt, and the README's grading command."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from helpers import checks
from tools import make_keys


def _forward(x, w, b):
    return x @ w + b


def _forward_no_bias(x, w, b):
    return x @ w


QUESTIONS: dict[str, dict[str, Any]] = {
    "99-sigma-prime": {
        "kind": "number",
        "answer": 0.104994,
        "decimals": 3,
        "wrong": [(0.880797, "that is sigma(2); differentiate it.")],
        "revisit": "03",
    },
    "99-loss": {"kind": "number", "answer": 1234.5678, "sig": 3, "revisit": "04"},
    "99-softmax": {
        "kind": "array",
        "answer": [0.09003057, 0.24472847, 0.66524096],
        "decimals": 3,
        "wrong": [([1 / 6, 2 / 6, 3 / 6], "normalise e^z, not z.")],
    },
    "99-shape": {
        "kind": "shape",
        "answer": (32, 128),
        "wrong": [((128, 32), "the batch axis comes first.")],
    },
    "99-pin": {"kind": "int", "answer": 7391},
    "99-word": {"kind": "text", "answer": "softmax"},
    "99-letter": {
        "kind": "choice",
        "answer": "c",
        "options": ["a", "b", "c", "d"],
        "wrong": [("a", "hint for a."), ("b", "hint for b."), ("d", "hint for d.")],
    },
    "99-grid": {
        "kind": "array",
        "answer": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
        "decimals": 1,
        "shape": (2, 3),
    },
    "99-column": {"kind": "array", "answer": [[1.5], [2.5], [3.5]], "decimals": 1},
    "99-forward": {
        "kind": "function",
        "answer": _forward,
        "inputs": [
            [[[1.0, 2.0]], [[0.5], [-1.0]], [0.1]],
            [[[3.0, -1.0], [0.0, 2.0]], [[1.0], [1.0]], [0.0]],
        ],
        "convert": "float32",
        "output": "array",
        "decimals": 4,
        "wrong": [(_forward_no_bias, "add the bias b.")],
    },
}


def _write_key(
    directory: Path, questions: dict[str, dict[str, Any]], iterations: int, number: str = "99"
) -> None:
    key = {"format": 1, "notebook": f"{number}_test.ipynb", "iterations": iterations}
    key["questions"] = {}
    old = make_keys.ITERATIONS
    make_keys.ITERATIONS = iterations
    try:
        for qid, q in questions.items():
            make_keys._validate(qid, q, number)
            key["questions"][qid] = make_keys.build_question(qid, q, f"{len(qid):032x}")
    finally:
        make_keys.ITERATIONS = old
    (directory / f"{number}.json").write_text(json.dumps(key))


#: A question of a notebook before 06 (the tape is not taught yet): its None hint differs.
EARLY = {"03-value": {"kind": "number", "answer": 2.5, "decimals": 2}}


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A key for QUESTIONS with few iterations (fast tests); the timing tests use the real count."""
    _write_key(tmp_path, QUESTIONS, 1000)
    _write_key(tmp_path, EARLY, 1000, "03")
    monkeypatch.setattr(checks, "KEY_DIR", tmp_path)
    monkeypatch.setattr(checks, "GRADING", False)
    checks.load_key.cache_clear()
    yield tmp_path
    checks.load_key.cache_clear()


@pytest.mark.parametrize("answer", [0.104994, 0.105, 0.1050, np.float32(0.105), 0.104])
def test_a_correctly_rounded_number_passes(keys: Path, answer: float) -> None:
    assert checks.grade("99-sigma-prime", answer)


@pytest.mark.parametrize("answer", [0.1, 0.106, 0.11, -0.105, 0.103])
def test_other_numbers_fail(keys: Path, answer: float) -> None:
    verdict = checks.grade("99-sigma-prime", answer)
    assert not verdict and verdict.message.startswith("99-sigma-prime: not yet - ")


def test_significant_digits(keys: Path) -> None:
    assert checks.grade("99-loss", 1234.5678) and checks.grade("99-loss", 1230)
    assert checks.grade("99-loss", 1.23e3) and not checks.grade("99-loss", 1250)


def test_hint_for_a_common_wrong_answer(keys: Path) -> None:
    assert checks.grade("99-sigma-prime", 0.8808).message == (
        "99-sigma-prime: not yet - that is sigma(2); differentiate it."
    )


def test_arrays_and_tensors(keys: Path) -> None:
    tf = pytest.importorskip("tensorflow")
    z = tf.constant([1.0, 2.0, 3.0])
    assert checks.grade("99-softmax", tf.nn.softmax(z))
    assert checks.grade("99-softmax", [0.090, 0.245, 0.665])
    assert not checks.grade("99-softmax", [0.090, 0.245])
    assert "normalise" in checks.grade("99-softmax", z / 6).message


def test_shapes_ints_text_choices(keys: Path) -> None:
    tf = pytest.importorskip("tensorflow")
    assert checks.grade("99-shape", (32, 128)) and checks.grade("99-shape", [32, 128])
    assert checks.grade("99-shape", tf.zeros((32, 128))) and checks.grade(
        "99-shape", np.zeros((32, 128)).shape
    )
    assert "batch axis" in checks.grade("99-shape", (128, 32)).message
    assert "tuple of ints" in checks.grade("99-shape", "32x128").message
    assert checks.grade("99-pin", 7391) and checks.grade("99-pin", 7391.0)
    assert "whole number" in checks.grade("99-pin", 7391.5).message
    assert checks.grade("99-word", "  SoftMax ") and not checks.grade("99-word", "sigmoid")
    assert checks.grade("99-letter", "c") and checks.grade("99-letter", " C")
    assert checks.grade("99-letter", "a").message == "99-letter: not yet - hint for a."
    assert "one of the options" in checks.grade("99-letter", "e").message


def test_functions_are_called_on_the_inputs_of_the_key(keys: Path) -> None:
    assert checks.grade("99-forward", _forward)
    assert checks.grade("99-forward", lambda x, w, b: np.matmul(x, w) + b)
    assert "add the bias" in checks.grade("99-forward", _forward_no_bias).message
    assert "not yet" in checks.grade("99-forward", lambda x, w, b: x @ w - b).message

    def placeholder(x, w, b): ...

    assert "not answered yet - write the body" in checks.grade("99-forward", placeholder).message

    def broken(x, w, b):
        return x @ b

    message = checks.grade("99-forward", broken).message
    assert message.startswith("99-forward: not yet - your function raised ValueError")
    assert "not yet - give the function" in checks.grade("99-forward", 3.0).message


@pytest.mark.parametrize("placeholder", [..., NotImplemented])
def test_unanswered(keys: Path, placeholder: object) -> None:
    message = checks.grade("99-pin", placeholder).message
    assert message == "99-pin: not answered yet - replace the ... with your answer."


def test_check_prints_one_line_and_never_raises(
    keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert checks.check("99-pin", 7391) is not None
    assert checks.check("99-pin", 1) == False  # noqa: E712 - a Verdict equals True or False
    assert checks.check("99-pin", ...) == False  # noqa: E712
    assert capsys.readouterr().out.splitlines() == [
        "99-pin: correct.",
        "99-pin: not yet - that is not it; check your working.",
        "99-pin: not answered yet - replace the ... with your answer.",
    ]
    assert repr(checks.grade("99-pin", 7391)) == "True"


def test_grading_mode_raises_with_the_same_line(
    keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "GRADING", True)
    assert checks.check("99-pin", 7391)
    with pytest.raises(AssertionError, match="^99-pin: not yet - "):
        checks.check("99-pin", 1)
    with pytest.raises(AssertionError, match="^99-pin: not answered yet"):
        checks.check("99-pin", ...)


def test_grading_mode_follows_nbgrader(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    for value, grading in [("autograde", True), ("validate", True), ("", False)]:
        monkeypatch.setenv("NBGRADER_EXECUTION", value)
        assert importlib.reload(checks).GRADING is grading
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert importlib.reload(checks).GRADING is False


def test_quiz_scores_and_names_what_to_revisit(
    keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quiz = checks.Quiz("99")
    quiz.check("99-sigma-prime", 0.105)
    quiz.check("99-loss", 1)
    capsys.readouterr()
    assert quiz.score() == 1
    out = capsys.readouterr().out
    assert out.startswith(f"score: 1 / {len(QUESTIONS)}\n")
    assert "99-loss (not right yet) - reread notebook 04" in out
    assert "99-pin (not checked yet)" in out and "99-sigma-prime" not in out
    with pytest.raises(KeyError):
        quiz.check("98-x", 1)


def test_the_key_holds_no_answer(keys: Path) -> None:
    text = (keys / "99.json").read_text()
    for needle in ["0.105", "7391", "128", '"softmax"', "0.665"]:
        assert needle not in text


def test_spec_errors_are_clear() -> None:
    with pytest.raises(ValueError, match="'NN-short-name'"):
        make_keys._validate("4-x", {"kind": "int", "answer": 1}, "04")
    with pytest.raises(ValueError, match="exactly one of 'decimals' or 'sig'"):
        make_keys._validate("04-x", {"kind": "number", "answer": 1.0}, "04")
    with pytest.raises(ValueError, match="unknown fields"):
        make_keys._validate("04-x", {"kind": "int", "answer": 1, "tolerance": 2}, "04")
    with pytest.raises(ValueError, match="would be accepted"):
        make_keys.build_question("04-x", {"kind": "int", "answer": 1, "wrong": [(1.0, "h")]}, "00")


def test_one_check_takes_about_a_tenth_of_a_second(tmp_path: Path, monkeypatch) -> None:
    _write_key(tmp_path, {"99-pin": QUESTIONS["99-pin"]}, make_keys.ITERATIONS)
    monkeypatch.setattr(checks, "KEY_DIR", tmp_path)
    checks.load_key.cache_clear()
    checks.grade("99-pin", 1)  # load the key
    start = time.perf_counter()
    assert checks.grade("99-pin", 7391)
    seconds = time.perf_counter() - start
    print(f"one check: {seconds:.3f} s")
    assert 0.03 < seconds < 1.0
    checks.load_key.cache_clear()


def test_a_four_digit_key_is_not_recovered_in_one_second(tmp_path: Path, monkeypatch) -> None:
    """Brute force with the key file alone: hash every candidate until one is accepted."""
    _write_key(tmp_path, {"99-pin": QUESTIONS["99-pin"]}, make_keys.ITERATIONS)
    entry = json.loads((tmp_path / "99.json").read_text())["questions"]["99-pin"]
    iterations = json.loads((tmp_path / "99.json").read_text())["iterations"]
    tried, found, start = 0, None, time.perf_counter()
    for n in range(10_000):
        if time.perf_counter() - start > 1.0:
            break
        tried += 1
        if checks.digest(f"int:{n}", entry["salt"], iterations) in entry["accept"]:
            found = n
            break
    seconds = time.perf_counter() - start
    print(f"brute force: {tried} of 10000 candidates in {seconds:.2f} s, found: {found}")
    assert found is None and tried < 100


# ---------------------------------------------------------------------------------------------
# Feedback that teaches: each usual slip gets its own line, and no answer is given away.


def _message(qid: str, answer: object) -> str:
    verdict = checks.grade(qid, answer)
    assert not verdict, f"{answer!r} passed {qid}"
    assert verdict.message.startswith(f"{qid}: not yet - "), verdict.message
    return verdict.message


def test_a_function_without_return_is_told_so(keys: Path) -> None:
    def no_return(x, w, b):
        y = x @ w + b  # noqa: F841 - the slip under test

    def prints(x, w, b):
        print(x @ w + b)

    assert "returned None: end it with `return`" in _message("99-forward", no_return)
    assert "returned None: end it with `return`" in _message("99-forward", prints)

    def some_paths(x, w, b):
        if x.shape[0] == 1:
            return x @ w + b

    assert "returned None for some inputs" in _message("99-forward", some_paths)


def test_placeholder_functions_are_unanswered(keys: Path) -> None:
    def with_docstring(x, w, b):
        """ReLU(xW + b)."""
        ...

    def with_pass(x, w, b):
        pass

    for fn in (with_docstring, with_pass):
        message = checks.grade("99-forward", fn).message
        assert (
            message
            == "99-forward: not answered yet - write the body of the function (replace the ...)."
        )


def test_none_is_named_with_its_causes(keys: Path) -> None:
    message = _message("99-sigma-prime", None)
    assert "the answer is None" in message and "without `return`" in message
    assert "the tape returned None" in message and "notebook 06 section 7" in message
    early = _message("03-value", None)  # before notebook 06: no tape in the hint
    assert "without `return`" in early and "tape" not in early
    assert "give the function itself" in _message("99-forward", None)


@pytest.mark.parametrize("answer", [[0.09, None, 0.665], (None,), [[0.09], [None], [0.665]]])
def test_a_none_inside_an_array_names_the_broken_chain(keys: Path, answer: object) -> None:
    message = _message("99-softmax", answer)
    assert "contains None where a number belongs" in message
    assert checks.TAPE_NONE in message


def test_a_none_gradient_from_the_tape(keys: Path) -> None:
    tf = pytest.importorskip("tensorflow")
    w, b = tf.Variable(2.0), tf.Variable(1.0)
    with tf.GradientTape(persistent=True) as tape:
        w_numpy = w.numpy()  # a NumPy step: the tape does not see it
        loss = tf.constant(w_numpy) ** 2 + b
    gradient = tape.gradient(loss, w)
    assert gradient is None
    assert checks.TAPE_NONE in _message("99-sigma-prime", gradient)
    grads = tape.gradient(loss, [w, b])  # [None, 1.0]
    assert checks.TAPE_NONE in _message("99-softmax", [*grads, tf.constant(1.0)])

    def returns_gradients(x, w, b):
        return [None, 1.0]

    message = _message("99-forward", returns_gradients)
    assert "your function's result contains None" in message and checks.TAPE_NONE in message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("0.105", "that is text"),
        (b"0.105", "that is text"),
        (["0.09", "0.245"], "holds text"),
        ([0.105, 0.2], "shape (2,) (2 values); the question asks for one number"),
        (np.zeros((2, 2)), "shape (2, 2) (4 values)"),
        ([], "shape (0,) (0 values)"),
        ({"a": 0.105}, "that is a dict"),
        (lambda: 0.105, "that is a function, not a value; call it"),
        ([[1.0, 2.0], [3.0]], "different lengths or shapes"),
        (object(), "that is a object; give numbers"),
        (1 + 2j, "that is a complex number; give real numbers"),
    ],
)
def test_wrong_types_are_named(keys: Path, answer: object, words: str) -> None:
    assert words in _message("99-sigma-prime", answer)


def test_wrong_types_in_other_kinds(keys: Path) -> None:
    tf = pytest.importorskip("tensorflow")
    assert "one axis of size 32 is (32,), with a comma" in _message("99-shape", 32)
    assert "unknown size, None" in _message("99-shape", tf.TensorShape([None, 128]))
    assert "unknown size, None" in _message("99-shape", (None, 128))
    assert "tuple of ints" in _message("99-shape", 3.5)
    assert "that is text" in _message("99-pin", "7391")
    assert "give a text in quotes" in _message("99-word", 3)

    def returns_text(x, w, b):
        return "0.5"

    assert "your function returns something else: that is text" in _message(
        "99-forward", returns_text
    )


@pytest.mark.parametrize("qid", ["99-sigma-prime", "99-pin", "99-softmax"])
def test_nan_and_inf_have_their_own_hints(keys: Path, qid: str) -> None:
    tf = pytest.importorskip("tensorflow")
    assert "contains nan (not a number)" in _message(qid, float("nan"))
    assert "contains nan" in _message(qid, tf.constant([np.nan]))
    assert "contains inf: an overflow" in _message(qid, np.array([np.inf]))
    assert "contains inf" in _message(qid, -np.inf)
    if qid == "99-softmax":
        assert "contains nan" in _message(qid, np.array([0.1, np.nan, 0.3]))
        assert "contains inf" in _message(qid, [[0.1], [np.inf], [0.3]])


def test_a_function_returning_nan(keys: Path) -> None:
    def overflows(x, w, b):
        return np.exp(1000.0 * (x @ w + b))  # no warning reaches the student's output

    assert "your function's result contains inf" in _message("99-forward", overflows)


def test_a_number_in_any_form(keys: Path) -> None:
    tf = pytest.importorskip("tensorflow")
    for answer in (
        np.array(0.105),
        np.array([0.105]),
        [[0.105]],
        np.float64(0.105),
        tf.constant(0.105),
        tf.constant([[0.105]]),
        tf.Variable(0.105),
    ):
        assert checks.grade("99-sigma-prime", answer), answer
    assert checks.grade("99-pin", tf.constant([7391])) and checks.grade("99-pin", np.int64(7391))


def test_the_same_numbers_in_another_shape_pass(keys: Path) -> None:
    tf = pytest.importorskip("tensorflow")
    soft = np.array([0.09003057, 0.24472847, 0.66524096])
    for answer in (
        soft.reshape(3, 1),
        soft.reshape(1, 3),
        soft.reshape(1, 3, 1),
        soft.reshape(3, 1).tolist(),
        tf.constant(soft.reshape(3, 1)),
        [tf.constant(v) for v in soft],
    ):
        assert checks.grade("99-softmax", answer), np.shape(answer)
    column = [1.5, 2.5, 3.5]
    assert checks.grade("99-column", column) and checks.grade("99-column", [column])
    assert checks.grade("99-column", tf.constant(column))
    # a known wrong answer in another form gets its hint too
    assert "normalise" in _message("99-softmax", (np.array([1, 2, 3]) / 6).reshape(3, 1))

    def column_output(x, w, b):
        return (x @ w + b).reshape(1, -1)

    assert checks.grade("99-forward", column_output)


def test_a_wrong_shape_is_named(keys: Path) -> None:
    assert _message("99-softmax", [0.1, 0.2]).endswith("the answer has shape (2,); check the axes.")
    assert "has shape (3, 2); check the axes." in _message("99-softmax", np.ones((3, 2)))
    # values wrong, shape right: no shape hint (no hint blames what is right)
    assert _message("99-softmax", [0.2, 0.3, 0.5]).endswith(checks.DEFAULT_HINT)
    assert _message("99-softmax", [[0.2, 0.3, 0.5]]).endswith(checks.DEFAULT_HINT)
    # the prompt states the shape (the spec's public "shape"): the hint names it
    transposed = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]).T
    assert _message("99-grid", transposed).endswith(
        "the answer has shape (3, 2); the question asks for shape (2, 3)."
    )
    assert checks.grade("99-grid", transposed.T)

    def wrong_axis(x, w, b):
        return np.concatenate([x @ w + b, x @ w + b], axis=1)

    assert "your function's result has shapes (1, 2), (2, 2); check the axes." in _message(
        "99-forward", wrong_axis
    )


def test_old_keys_without_a_shape_digest_still_work(keys: Path) -> None:
    key = json.loads((keys / "99.json").read_text())
    for q in key["questions"].values():
        q.pop("shape_digest", None)
        q.pop("shape", None)
    (keys / "99.json").write_text(json.dumps(key))
    checks.load_key.cache_clear()
    assert checks.grade("99-softmax", [[0.090], [0.245], [0.665]])
    assert checks.grade("99-column", [1.5, 2.5, 3.5])
    assert _message("99-softmax", [0.1, 0.2]).endswith(checks.DEFAULT_HINT)
    assert "contains nan" in _message("99-softmax", [0.1, np.nan, 0.2])


class _Hostile:
    """An object whose every conversion raises."""

    shape = property(lambda self: 1 / 0)

    def __array__(self, *args, **kwargs):
        raise RuntimeError("no")

    def __iter__(self):
        raise RuntimeError("no")

    def __float__(self):
        raise RuntimeError("no")

    def __len__(self):
        raise RuntimeError("no")


def _raises_system_error(*args):
    raise MemoryError("student code")


STRANGE = [
    object(),
    _Hostile(),
    type,
    {1, 2},
    (x for x in range(3)),
    10**400,
    -(10**400),
    float("inf"),
    True,
    "",
    b"\xff",
    [[[]]],
    [{"a": 1}],
    np.array(["a", "b"]),
    np.array([None, None]),
    np.zeros((0, 3)),
    np.empty((2, 0)),
    1 + 1j,
    _raises_system_error,
    print,
    len,
    Path("."),
    slice(1),
    [..., ...],
    (...,),
]


@pytest.mark.parametrize("qid", list(QUESTIONS))
def test_nothing_a_student_passes_raises(
    keys: Path, qid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tf = pytest.importorskip("tensorflow")
    strange = [*STRANGE, tf.constant(["a"]), tf.zeros((0,)), tf.constant(np.nan)]
    for answer in strange:
        verdict = checks.check(qid, answer)
        assert verdict.message.startswith(f"{qid}: not yet - "), verdict.message
        assert "could not be checked" not in verdict.message, (answer, verdict.message)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(qid)]
    assert len(lines) == len(strange)  # one line per check (a function passed may print too)


def test_grading_mode_raises_for_anything_wrong(
    keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "GRADING", True)
    for answer in (None, _Hostile(), "7391", [None], float("nan"), lambda: 1):
        with pytest.raises(AssertionError, match="^99-pin: not yet - "):
            checks.check("99-pin", answer)


def test_the_none_hint_points_at_the_section_that_teaches_it() -> None:
    """TAPE_NONE sends the student to notebook 06 section 7: that section is about None."""
    import nbformat

    nb = nbformat.read(make_keys.ROOT / "notebooks" / "06_gradienttape.ipynb", as_version=4)
    headings = [
        line
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("## 7.")
    ]
    assert len(headings) == 1 and "None" in headings[0], headings


# ---------------------------------------------------------------------------------------------
# An instructor's own numbers: make keys --answers DIR --out DIR, read through HELPERS_ANSWER_KEYS


PRIVATE_SPEC = '''"""An instructor's own numbers for notebook 04 (outside the repository)."""

import numpy as np

QUESTIONS = {
    "04-bce-one": {
        "kind": "number",
        "answer": -np.log(1 - 0.6),
        "decimals": 3,
        "wrong": [(-np.log(0.6), "the label is 0: -log(1 - p) counts.")],
    },
    "04-mae": {"kind": "number", "answer": 2.75, "decimals": 2},
}
'''


def test_make_keys_takes_an_answers_folder_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers, out = tmp_path / "private" / "answers", tmp_path / "private" / "keys"
    answers.mkdir(parents=True)
    (answers / "04_loss_functions.py").write_text(PRIVATE_SPEC)
    assert make_keys.main(["--answers", str(answers), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["04.json"]
    first = (out / "04.json").read_text()
    assert "0.916" not in first and "2.75" not in first
    # re-running keeps the salts: nothing changes, and --check agrees
    assert make_keys.main(["--answers", str(answers), "--out", str(out)]) == 0
    assert (out / "04.json").read_text() == first
    assert make_keys.main(["--check", "--answers", str(answers), "--out", str(out)]) == 0
    assert "delete it" not in capsys.readouterr().out

    monkeypatch.setattr(checks, "GRADING", False)
    monkeypatch.setenv("HELPERS_ANSWER_KEYS", str(out))
    checks.load_key.cache_clear()
    try:
        assert checks.key_path("04") == out / "04.json"
        assert checks.grade("04-bce-one", -np.log(0.4)) and checks.grade("04-mae", 2.75)
        assert not checks.grade("04-bce-one", -np.log(0.25))  # the public numbers fail
        assert "-log(1 - p) counts" in checks.grade("04-bce-one", -np.log(0.6)).message
        # a notebook without a key of its own keeps the shipped key
        assert checks.key_path("06") == checks.KEY_DIR / "06.json"
    finally:
        checks.load_key.cache_clear()
    with pytest.raises(SystemExit):
        make_keys.main(["--answers", str(tmp_path / "nowhere")])


def test_make_keys_target_passes_answers_and_keys(tmp_path: Path) -> None:
    import subprocess
    import sys

    answers, out = tmp_path / "answers", tmp_path / "keys"
    answers.mkdir()
    (answers / "04_loss_functions.py").write_text(PRIVATE_SPEC)
    run = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "keys", f"ANSWERS={answers}", f"KEYS={out}"]
        + [f"BIN={Path(sys.executable).parent}"],
        cwd=make_keys.ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert (out / "04.json").is_file() and "04.json written (2 questions)" in run.stdout


def _readme_grading_command() -> str:
    """The command of docs/GRADING.md's "Grading without nbgrader" section."""
    readme = (make_keys.ROOT / "docs" / "GRADING.md").read_text()
    section = readme.split("**Grading without nbgrader.**", 1)[1]
    return section.split("```bash\n", 1)[1].split("```", 1)[0]


def test_the_readme_grading_command_counts_each_right_answer_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run the README's command on a notebook with known verdicts: two questions right (one of
    them checked twice), one wrong, a cell that raises, and prose that quotes a check line."""
    import os
    import subprocess
    import sys

    import nbformat

    answers, keys_dir = tmp_path / "answers", tmp_path / "keys"
    answers.mkdir()
    (answers / "04_loss_functions.py").write_text(PRIVATE_SPEC)
    monkeypatch.setattr(make_keys, "ITERATIONS", 1000)
    assert make_keys.main(["--answers", str(answers), "--out", str(keys_dir)]) == 0
    new = nbformat.v4
    nb = new.new_notebook(
        cells=[
            new.new_code_cell("import numpy as np\n\nfrom helpers import checks"),
            new.new_markdown_cell("A right answer shows\n\n04-mae: correct.\n"),
            new.new_code_cell('checks.check("04-bce-one", -np.log(0.4))'),
            new.new_code_cell('checks.check("04-mae", 2.7)'),
            new.new_code_cell("undefined_name"),
            new.new_code_cell('checks.check("04-mae", 2.75)\nchecks.check("04-mae", [2.75])'),
        ]
    )
    nbformat.write(nb, tmp_path / "sub.ipynb")
    env = dict(os.environ, HELPERS_ANSWER_KEYS=str(keys_dir))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(make_keys.ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("NBGRADER_EXECUTION", None)
    run = subprocess.run(
        ["bash", "-o", "pipefail", "-c", _readme_grading_command()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "2", run.stdout + run.stderr[-3000:]
