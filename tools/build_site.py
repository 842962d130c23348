"""Build the course site: one page per notebook from its stored outputs, never re-executed.

    python tools/build_site.py                 # -> build/site/ (open build/site/index.html)
    python tools/build_site.py --source DIR -o OUT

The site shows what a student sees: the student notebooks (exercises unanswered, solutions out of
sight). ``SOURCE`` below says where they come from. The notebooks are copied with a generated
index page (the series table) into a staging folder, and Sphinx with MyST-NB (execution off) and
the book theme renders them (configuration: ``docs/site/conf.py``). Nothing is downloaded: MathJax is
served from the site's own ``_static/mathjax``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: THE setting: the folder of notebooks the site is built from: the committed student notebooks
#: (``make student``). ``None`` means a temporary student build, made at each build from notebooks/
#: by tools/make_student_version.py (into build/site-work/student/).
SOURCE: Path | None = ROOT / "student"

DEFAULT_OUTPUT = ROOT / "build" / "site"
CONFIG = ROOT / "docs" / "site"
SITE_TITLE = "Neural networks with TensorFlow and Keras: from tensors to MLPs"


def launch_links(notebook: str) -> dict[str, str]:
    """The "open in" links of one notebook for the index page: {service: address}.

    The one place that says where the links come from: ``tools.course``, which also writes the
    notebooks' badges (they open the student copy at the release tag).
    """
    from tools.course import colab_url, kaggle_url

    return {"Colab": colab_url(notebook), "Kaggle": kaggle_url(notebook)}


@dataclass(frozen=True)
class Entry:
    """One row of the series table, read from a notebook's header cell."""

    file: str
    number: str
    title: str
    topics: str
    run_time: str
    #: "about 50 min" (the header's study time; tools/notebook_info.py), or "" if it has none.
    study_time: str = ""


def _field(header: str, name: str, file: str) -> str:
    found = re.search(rf"\*\*{name}:?\*\*:?\s*(.+?)(?:\n\s*\n|$)", header, re.S)
    if found is None:
        raise ValueError(
            f"{file}: the header cell has no '**{name}:**' line; add it "
            "(CONTRIBUTING.md, 'The shape every notebook has')."
        )
    return " ".join(found.group(1).split())


def read_entry(path: Path) -> Entry:
    """Read title, lecture topics and run time from the first (header) cell of a notebook."""
    nb = nbformat.read(path, as_version=4)
    header = nb.cells[0].source if nb.cells and nb.cells[0].cell_type == "markdown" else ""
    title = re.search(r"^# (\d\d)\. (.+)$", header, re.M)
    if title is None:
        raise ValueError(
            f"{path.name}: the first cell has no '# NN. Title' line; "
            "the site's index needs it (CONTRIBUTING.md)."
        )
    run_time = _field(header, "Run time", path.name)
    run_time = re.split(r" on a | \(", run_time)[0].rstrip(".")
    study = re.search(r"\*\*Study time:\*\*\s*(about\s+\d+\s+min)", header)
    return Entry(
        path.name,
        title.group(1),
        title.group(2).strip(),
        _field(header, "Lecture topics", path.name).rstrip("."),
        run_time,
        " ".join(study.group(1).split()) if study else "",
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def index_page(entries: list[Entry]) -> str:
    """The MyST source of the index page: introduction, series table, hidden table of contents."""
    rows = []
    for e in entries:
        links = " · ".join(f"[{name}]({url})" for name, url in launch_links(e.file).items())
        rows.append(
            f"| {e.number} | [{_cell(e.title)}]({e.file}) | {_cell(e.topics)} "
            f"| {e.study_time.removeprefix('about ') or '-'} | {e.run_time.removeprefix('about ')} "
            f"| {links} | {{download}}`.ipynb <{e.file}>` |"
        )
    toc = "\n".join(Path(e.file).stem for e in entries)
    return f"""# {SITE_TITLE}

A series of {len(entries)} notebooks that takes you from tensor operations through backpropagation
and `tf.GradientTape` to Sequential and Functional Keras models and a comparison of losses and
optimizers. Each page below is a notebook as you will see it, with the exercises left for you to
answer: every output on it was stored by running the notebook, and the course's tests re-run the
notebooks to check them. To run a notebook, open it in Colab or Kaggle, or download it and run it in
Jupyter next to the course's `helpers` package.

```{{table}} The series
:class: series-table
:widths: 4 23 43 7 7 9 7

| # | notebook | what it teaches | study time | run time | open in | download |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}
```

Study time is reading, running the cells and doing the exercises; run time is one run of the
notebook on a 2-core laptop CPU. Each notebook's first screen says what it assumes, and which
notebook teaches it.

```{{toctree}}
:hidden:
:maxdepth: 1

{toc}
```
"""


def student_notebooks(out: Path) -> Path:
    """Make a temporary student build of notebooks/ in ``out`` (tools/make_student_version.py)."""
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_student_version.py"), "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def stage(source: Path, staging: Path) -> list[Entry]:
    """Copy the notebooks of ``source`` into ``staging`` with a generated index.md."""
    notebooks = sorted(source.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit(f"no notebooks (NN_name.ipynb) in {source}: check SOURCE in {__file__}.")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for path in notebooks:
        shutil.copy2(path, staging / path.name)
    entries = [read_entry(p) for p in notebooks]
    (staging / "index.md").write_text(index_page(entries), encoding="utf-8")
    return entries


def build(
    source: Path | None = None, output: Path = DEFAULT_OUTPUT, quiet: bool = True
) -> list[Entry]:
    """Build the site from ``source`` (default: ``SOURCE``) into ``output``; return its notebooks.

    Sphinx warnings (a broken cross-reference, an unreadable output) fail the build.
    """
    output = Path(output).resolve()
    work = output.parent / f"{output.name}-work"  # staging, doctrees, the temporary student build
    source = source or SOURCE or student_notebooks(work / "student")
    entries = stage(Path(source), work / "src")
    html = work / "html"  # MyST-NB writes beside Sphinx's output folder: keep that inside work/
    for folder in (html, output):
        if folder.exists():
            shutil.rmtree(folder)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-E",
        "-W",
        "--keep-going",
        "-c",
        str(CONFIG),
        "-d",
        str(work / "doctrees"),
        str(work / "src"),
        str(html),
    ]
    if quiet:
        command.append("-q")
    subprocess.run(command, check=True, cwd=work)
    shutil.move(html, output)
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="folder of NN_name.ipynb notebooks (default: SOURCE in this file)",
    )
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        entries = build(args.source, args.output)
    except subprocess.CalledProcessError as err:
        print(
            f"site build failed ({err.cmd[2]} exited with {err.returncode}); see the messages above.",
            file=sys.stderr,
        )
        return 1
    print(
        f"{len(entries)} notebook pages -> {args.output / 'index.html'} "
        f"({time.perf_counter() - start:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
