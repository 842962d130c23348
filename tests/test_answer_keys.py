"""The answer keys shipped in helpers/answer_keys/ are what `make keys` makes from tools/answers/,
and each spec's answer passes its check while each of its known wrong answers gets its hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import checks
from tools import make_keys

SPECS = make_keys.spec_paths()


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_key_is_in_sync_with_its_spec(spec: Path) -> None:
    number, key = make_keys.build_key(spec, make_keys.read_key(spec.name[:2]))
    assert key == make_keys.read_key(number), f"helpers/answer_keys/{number}.json: run `make keys`"
    assert (make_keys.ROOT / "notebooks" / key["notebook"]).is_file(), "name specs like notebooks"


def test_every_key_has_a_spec() -> None:
    numbers = {p.name[:2] for p in SPECS}
    stale = [p.name for p in make_keys.KEY_DIR.glob("*.json") if p.stem not in numbers]
    assert not stale, f"keys without a spec in tools/answers/: {stale}"


def test_question_ids_are_unique_across_the_series() -> None:
    seen: dict[str, str] = {}
    for spec in SPECS:
        for qid in make_keys.load_spec(spec).QUESTIONS:
            assert qid not in seen, f"{qid} is in {seen[qid]} and {spec.name}"
            seen[qid] = spec.name


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_each_answer_passes_and_each_known_slip_gets_its_hint(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spec -> key -> check, with few hash iterations (fast): the answer is accepted, and no
    other feedback (the checks' own hints for None, shape, nan...) hides a spec's hint."""
    monkeypatch.setattr(make_keys, "ITERATIONS", 1000)
    number, key = make_keys.build_key(spec, make_keys.read_key(spec.name[:2]))
    (tmp_path / f"{number}.json").write_text(make_keys.dumps(key))
    monkeypatch.setattr(checks, "KEY_DIR", tmp_path)
    monkeypatch.delenv("HELPERS_ANSWER_KEYS", raising=False)
    checks.load_key.cache_clear()
    try:
        for qid, q in make_keys.load_spec(spec).QUESTIONS.items():
            assert checks.grade(qid, q["answer"]), f"{qid}: its own answer fails"
            for wrong, hint in q.get("wrong", []):
                assert checks.grade(qid, wrong).message == f"{qid}: not yet - {hint}", qid
    finally:
        checks.load_key.cache_clear()
