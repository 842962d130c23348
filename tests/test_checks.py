"""Unit tests of helpers.checks: verdicts, hints for common mistakes, and no stack trace for a wrong answer."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks


def test_correct_value_within_tolerance() -> None:
    assert checks.grade_value(0.1 + 0.2, 0.3).ok
    assert checks.grade_value(np.array([1.0, 2.0]), [1.0, 2.0 + 1e-9]).ok
    assert not checks.grade_value(1.01, 1.0).ok
    assert checks.grade_value(1.01, 1.0, rtol=0.02).ok


def test_tensor_answers_are_accepted() -> None:
    tf = pytest.importorskip("tensorflow")
    assert checks.grade_value(tf.constant([[1.0, 2.0]]), np.array([[1.0, 2.0]])).ok


@pytest.mark.parametrize("placeholder", [None, ..., NotImplemented])
def test_unanswered(placeholder: object) -> None:
    feedback = checks.grade_value(placeholder, 1.0, name="x")
    assert not feedback.ok and "not answered yet" in feedback.message


def test_sign_error_hint() -> None:
    feedback = checks.grade_value(-12.0, 12.0, name="dJ/da")
    assert not feedback.ok and "sign" in feedback.message


def test_transposed_array_hint() -> None:
    expected = np.arange(6.0).reshape(2, 3)
    feedback = checks.grade_value(expected.T, expected)
    assert not feedback.ok and "transpose" in feedback.message


def test_wrong_shape_is_reported() -> None:
    feedback = checks.grade_value(np.zeros(3), np.zeros(4))
    assert not feedback.ok and "expected shape (4,), got (3,)" in feedback.message


def test_custom_hint_for_log_base_10() -> None:
    p = 0.8
    expected = -np.log(p)
    hints = [(-np.log10(p), "cross-entropy uses the natural logarithm, not log base 10.")]
    feedback = checks.grade_value(-np.log10(p), expected, name="loss", hints=hints)
    assert not feedback.ok and "natural logarithm" in feedback.message
    assert checks.grade_value(expected, expected, hints=hints).ok


def test_plain_wrong_value_gets_generic_message() -> None:
    feedback = checks.grade_value(7.0, 12.0)
    assert not feedback.ok and "check your working" in feedback.message


def test_non_numeric_values_compare_with_equality() -> None:
    assert checks.grade_value("softmax", "softmax").ok
    assert not checks.grade_value("sigmoid", "softmax").ok


def test_shapes() -> None:
    assert checks.grade_shape((64, 32, 32, 3), (64, 32, 32, 3)).ok
    assert checks.grade_shape(np.zeros((2, 5)), (2, 5)).ok
    assert "transpose" in checks.grade_shape((5, 2), (2, 5)).message
    assert "rank 2, yours has rank 1" in checks.grade_shape((10,), (2, 5)).message
    assert "not answered" in checks.grade_shape(None, (2, 5)).message
    assert "tuple of ints" in checks.grade_shape("2x5", (2, 5)).message
    assert "check each dimension" in checks.grade_shape((3, 5), (2, 5)).message


def test_malformed_expected_shape_raises_clearly() -> None:
    with pytest.raises(TypeError, match="tuple of ints"):
        checks.grade_shape((2, 5), "2,5")
    with pytest.raises(TypeError, match="tuple of ints"):
        checks.grade_shape((2, 5), (2.0, 5))


def test_choices() -> None:
    options = ["a", "b", "c"]
    assert checks.grade_choice("b", "b", options).ok
    assert "not right" in checks.grade_choice("a", "b", options).message
    assert "not an option" in checks.grade_choice("d", "b", options).message
    assert "not answered" in checks.grade_choice(None, "b", options).message
    with pytest.raises(ValueError, match="not among the options"):
        checks.grade_choice("a", "z", options)


def test_check_functions_print_and_never_raise_for_wrong_answers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    checks.check_value(np.zeros((2, 2)), np.ones(3), name="w")
    checks.check_shape(np.zeros((1, 1)), (1, 1), name="s")
    checks.check_choice("x", "a", ["a", "b"], name="q")
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0].startswith("w: not yet")
        and out[1] == "s: correct, (1, 1)."
        and out[2].startswith("q:")
    )


def test_digest_hides_the_answer_and_accepts_equivalent_forms() -> None:
    digest = checks.answer_digest((64, 32, 32, 3))
    assert "64" not in digest
    assert checks.grade_digest((64, 32, 32, 3), digest).ok
    assert checks.grade_digest([64, 32, 32, 3.0], digest).ok
    assert checks.grade_digest(np.array([64, 32, 32, 3]), digest).ok
    assert checks.grade_digest(0.1 + 0.2, checks.answer_digest(0.3)).ok
    assert checks.grade_digest("  Softmax ", checks.answer_digest("softmax")).ok


def test_digest_hints_and_wrong_answers() -> None:
    digest = checks.answer_digest((64, 32, 32, 3))
    hints = [(checks.answer_digest((64, 3, 32, 32)), "channels come last in (N, H, W, C).")]
    assert "channels come last" in checks.grade_digest((64, 3, 32, 32), digest, hints=hints).message
    assert "is not right" in checks.grade_digest((64, 32, 32), digest).message
    assert "not answered" in checks.grade_digest(None, digest).message
    assert "give a number" in checks.grade_digest(object(), digest).message
    with pytest.raises(ValueError, match="64-character"):
        checks.grade_digest(1, "abc")
    with pytest.raises(TypeError, match="cannot make a digest"):
        checks.answer_digest(object())
