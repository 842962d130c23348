"""Turn the answer specs (tools/answers/NN_name.py) into the answer keys that ship in helpers.

    python tools/make_keys.py            # what `make keys` runs: write helpers/answer_keys/NN.json
    python tools/make_keys.py --check    # exit 1 if a key differs from what its spec makes
    python tools/make_keys.py --answers ~/private/answers [--out DIR]
                                         # an instructor's own numbers (docs/GRADING.md)

A spec is plain Python data (format in CONTRIBUTING.md, "Writing an exercise"): ``QUESTIONS``, a
dict from question id ("NN-short-name") to its expected answer, rounding and common wrong answers
with hints. A key keeps, per question, a random salt (kept from the existing key, so re-running
changes nothing) and slow salted hashes (``helpers.checks.digest``) of the accepted answers and of
the wrong answers that have a hint, and for an array (or a function returning one) the hash of its
shape, ``shape_digest``, so that a check can say "has shape X; check the axes"; never an expected
value. A spec may give ``shape`` (the expected shape, public) when its prompt states it: the check
then names it. A key also holds ``spec_digest``, the slow salted hash of the spec file it was made from.
Keys are written in a stable order.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import secrets
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers import checks  # noqa: E402

SPEC_DIR = ROOT / "tools" / "answers"
KEY_DIR = ROOT / "helpers" / "answer_keys"
#: PBKDF2 iterations: about 0.1 s per check on a 2-core laptop CPU (measured: 0.09 s idle).
ITERATIONS = 400_000
FORMAT = 1
#: Spec fields copied into the key as they are (none of them holds an expected value).
PUBLIC = ("kind", "decimals", "sig", "options", "inputs", "convert", "output", "hint")
PUBLIC += ("revisit", "points", "title", "shape")
SPEC_FIELDS = set(PUBLIC) | {"answer", "wrong"}


def spec_paths(spec_dir: Path = SPEC_DIR) -> list[Path]:
    return sorted(p for p in spec_dir.glob("[0-9][0-9]_*.py"))


def load_spec(path: Path) -> ModuleType:
    """Import one spec file (its name starts with a digit, so not through ``import``)."""
    module_spec = importlib.util.spec_from_file_location(f"answers_{path.stem}", path)
    assert module_spec and module_spec.loader
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def _validate(qid: str, q: dict[str, Any], number: str) -> None:
    where = f"question {qid!r}"
    if not qid.startswith(f"{number}-") or not qid[3:].replace("-", "").isalnum():
        raise ValueError(f"{where}: ids are 'NN-short-name' with NN = {number}.")
    unknown = set(q) - SPEC_FIELDS
    if unknown:
        raise ValueError(
            f"{where}: unknown fields {sorted(unknown)}; allowed {sorted(SPEC_FIELDS)}."
        )
    if q.get("kind") not in checks.KINDS:
        raise ValueError(f"{where}: 'kind' must be one of {checks.KINDS}.")
    if "answer" not in q:
        raise ValueError(f"{where}: needs an 'answer'.")
    rounded = q["kind"] in ("number", "array") or (
        q["kind"] == "function" and q.get("output", "number") in ("number", "array")
    )
    if rounded and ("decimals" in q) == ("sig" in q):
        raise ValueError(f"{where}: give exactly one of 'decimals' or 'sig'.")
    if q["kind"] == "choice" and not q.get("options"):
        raise ValueError(f"{where}: a choice needs 'options'.")
    if q["kind"] == "function" and not q.get("inputs"):
        raise ValueError(f"{where}: a function needs 'inputs' (a list of argument lists).")
    if "shape" in q:
        import numpy as np

        if q["kind"] != "array" or tuple(q["shape"]) != np.shape(q["answer"]):
            raise ValueError(
                f"{where}: 'shape' is the shape of an array answer, as its prompt says."
            )


def _half_ulp(x: float, spec: dict[str, Any]) -> float:
    """Half a unit in the last kept digit of x."""
    if "decimals" in spec:
        return 0.5 * 10.0 ** -int(spec["decimals"])
    exponent = int(f"{x:.{int(spec['sig']) - 1}e}".split("e")[1]) if x else 0
    return 0.5 * 10.0 ** (exponent - int(spec["sig"]) + 1)


def _variants(x: float, spec: dict[str, Any], reach: float) -> set[str]:
    x = float(x)
    half = _half_ulp(x, spec)
    return {checks.format_number(x + d * half, spec) for d in (-reach, 0.0, reach)}


def accepted_texts(value: Any, q: dict[str, Any]) -> list[str]:
    """Every canonical text accepted for the correct ``value``.

    A number: the two values around it at the asked rounding (so 0.105, rounded, and 0.104,
    truncated, both pass for 0.104994 "to 3 decimals"). An array: each element's rounding, and both neighbours
    only for elements within 2 % of a half (at most 64 combinations).
    """
    kind = q["kind"]
    if kind == "number":
        return sorted("number:" + v for v in _variants(value, q, 0.999))
    if kind == "array":
        import numpy as np

        arr = np.asarray(value, dtype=float)
        options = [sorted(_variants(x, q, 0.02)) for x in arr.ravel()]
        combos = itertools.islice(itertools.product(*options), 64)
        return sorted(f"array:{arr.shape}:" + ",".join(c) for c in combos)
    return [checks.canonical(value, q)]


def shape_text(q: dict[str, Any]) -> str | None:
    """The text whose hash is the key's ``shape_digest``: the shape of an array answer, or of
    a function's array outputs on its inputs (``checks.shapes_text``); None for other kinds."""
    import numpy as np

    if q["kind"] == "array":
        return checks.shapes_text([np.asarray(q["answer"], dtype=float)])
    if q["kind"] == "function" and q.get("output") == "array":
        outputs = checks.call_function(q["answer"], q)
        return checks.shapes_text([np.asarray(o, dtype=float) for o in outputs])
    return None


