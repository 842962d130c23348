"""Feedback for exercises: one call per answer, one line of feedback, no answer in sight.

A check cell is one short call per answer, ``checks.check("04-bce", bce_ex)``. It compares the
answer, rounded as the question says, with a hidden key (``helpers/answer_keys/NN.json``, made by
``make keys`` from ``tools/answers/``) and shows one line, ``04-bce: correct.``, ``04-bce: not yet -
<hint>`` or ``04-bce: not answered yet - ...`` (a coloured ✓/✗ line in Jupyter, the same plain text
everywhere else), and returns the verdict (equal to True or False). A wrong or missing answer
never raises, except in grading mode (``GRADING``, on when nbgrader autogrades or validates), where
it raises ``AssertionError`` with the same line. ``Quiz`` adds up a series of checks (notebook 11).

A key holds, per question, a random salt and slow salted hashes (PBKDF2-HMAC-SHA256) of the
accepted answers in canonical form, and hints keyed by the hashes of common wrong answers: reading
it does not give the answer, and guessing costs about 0.1 s per try. Used by every notebook's
exercises; the format is described in CONTRIBUTING.md ("Writing an exercise").
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

#: Grading mode: a wrong or missing answer raises AssertionError. nbgrader sets
#: NBGRADER_EXECUTION ("autograde" or "validate") in the kernels it runs; set it by hand if needed.
GRADING = os.environ.get("NBGRADER_EXECUTION", "") in {"autograde", "validate"}

KEY_DIR = Path(__file__).parent / "answer_keys"
KINDS = ("number", "array", "int", "shape", "text", "choice", "function")


class AnswerFormatError(ValueError):
    """The answer is not of the kind the question asks for (e.g. text where a number is wanted)."""


class Verdict(int):
    """The verdict of one check: equal to True or False, with the feedback line as ``message``."""

    message: str

    def __new__(cls, ok: bool, message: str) -> Verdict:
        verdict = super().__new__(cls, bool(ok))
        verdict.message = message
        return verdict

    @property
    def ok(self) -> bool:
        return bool(self)

    def __repr__(self) -> str:
        return repr(bool(self))

    def __str__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Show nothing as a cell's result: ``check`` has already shown the feedback line."""


class _Quiet(int):
    """An int that shows nothing as a cell's result (the cell has printed it already)."""

    def _ipython_display_(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------
# Canonical forms: the text that is hashed. make keys (tools/make_keys.py) uses the same functions.


def format_number(x: float, spec: dict[str, Any]) -> str:
    """A number rounded as ``spec`` says: ``decimals`` places, or ``sig`` significant digits."""
    x = float(x)
    if not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if "decimals" in spec:
        text = f"{x:.{int(spec['decimals'])}f}"
    elif "sig" in spec:
        text = f"{x:.{int(spec['sig']) - 1}e}"
    else:
        raise ValueError("a number needs 'decimals' or 'sig' in its spec.")
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _numbers(value: Any) -> np.ndarray:
    if isinstance(value, (str, bytes)) or callable(value) and not hasattr(value, "shape"):
        raise AnswerFormatError("give numbers")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise AnswerFormatError("give numbers") from err
    return arr


def canonical(value: Any, spec: dict[str, Any]) -> str:
    """The canonical text of an answer of kind ``spec["kind"]`` (raises AnswerFormatError)."""
    kind = spec["kind"]
    if kind == "number":
        arr = _numbers(value)
        if arr.size != 1:
            raise AnswerFormatError(f"give one number, not {arr.size} values")
        return "number:" + format_number(arr.reshape(()), spec)
    if kind == "array":
        arr = _numbers(value)
        return f"array:{arr.shape}:" + ",".join(format_number(v, spec) for v in arr.ravel())
    if kind == "int":
        arr = _numbers(value)
        if arr.size != 1 or not float(arr.reshape(())).is_integer():
            raise AnswerFormatError("give a whole number")
        return f"int:{int(arr.reshape(()))}"
    if kind == "shape":
        shape = getattr(value, "shape", value)
        if isinstance(shape, (str, bytes)):
            raise AnswerFormatError("give a tuple of ints such as (32, 10)")
        try:
            dims = tuple(int(d) for d in shape)
        except (TypeError, ValueError) as err:
            raise AnswerFormatError("give a tuple of ints such as (32, 10)") from err
        return f"shape:{dims}"
    if kind == "text":
        if not isinstance(value, str):
            raise AnswerFormatError("give a text in quotes")
        return "text:" + " ".join(value.lower().split())
    if kind == "choice":
        options = [o.lower() for o in spec["options"]]
        if not isinstance(value, str) or value.strip().lower() not in options:
            raise AnswerFormatError(f"give one of the options {', '.join(map(repr, options))}")
        return "choice:" + value.strip().lower()
    if kind == "function":
        return _canonical_function(value, spec)
    raise ValueError(f"unknown answer kind {kind!r}; use one of {KINDS}.")


class _Unanswered(Exception):
    pass


def _convert(arg: Any, how: str) -> Any:
    if how == "none" or isinstance(arg, (str, bool)):
        return arg
    if how == "numpy":
        return np.asarray(arg)
    if how == "float32":
        return np.asarray(arg, dtype=np.float32)
    if how == "tensor":
        import tensorflow as tf

        return tf.constant(arg, dtype=tf.float32)
    raise ValueError(f"unknown convert {how!r}; use numpy, float32, tensor or none.")


def _canonical_function(fn: Any, spec: dict[str, Any]) -> str:
    if not callable(fn):
        raise AnswerFormatError("give the function itself (its name, without calling it)")
    output = {**spec, "kind": spec.get("output", "number")}
    parts = []
    outputs = []
    for args in spec["inputs"]:
        try:
            result = fn(*[_convert(a, spec.get("convert", "numpy")) for a in args])
        except Exception as err:  # noqa: BLE001 - the student's code may raise anything
            raise AnswerFormatError(
                f"your function raised {type(err).__name__}: {err}".rstrip(": ")
            ) from err
        outputs.append(result)
        if result is not None:
            parts.append(canonical(result, output))
    if all(r is None for r in outputs):
        raise _Unanswered
    if any(r is None for r in outputs):
        raise AnswerFormatError("your function returned None for some inputs; end it with return")
    return "function:" + "|".join(parts)


def digest(text: str, salt: str, iterations: int) -> str:
    """The slow salted hash of a canonical answer (PBKDF2-HMAC-SHA256, hex)."""
    return hashlib.pbkdf2_hmac("sha256", text.encode(), bytes.fromhex(salt), iterations).hex()


# ---------------------------------------------------------------------------------------------
# Keys and checks


@functools.cache
def load_key(notebook: str) -> dict[str, Any]:
    """The answer key of notebook ``NN`` (e.g. "04"), as written by ``make keys``."""
    path = KEY_DIR / f"{notebook}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no answer key {path}; run `make keys`.")
    return json.loads(path.read_text())


