"""The answer keys shipped in helpers/answer_keys/ are what `make keys` makes from tools/answers/."""

from __future__ import annotations

from pathlib import Path

import pytest

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
