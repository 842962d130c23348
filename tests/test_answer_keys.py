"""The answer keys shipped in helpers/answer_keys/ are what `make keys` makes from tools/answers/,
and each spec's answer passes its check while each of its known wrong answers gets its hint.
Rebuilding every key's slow hashes takes a minute of CPU: here only the spec's digest, the key's
structure and one question of each kind are rebuilt at full strength; `make test-nbgrader` runs
`tools/make_keys.py --check`, the full rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import checks
from tools import make_keys

SPECS = make_keys.spec_paths()


def _without_hashes(key: dict) -> dict:
    """A key with each hash replaced by what it stands for: how many accepted texts, whether a
    shape digest, which hints (the texts); iterations and the spec's digest left out."""
    skip = ("iterations", "spec_digest")
    masked = {k: v for k, v in key.items() if k not in skip}
    masked["questions"] = {
        qid: {
            **q,
            "accept": len(q["accept"]),
            "shape_digest": "shape_digest" in q,
            "hints": sorted(q["hints"].values()),
        }
        for qid, q in key["questions"].items()
    }
    return masked


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_key_is_in_sync_with_its_spec(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped key was made from this spec (its spec_digest, one slow hash), at the shipped
    number of iterations, and `make keys` still makes it: the same questions, fields, salts and
    hint texts and as many hashes (rebuilt with 1 iteration, fast). That every hash is exactly
    what `make keys` writes is checked in full for one question of each kind below, and for
    every key by `make test-nbgrader` (tools/make_keys.py --check)."""
    shipped = make_keys.read_key(spec.name[:2])
    run_keys = "run `make keys`"
    assert shipped is not None, f"no key for {spec.name}: {run_keys}"
    assert shipped["iterations"] == make_keys.ITERATIONS, run_keys
    digest = make_keys.spec_digest(spec, shipped["spec_salt"])
    assert shipped["spec_digest"] == digest, (
        f"{spec.name} changed since its key was made: {run_keys}"
    )
    monkeypatch.setattr(make_keys, "ITERATIONS", 1)
    number, key = make_keys.build_key(spec, shipped)
    assert _without_hashes(key) == _without_hashes(shipped), f"{number}.json: {run_keys}"
    assert (make_keys.ROOT / "notebooks" / key["notebook"]).is_file(), "name specs like notebooks"


def _one_question_per_kind() -> list[tuple[Path, str]]:
    """Per kind of answer (and a function's kind of output), its question with fewest hashes."""
    chosen: dict[tuple, tuple[int, Path, str]] = {}
    for spec in SPECS:
        for qid, q in make_keys.read_key(spec.name[:2])["questions"].items():
            hashes = len(q["accept"]) + len(q["hints"]) + ("shape_digest" in q)
            kind = (q["kind"], q.get("output"))
            if kind not in chosen or hashes < chosen[kind][0]:
                chosen[kind] = (hashes, spec, qid)
    return [(spec, qid) for _, spec, qid in sorted(chosen.values(), key=lambda c: c[2])]


@pytest.mark.parametrize(
    ("spec", "qid"), _one_question_per_kind(), ids=[q for _, q in _one_question_per_kind()]
)
def test_key_hashes_are_exactly_what_make_keys_writes(spec: Path, qid: str) -> None:
    """At the shipped iterations, for one question of each kind (every kind's canonical text
    and rounding variants): the shipped entry is exactly what `make keys` writes."""
    shipped = make_keys.read_key(spec.name[:2])["questions"][qid]
    q = make_keys.load_spec(spec).QUESTIONS[qid]
    assert make_keys.build_question(qid, q, shipped["salt"]) == shipped, "run `make keys`"


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