def _question(qid: str) -> dict[str, Any]:
    key = load_key(qid.split("-", 1)[0])
    if qid not in key["questions"]:
        raise KeyError(f"no question {qid!r} in the answer key; run `make keys`.")
    return {**key["questions"][qid], "iterations": key["iterations"]}


def _unanswered(answer: Any) -> bool:
    return answer is None or answer is Ellipsis or answer is NotImplemented


PLACEHOLDER_HELP = {
    "function": "write the body of the function (replace the ...)",
    "choice": "replace the ... with your letter",
}


def grade(qid: str, answer: Any) -> Verdict:
    """The verdict on ``answer`` to question ``qid``, without showing it or raising."""
    q = _question(qid)
    todo = PLACEHOLDER_HELP.get(q["kind"], "replace the ... with your answer")
    if _unanswered(answer):
        return Verdict(False, f"{qid}: not answered yet - {todo}.")
    try:
        text = canonical(answer, q)
    except _Unanswered:
        return Verdict(False, f"{qid}: not answered yet - {todo}.")
    except AnswerFormatError as err:
        return Verdict(False, f"{qid}: not yet - {err}.")
    got = digest(text, q["salt"], q["iterations"])
    if got in q["accept"]:
        return Verdict(True, f"{qid}: correct.")
    hint = q["hints"].get(got) or q.get("hint") or "that is not it; check your working."
    return Verdict(False, f"{qid}: not yet - {hint}")


def _show(verdict: Verdict) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        get_ipython = None  # noqa: N806
    shell = get_ipython() if get_ipython else None
    if shell is None or not hasattr(shell, "kernel"):
        print(verdict.message)
        return
    mark, colour = ("✓", "#1a7f37") if verdict else ("✗", "#cf222e")
    line = (
        f'<div style="color:{colour};font-weight:bold">{mark} {html.escape(verdict.message)}</div>'
    )
    display({"text/plain": verdict.message, "text/html": line}, raw=True)


def check(qid: str, answer: Any) -> Verdict:
    """Show whether ``answer`` to question ``qid`` (e.g. "04-bce") is right; return the verdict.

    Shows one line (a coloured ✓/✗ line in Jupyter) and never raises for a wrong or missing
    answer, except in grading mode (``GRADING``), where it raises AssertionError with that line.
    """
    verdict = grade(qid, answer)
    _show(verdict)
    if GRADING and not verdict:
        raise AssertionError(verdict.message)
    return verdict


class Quiz:
    """A series of checks with a score at the end: ``quiz = Quiz("11")``, ``quiz.check(qid, a)``,
    ``quiz.score()``. Taught in 11_recap_quiz; never raises for a low score."""

    def __init__(self, notebook: str) -> None:
        self.notebook = notebook
        self.questions = dict(load_key(notebook)["questions"])
        self.results: dict[str, bool] = {}

    def check(self, qid: str, answer: Any) -> Verdict:
        """Check one answer (see ``check``) and record its latest verdict."""
        if qid not in self.questions:
            raise KeyError(f"{qid!r} is not a question of quiz {self.notebook}.")
        self.results[qid] = False
        verdict = check(qid, answer)
        self.results[qid] = bool(verdict)
        return verdict

    def score(self) -> int:
        """Print the score and the questions to revisit (with their notebooks); return the score
        (an int that Jupyter does not echo under the printed lines)."""
        right = [q for q in self.questions if self.results.get(q)]
        missed = [q for q in self.questions if q not in right]
        print(f"score: {len(right)} / {len(self.questions)}")
        if not missed:
            print("to revisit: nothing - well done.")
        for q in missed:
            status = "not checked yet" if q not in self.results else "not right yet"
            where = self.questions[q].get("revisit", "")
            print(f"to revisit: {q} ({status})" + (f" - reread notebook {where}" if where else ""))
        return _Quiet(len(right))
