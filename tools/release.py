"""Make a release: bump the course's version and point every badge and setup cell at its tag.

    python tools/release.py 1.0.0      # what `make release VERSION=1.0.0` runs

Writes the version into ``pyproject.toml`` (where ``tools/course.py`` reads it: the release tag is
``v`` + the version), then runs the notebook formatter, which rewrites each notebook's badge line
(Colab and Kaggle open ``student/<name>`` at the tag) and its setup cell (which installs ``helpers``
at the tag). It prints the commit and tag commands; the tag must then be pushed, or the badges and
the setup cell point at nothing.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION_RE = re.compile(r'^version = "([^"]+)"$', re.M)
RELEASE_VERSION = re.compile(r"\d+\.\d+\.\d+")


def bump(pyproject: str, version: str) -> str:
    """Return ``pyproject`` (the text of pyproject.toml) with its version set to ``version``."""
    if not RELEASE_VERSION.fullmatch(version):
        raise ValueError(f"give a version such as 1.2.0 (no 'v'), got {version!r}.")
    found = VERSION_RE.findall(pyproject)
    if len(found) != 1:
        raise ValueError(f"pyproject.toml must have one 'version = ...' line, found {len(found)}.")
    if found[0] == version:
        raise ValueError(f"the version is already {version}.")
    return VERSION_RE.sub(f'version = "{version}"', pyproject)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, e.g. 1.2.0 (the tag will be v1.2.0)")
    args = parser.parse_args(argv)
    pyproject = ROOT / "pyproject.toml"
    try:
        new = bump(pyproject.read_text(), args.version)
    except ValueError as error:
        parser.error(str(error))
    pyproject.write_text(new)
    subprocess.run([sys.executable, str(ROOT / "tools" / "format_notebooks.py")], check=True)
    tag = f"v{args.version}"
    print(
        f"Version {args.version}: badges and setup cells now name {tag}. Next:\n"
        f'  make test && git commit -am "Release {tag}" && git tag {tag} && git push origin main {tag}'
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
