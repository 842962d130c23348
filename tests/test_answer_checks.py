"""helpers.checks.check and Quiz with keys made by tools/make_keys.py: verdicts, rounding, hints,
placeholders, functions, grading mode, the time of one check, and a brute-force attempt."""

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


def _write_key(directory: Path, questions: dict[str, dict[str, Any]], iterations: int) -> None:
    key = {"format": 1, "notebook": "99_test.ipynb", "iterations": iterations, "questions": {}}
    old = make_keys.ITERATIONS
    make_keys.ITERATIONS = iterations
    try:
        for qid, q in questions.items():
            make_keys._validate(qid, q, "99")
            key["questions"][qid] = make_keys.build_question(qid, q, f"{len(qid):032x}")
    finally:
        make_keys.ITERATIONS = old
    (directory / "99.json").write_text(json.dumps(key))


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A key for QUESTIONS with few iterations (fast tests); the timing tests use the real count."""
    _write_key(tmp_path, QUESTIONS, 1000)
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


@pytest.mark.parametrize("placeholder", [..., None, NotImplemented])
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
