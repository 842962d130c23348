"""Feedback for exercises: one call per answer, one line of feedback, no answer in sight.

A check cell is one short call per answer, ``checks.check("04-bce", bce_ex)``. It compares the
answer, rounded as the question says, with a hidden key (``helpers/answer_keys/NN.json``, made by
``make keys`` from ``tools/answers/``) and shows one line, ``04-bce: correct.``, ``04-bce: not yet -
<hint>`` or ``04-bce: not answered yet - ...`` (a coloured ✓/✗ line in Jupyter, the same plain text
everywhere else), and returns the verdict (equal to True or False). A wrong or missing answer
never raises, except in grading mode (``GRADING``, on when nbgrader autogrades or validates), where
it raises ``AssertionError`` with the same line. ``Quiz`` adds up a series of checks (notebook 11).

Feedback names the usual slips without giving the answer away: a hint of the question's spec
for a common wrong answer, and otherwise a function without ``return``, a None (from a function
without ``return``, or a gradient the tape did not record), text or a function where numbers
belong, nan or inf, and a wrong shape. The same numbers in another form count as the same answer:
a (3, 1) column or a (1, 3) row for (3,) and back, a 0-d or 1-element array for a number, and a
tf.Tensor, np.ndarray or list alike. Nothing a student passes makes a check raise, except in
grading mode.

A key holds, per question, a random salt and slow salted hashes (PBKDF2-HMAC-SHA256) of the
accepted answers in canonical form, hints keyed by the hashes of common wrong answers, and for an
array the hash of its shape (``shape_digest``; keys without it still work, without the shape
hint): reading it does not give the answer, and guessing costs about 0.1 s per try. Used by every
notebook's exercises; the format is described in CONTRIBUTING.md ("Writing an exercise").
"""

from __future__ import annotations

import dis
import functools
import hashlib
import html
import json
import math
import os
import warnings
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


def _contains_none(value: Any, depth: int = 0) -> bool:
    """Whether a list, tuple or object array holds None somewhere (as tape.gradient returns it)."""
    if value is None:
        return True
    if depth > 6:
        return False
    if isinstance(value, (list, tuple)):
        return any(_contains_none(v, depth + 1) for v in value)
    if isinstance(value, np.ndarray) and value.dtype == object:
        return any(_contains_none(v, depth + 1) for v in value.flat)
    return False


def _numbers(value: Any) -> np.ndarray:
    """``value`` as an array of floats (a number, list, np.ndarray or tensor alike), or an
    AnswerFormatError that says what the value is instead."""
    if isinstance(value, (str, bytes)):
        raise AnswerFormatError("that is text (in quotes); give the number itself, without quotes")
    if isinstance(value, dict):
        raise AnswerFormatError("that is a dict; give the numbers themselves")
    if callable(value) and not hasattr(value, "shape"):
        raise AnswerFormatError("that is a function, not a value; call it and give its result")
    if _contains_none(value):
        raise AnswerFormatError("it contains None where a number belongs")
    try:
        raw = np.asarray(value)
        if raw.dtype.kind in "USa":
            raise AnswerFormatError("that holds text (in quotes); give numbers, without quotes")
        if raw.dtype.kind == "c":
            raise AnswerFormatError("that is a complex number; give real numbers")
        arr = np.asarray(raw, dtype=float)
    except AnswerFormatError:
        raise
    except ValueError as err:
        if "inhomogeneous" in str(err) or "sequence" in str(err):
            raise AnswerFormatError(
                "its parts have different lengths or shapes; give one array of numbers"
            ) from err
        raise AnswerFormatError(f"that is a {type(value).__name__}; give numbers") from err
    except Exception as err:  # noqa: BLE001 - anything a student passes
        raise AnswerFormatError(f"that is a {type(value).__name__}; give numbers") from err
    return arr


def _one_value(arr: np.ndarray) -> np.ndarray:
    if arr.size != 1:
        raise AnswerFormatError(
            f"that has shape {arr.shape} ({arr.size} values); the question asks for one number"
        )
    return arr.reshape(())


