"""Feedback for exercises: tell a student at once whether an answer is right, with a hint if not.

``grade_*`` return a ``Feedback``; ``check_*`` print it (what an exercise's check cell calls). A
wrong or missing answer never raises: only a mistake in the check itself (e.g. a malformed expected
shape) does. Used by the exercises of every notebook.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Hints = Sequence[tuple[Any, str]]


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer and the sentence shown to the student."""

    ok: bool
    message: str

    def __str__(self) -> str:
        return self.message


def _unanswered(answer: Any) -> bool:
    return answer is None or answer is Ellipsis or answer is NotImplemented


def _as_array(value: Any) -> np.ndarray | None:
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - anything NumPy cannot read is compared with ==
        return None
    return arr if np.issubdtype(arr.dtype, np.number) or arr.dtype == bool else None


def _close(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def grade_value(
    answer: Any,
    expected: Any,
    name: str = "answer",
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hints: Hints = (),
) -> Feedback:
    """Compare a number, array or tensor (or any value, with ==) to the expected one.

    ``hints`` lists (common wrong answer, hint) pairs; a sign error and a transposed array get a
    hint of their own.
    """
    if _unanswered(answer):
        return Feedback(
            False, f"{name}: not answered yet - replace the placeholder with your answer."
        )
    exp = _as_array(expected)
    ans = _as_array(answer)
    if exp is None or ans is None:
        ok = answer == expected
        return Feedback(
            bool(ok), f"{name}: correct." if ok else f"{name}: not yet - {answer!r} is not right."
        )
    if _close(ans, exp, rtol, atol):
        return Feedback(True, f"{name}: correct.")
    for wrong, hint in hints:
        wrong_arr = _as_array(wrong)
        if wrong_arr is not None and _close(ans, wrong_arr, rtol, atol):
            return Feedback(False, f"{name}: not yet. Hint: {hint}")
    if ans.shape != exp.shape:
        if ans.ndim == 2 and ans.T.shape == exp.shape and _close(ans.T, exp, rtol, atol):
            return Feedback(
                False, f"{name}: not yet. Hint: your array is the transpose of the answer."
            )
        return Feedback(False, f"{name}: not yet - expected shape {exp.shape}, got {ans.shape}.")
    if np.any(exp != 0) and _close(-ans, exp, rtol, atol):
        return Feedback(False, f"{name}: not yet. Hint: the sign is wrong.")
    return Feedback(False, f"{name}: not yet - the value is not right; check your working.")


def grade_shape(answer: Any, expected: Sequence[int], name: str = "shape") -> Feedback:
    """Compare a shape (a tuple, or anything with ``.shape``) to the expected one."""
    if not isinstance(expected, (tuple, list)) or not all(
        isinstance(d, (int, np.integer)) for d in expected
    ):
        raise TypeError(f"expected must be a tuple of ints such as (32, 10), got {expected!r}.")
    expected = tuple(int(d) for d in expected)
    if _unanswered(answer):
        return Feedback(
            False, f"{name}: not answered yet - replace the placeholder with a tuple of ints."
        )
    shape = getattr(answer, "shape", answer)
    try:
        got = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        return Feedback(
            False, f"{name}: not yet - give a tuple of ints such as (32, 10), got {answer!r}."
        )
    if got == expected:
        return Feedback(True, f"{name}: correct, {expected}.")
    if got == tuple(reversed(expected)):
        return Feedback(
            False, f"{name}: not yet. Hint: {got} is the transpose; which axis comes first?"
        )
    if len(got) != len(expected):
        return Feedback(
            False,
            f"{name}: not yet - the answer has rank {len(expected)}, yours has rank {len(got)}.",
        )
    return Feedback(False, f"{name}: not yet - {got} is not right; check each dimension.")


def grade_choice(
    answer: Any, correct: str, options: Sequence[str], name: str = "choice"
) -> Feedback:
    """Check a multiple-choice answer given as one of ``options`` (letters or words)."""
    if correct not in options:
        raise ValueError(f"correct answer {correct!r} is not among the options {list(options)}.")
    if _unanswered(answer):
        return Feedback(False, f"{name}: not answered yet - choose one of {list(options)}.")
    if answer not in options:
        return Feedback(
            False, f"{name}: {answer!r} is not an option; choose one of {list(options)}."
        )
    if answer == correct:
        return Feedback(True, f"{name}: correct.")
    return Feedback(False, f"{name}: not yet - {answer!r} is not right; think again.")


def answer_digest(value: Any) -> str:
    """SHA-256 of an answer in canonical form (numbers to 6 significant digits, text lower-cased).

    Lets a check cell hold an answer without showing it: ``grade_digest(answer, digest)``.
    """
    if isinstance(value, str):
        canonical = "text:" + " ".join(value.lower().split())
    else:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as err:
            raise TypeError(
                f"cannot make a digest of {value!r}: give a number, array, shape or text."
            ) from err
        canonical = f"num:{arr.shape}:" + ",".join(f"{v:.6g}" for v in arr.ravel())
    return hashlib.sha256(canonical.encode()).hexdigest()


def grade_digest(
    answer: Any, digest: str, name: str = "answer", hints: Sequence[tuple[str, str]] = ()
) -> Feedback:
    """Compare an answer with a hidden one given as its ``answer_digest``; hints are (digest, hint) pairs."""
    if not (isinstance(digest, str) and len(digest) == 64):
        raise ValueError(
            f"digest must be a 64-character answer_digest(...) string, got {digest!r}."
        )
    if _unanswered(answer):
        return Feedback(
            False, f"{name}: not answered yet - replace the placeholder with your answer."
        )
    try:
        got = answer_digest(answer)
    except TypeError:
        return Feedback(
            False, f"{name}: not yet - give a number, a tuple or a word, got {answer!r}."
        )
    if got == digest:
        return Feedback(True, f"{name}: correct.")
    for wrong, hint in hints:
        if got == wrong:
            return Feedback(False, f"{name}: not yet. Hint: {hint}")
    return Feedback(False, f"{name}: not yet - {answer!r} is not right.")


def check_digest(
    answer: Any, digest: str, name: str = "answer", hints: Sequence[tuple[str, str]] = ()
) -> None:
    """Print whether an answer matches a hidden one (see ``grade_digest``)."""
    print(grade_digest(answer, digest, name=name, hints=hints))


def check_value(
    answer: Any,
    expected: Any,
    name: str = "answer",
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hints: Hints = (),
) -> None:
    """Print whether a value is right (see ``grade_value``)."""
    print(grade_value(answer, expected, name=name, rtol=rtol, atol=atol, hints=hints))


def check_shape(answer: Any, expected: Sequence[int], name: str = "shape") -> None:
    """Print whether a shape is right (see ``grade_shape``)."""
    print(grade_shape(answer, expected, name=name))


def check_choice(answer: Any, correct: str, options: Sequence[str], name: str = "choice") -> None:
    """Print whether a multiple-choice answer is right (see ``grade_choice``)."""
    print(grade_choice(answer, correct, options, name=name))