def build_question(qid: str, q: dict[str, Any], salt: str) -> dict[str, Any]:
    """The key entry of one question: public fields, salt, hashes of accepted and hinted answers
    and of an array's shape."""
    entry: dict[str, Any] = {k: q[k] for k in PUBLIC if k in q}
    if "shape" in entry:
        entry["shape"] = list(entry["shape"])
    entry["salt"] = salt
    accept = sorted({checks.digest(t, salt, ITERATIONS) for t in accepted_texts(q["answer"], q)})
    entry["accept"] = accept
    shapes = shape_text(q)
    if shapes is not None:
        entry["shape_digest"] = checks.digest(shapes, salt, ITERATIONS)
    hints: dict[str, str] = {}
    for wrong, hint in q.get("wrong", []):
        text = checks.canonical(wrong, q)  # a spec error (wrong kind) raises here
        h = checks.digest(text, salt, ITERATIONS)
        if h in accept:
            raise ValueError(f"question {qid!r}: the wrong answer {wrong!r} would be accepted.")
        hints[h] = hint
    entry["hints"] = dict(sorted(hints.items()))
    return entry


def spec_digest(path: Path, salt: str) -> str:
    """The slow salted hash of the whole spec file (as the answers' hashes: guessing a spec from
    it is no faster than guessing its answers from theirs, so an instructor's own spec is as safe).
    `make test` compares it with the key's, to see that the key was made from this spec without
    rebuilding every question's hashes (tests/test_answer_keys.py)."""
    return checks.digest(path.read_text(encoding="utf-8"), salt, ITERATIONS)


def build_key(path: Path, old: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """Return (NN, key) for the spec at ``path``, keeping the salts of ``old``."""
    number = path.name[:2]
    questions = load_spec(path).QUESTIONS
    old_q = (old or {}).get("questions", {})
    spec_salt = (old or {}).get("spec_salt") or secrets.token_hex(16)
    key: dict[str, Any] = {
        "format": FORMAT,
        "notebook": path.stem + ".ipynb",
        "spec_salt": spec_salt,
        "spec_digest": spec_digest(path, spec_salt),
        "iterations": ITERATIONS,
        "questions": {},
    }
    for qid, q in questions.items():
        _validate(qid, q, number)
        salt = old_q.get(qid, {}).get("salt") or secrets.token_hex(16)
        key["questions"][qid] = build_question(qid, q, salt)
    return number, key


def dumps(key: dict[str, Any]) -> str:
    return json.dumps(key, indent=1, ensure_ascii=False) + "\n"


def read_key(number: str, key_dir: Path = KEY_DIR) -> dict[str, Any] | None:
    path = key_dir / f"{number}.json"
    return json.loads(path.read_text()) if path.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    parser.add_argument(
        "--answers",
        type=Path,
        help="a folder of NN_name.py specs, e.g. outside the repository (default: tools/answers)",
    )
    parser.add_argument(
        "--out", type=Path, default=KEY_DIR, help="where to write NN.json (helpers/answer_keys)"
    )
    parser.add_argument("specs", nargs="*", type=Path, help="default: every NN_*.py of --answers")
    args = parser.parse_args(argv)
    spec_dir = args.answers.expanduser().resolve() if args.answers else SPEC_DIR
    if not spec_dir.is_dir():
        parser.error(f"no folder {spec_dir}")
    all_specs = spec_paths(spec_dir)
    paths = [p.resolve() for p in args.specs] or all_specs
    if not paths:
        parser.error(f"no answer specs NN_name.py in {spec_dir}")
    out = args.out.expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    differing = 0
    for path in paths:
        number = path.name[:2]
        old = read_key(number, out)
        number, key = build_key(path, old)
        if key != old:
            differing += 1
            if args.check:
                print(f"{number}.json differs from {path.name} (run `make keys`)")
            else:
                (out / f"{number}.json").write_text(dumps(key))
                print(f"{out / number}.json written ({len(key['questions'])} questions)")
    if spec_dir == SPEC_DIR and out == KEY_DIR:
        wanted = {p.name[:2] for p in all_specs}
        for stale in sorted(out.glob("*.json")):
            if stale.stem not in wanted:
                differing += 1
                print(f"{stale.name}: no spec tools/answers/{stale.stem}_*.py; delete it")
    return 1 if (args.check and differing) else 0


if __name__ == "__main__":
    sys.exit(main())