def canonical(value: Any, spec: dict[str, Any]) -> str:
    """The canonical text of an answer of kind ``spec["kind"]`` (raises AnswerFormatError)."""
    kind = spec["kind"]
    if kind == "number":
        return "number:" + format_number(_one_value(_numbers(value)), spec)
    if kind == "array":
        arr = _numbers(value)
        return f"array:{arr.shape}:" + ",".join(format_number(v, spec) for v in arr.ravel())
    if kind == "int":
        x = float(_one_value(_numbers(value)))
        if not math.isfinite(x):
            raise AnswerFormatError(_nonfinite_hint(np.asarray(x), "the answer"))
        if not x.is_integer():
            raise AnswerFormatError("give a whole number")
        return f"int:{int(x)}"
    if kind == "shape":
        return "shape:" + str(_dims(value))
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
        outputs = call_function(value, spec)
        if any(r is None for r in outputs):
            raise AnswerFormatError("the function returned None; end it with return")
        return function_text(outputs, spec)
    raise ValueError(f"unknown answer kind {kind!r}; use one of {KINDS}.")


def _dims(value: Any) -> tuple[int, ...]:
    """A shape answer as a tuple of ints: a tuple or list, or anything with ``.shape``."""
    try:
        shape = getattr(value, "shape", value)
    except Exception as err:  # noqa: BLE001 - anything a student passes
        raise AnswerFormatError("give a tuple of ints such as (32, 10)") from err
    if isinstance(shape, (str, bytes)):
        raise AnswerFormatError("that is text; give a tuple of ints such as (32, 10)")
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        raise AnswerFormatError(
            f"give a tuple of ints: one axis of size {int(shape)} is ({int(shape)},), with a comma"
        )
    try:
        parts = list(shape)
    except Exception as err:  # noqa: BLE001 - anything a student passes
        raise AnswerFormatError("give a tuple of ints such as (32, 10)") from err
    if any(d is None for d in parts):
        raise AnswerFormatError(
            f"{tuple(parts)} has an unknown size, None (a model's batch axis before it sees "
            "data); give every size as an int"
        )
    try:
        return tuple(int(d) for d in parts)
    except Exception as err:  # noqa: BLE001 - anything a student passes
        raise AnswerFormatError("give a tuple of ints such as (32, 10)") from err


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


def call_function(fn: Any, spec: dict[str, Any]) -> list[Any]:
    """The results of a function answer on the question's ``inputs``, one per argument list.

    Raises AnswerFormatError when ``fn`` is not callable or raises (its warnings are silenced:
    the feedback line says what went wrong)."""
    if not callable(fn):
        raise AnswerFormatError("give the function itself (its name, without calling it)")
    outputs = []
    for args in spec["inputs"]:
        converted = [_convert(a, spec.get("convert", "numpy")) for a in args]
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                outputs.append(fn(*converted))
        except Exception as err:  # noqa: BLE001 - the student's code may raise anything
            raise AnswerFormatError(
                f"your function raised {type(err).__name__}: {err}".rstrip(": ")
            ) from err
    return outputs


def function_text(outputs: list[Any], spec: dict[str, Any]) -> str:
    """The canonical text of a function answer from its outputs on the question's inputs."""
    output = {**spec, "kind": spec.get("output", "number")}
    return "function:" + "|".join(canonical(r, output) for r in outputs)


def shapes_text(arrays: list[np.ndarray]) -> str:
    """The text hashed as a key's ``shape_digest``: the shape of an array answer, or of each
    output of a function answer (``shapes:(3,)``, ``shapes:(5,)|(2, 1)``)."""
    return "shapes:" + "|".join(str(tuple(a.shape)) for a in arrays)


