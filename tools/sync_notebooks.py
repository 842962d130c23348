"""Rewrite every notebook's Colab badge and setup cell from helpers/colab.py (run after changing it).

    python tools/sync_notebooks.py            # rewrite in place
    python tools/sync_notebooks.py --check    # only report notebooks that differ (exit 1 if any)

The badge is the first line of the first (markdown) cell; the setup cell is the first code cell,
tagged `setup` and `nbval-ignore-output`. Outputs are left alone: re-execute a notebook after a
change to its setup cell.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers import colab  # noqa: E402

BADGE_RE = re.compile(r"^\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)$", re.M)
SETUP_TAGS = [colab.SETUP_TAG, "nbval-ignore-output"]


def sync(nb: nbformat.NotebookNode, name: str) -> list[str]:
    """Bring one notebook's badge and setup cell in line with helpers.colab; return what changed."""
    changes = []
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown":
        raise SystemExit(f"{name}: the first cell must be the markdown header with the Colab badge.")
    badge = colab.badge(name)
    if BADGE_RE.search(first.source):
        new = BADGE_RE.sub(lambda _: badge, first.source, count=1)
    else:
        new = badge + "\n\n" + first.source
    if new != first.source:
        first.source = new
        changes.append("badge")
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code:
        raise SystemExit(f"{name}: has no code cells; the first must be the setup cell.")
    setup = code[0]
    if setup.source != colab.SETUP_CELL:
        setup.source = colab.SETUP_CELL
        changes.append("setup cell")
    tags = list(setup.metadata.get("tags", []))
    if any(t not in tags for t in SETUP_TAGS):
        setup.metadata["tags"] = tags + [t for t in SETUP_TAGS if t not in tags]
        changes.append("setup tags")
    return changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, change nothing")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    differing = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        changes = sync(nb, path.name)
        if changes:
            differing += 1
            print(f"{path.name}: {', '.join(changes)} {'differ' if args.check else 'updated'}")
            if not args.check:
                nbformat.write(nb, path)
    return 1 if (args.check and differing) else 0


if __name__ == "__main__":
    sys.exit(main())