def _is_placeholder(fn: Any) -> bool:
    """Whether a function's body does nothing but return None (``...``, ``pass``, a docstring)."""
    code = getattr(getattr(fn, "python_function", fn), "__code__", None)
    if code is None:
        return False
    skip = {"RESUME", "NOP", "CACHE", "COPY_FREE_VARS", "MAKE_CELL"}
    ops = [(i.opname, i.argval) for i in dis.get_instructions(code) if i.opname not in skip]
    return ops in ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def digest(text: str, salt: str, iterations: int) -> str:
    """The slow salted hash of a canonical answer (PBKDF2-HMAC-SHA256, hex)."""
    return hashlib.pbkdf2_hmac("sha256", text.encode(), bytes.fromhex(salt), iterations).hex()


# ---------------------------------------------------------------------------------------------
# Keys and checks


def key_path(notebook: str) -> Path:
    """Where the key of notebook ``NN`` is read: ``$HELPERS_ANSWER_KEYS/NN.json`` if that file
    exists (an instructor's own numbers, docs/GRADING.md), else the key shipped in helpers."""
    override = os.environ.get("HELPERS_ANSWER_KEYS")
    if override and (Path(override) / f"{notebook}.json").is_file():
        return Path(override) / f"{notebook}.json"
    return KEY_DIR / f"{notebook}.json"


@functools.cache
def load_key(notebook: str) -> dict[str, Any]:
    """The answer key of notebook ``NN`` (e.g. "04"), as written by ``make keys``."""
    path = key_path(notebook)
    if not path.is_file():
        raise FileNotFoundError(f"no answer key {path}; run `make keys`.")
    return json.loads(path.read_text())


def _question(qid: str) -> dict[str, Any]:
    key = load_key(qid.split("-", 1)[0])
    if qid not in key["questions"]:
        raise KeyError(f"no question {qid!r} in the answer key; run `make keys`.")
    return {**key["questions"][qid], "iterations": key["iterations"]}


def _unanswered(answer: Any) -> bool:
    return answer is Ellipsis or answer is NotImplemented


PLACEHOLDER_HELP = {
    "function": "write the body of the function (replace the ...)",
    "choice": "replace the ... with your letter",
}
NO_RETURN = "a function without `return` gives None (so does print(...))"
TAPE_NONE = (
    "the tape returned None: the result does not depend on that variable through operations "
    "the tape recorded, e.g. a Variable replaced by a tensor, a NumPy step, an integer tensor; "
    "see notebook 06 section 7"
)
DEFAULT_HINT = "that is not it; check your working."


def _none_hint(qid: str, what: str) -> str:
    """The hint for a None where a value belongs; the tape's cause from notebook 06 on."""
    if qid[:2].isdigit() and int(qid[:2]) >= 6:
        return f"{what}. If it is a gradient, {TAPE_NONE}. Otherwise: {NO_RETURN}."
    return f"{what}: {NO_RETURN}."


def _nonfinite_hint(arr: np.ndarray, what: str) -> str:
    if np.isnan(arr).any():
        return (
            f"{what} contains nan (not a number): it comes from 0/0, inf - inf, 0 * inf or the "
            "log or square root of a negative number; print the steps to see where it starts."
        )
    return (
        f"{what} contains inf: an overflow (such as exp of a large number), a division by zero "
        "or log(0); print the steps to see where it starts."
    )


def _shapes_hint(arrays: list[np.ndarray], q: dict[str, Any], what: str) -> str:
    shapes = sorted({tuple(a.shape) for a in arrays}, key=str)
    got = ", ".join(map(str, shapes))
    has = f"{what} has shape {got}" if len(shapes) == 1 else f"{what} has shapes {got}"
    if q.get("shape") is not None:
        return f"{has}; the question asks for shape {tuple(q['shape'])}."
    return f"{has}; check the axes."


def _same_numbers_reshaped(arr: np.ndarray) -> list[np.ndarray]:
    """The other forms of the same numbers that count as the same answer: size-1 axes dropped,
    and a vector as (n,), an (n, 1) column or a (1, n) row."""
    squeezed = arr.reshape([d for d in arr.shape if d != 1])
    forms = [squeezed]
    if squeezed.ndim <= 1:
        n = arr.size
        forms += [arr.reshape(n), arr.reshape(n, 1), arr.reshape(1, n)]
    return forms


def _other_forms(arrays: list[np.ndarray]) -> list[list[np.ndarray]]:
    """Each way of reshaping all outputs alike, without the shapes they already have."""
    options = [_same_numbers_reshaped(a) for a in arrays]
    seen = {tuple(a.shape for a in arrays)}
    forms = []
    for i in range(max(len(o) for o in options)):
        form = [o[min(i, len(o) - 1)] for o in options]
        shapes = tuple(a.shape for a in form)
        if shapes not in seen:
            seen.add(shapes)
            forms.append(form)
    return forms


def grade(qid: str, answer: Any) -> Verdict:
    """The verdict on ``answer`` to question ``qid``, without showing it or raising."""
    q = _question(qid)
    try:
        return _grade(qid, q, answer)
    except Exception as err:  # noqa: BLE001 - never raise for what a student passes
        return Verdict(
            False, f"{qid}: not yet - this answer could not be checked ({type(err).__name__})."
        )


def _grade(qid: str, q: dict[str, Any], answer: Any) -> Verdict:
    kind = q["kind"]
    todo = PLACEHOLDER_HELP.get(kind, "replace the ... with your answer")
    if _unanswered(answer) or kind == "function" and _is_placeholder(answer):
        return Verdict(False, f"{qid}: not answered yet - {todo}.")

    def no(hint: str) -> Verdict:
        return Verdict(False, f"{qid}: not yet - {hint}")

    if answer is None and kind == "function":
        return no("the answer is None; give the function itself (its name, without calling it).")
    if answer is None:
        return no(_none_hint(qid, "the answer is None, not a value"))
    what, values, spec = "the answer", [answer], q
    if kind == "function":
        what, spec = "your function's result", {**q, "kind": q.get("output", "number")}
        try:
            values = call_function(answer, q)
        except AnswerFormatError as err:
            return no(f"{err}.")
        if all(v is None for v in values):
            return no("your function returned None: end it with `return` and its result.")
        if any(v is None for v in values):
            return no("your function returned None for some inputs; end each path with return.")

    def text_of(vals: list[Any]) -> str:
        return function_text(vals, q) if kind == "function" else canonical(vals[0], q)

    def known(text: str) -> Verdict | None:
        h = digest(text, q["salt"], q["iterations"])
        if h in q["accept"]:
            return Verdict(True, f"{qid}: correct.")
        return no(q["hints"][h]) if h in q["hints"] else None

    try:
        text = text_of(values)
    except AnswerFormatError as err:
        if spec["kind"] in ("number", "array", "int") and any(_contains_none(v) for v in values):
            return no(_none_hint(qid, f"{what} contains None where a number belongs"))
        message = str(err)
        if kind == "function" and message.startswith("that "):
            message = f"your function returns something else: {message}"
        return no(f"{message}.")
    verdict = known(text)
    if verdict is not None:
        return verdict
    if spec["kind"] not in ("number", "array", "int"):
        return no(q.get("hint") or DEFAULT_HINT)
    arrays = [_numbers(v) for v in values]
    shape_ok = None
    if spec["kind"] == "array":
        if "shape_digest" in q:
            shape_ok = digest(shapes_text(arrays), q["salt"], q["iterations"]) == q["shape_digest"]
        for form in [] if shape_ok else _other_forms(arrays):
            if "shape_digest" in q and (
                digest(shapes_text(form), q["salt"], q["iterations"]) != q["shape_digest"]
            ):
                continue
            verdict = known(text_of(form))
            if verdict is not None:
                return verdict
            if "shape_digest" in q:
                shape_ok = True  # the same numbers in the shape asked for: the numbers are wrong
                break
    if not all(np.isfinite(a).all() for a in arrays):
        return no(_nonfinite_hint(np.concatenate([a.ravel() for a in arrays]), what))
    if shape_ok is False:
        return no(_shapes_hint(arrays, q, what))
    return no(q.get("hint") or DEFAULT_HINT)


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
    try:
        _show(verdict)
    except Exception:  # noqa: BLE001 - a display problem must not stop a student's notebook
        print(verdict.message)
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
