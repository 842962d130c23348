"""Store every notebook one way: executed top to bottom in a fresh kernel, then formatted.

    python tools/format_notebooks.py --execute [NOTEBOOK ...]  # what `make notebooks` runs
    python tools/format_notebooks.py [NOTEBOOK ...]            # format only (no execution)
    python tools/format_notebooks.py --check                   # report what differs; exit 1 if any

Formatting writes the badge line and the setup cell from ``tools/course.py``; the header's first
screen under the title (study time and run time, what the notebook assumes and which notebook
teaches it, how the exercises work) from ``tools/notebook_info.py`` and ``tools/run_times.json``;
and the README's run-time column from ``tools/run_times.json`` (which ``--execute`` updates with
the measured time). It keeps only an allow-list of metadata: on cells ``tags``,
``jupyter`` (collapsed source or outputs) and ``cellView`` (Colab's form view); on the notebook
``kernelspec`` and ``language_info`` (without the Python version, which differs between machines).
Execution records no timing metadata. Outputs are never edited by hand: they come from the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import course, notebook_info  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
RUN_TIMES = ROOT / "tools" / "run_times.json"
README = ROOT / "README.md"

SETUP_TAGS = [course.SETUP_TAG, "nbval-ignore-output"]
CELL_KEYS = ("tags", "jupyter", "cellView")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The header paragraphs the formatter writes (tools/notebook_info.first_screen), by their start.
FIRST_SCREEN = ("**Study time:**", "**Run time:**", "**Assumes:**", "**How the exercises work:**")
RUN_TIME_RE = re.compile(r"\*\*Run time:\*\*\s+(about\s+\d+\s+s)")


#: An inline text colour as rich writes it in HTML (Keras's model.summary()).
RICH_COLOUR = re.compile(r'<span style="color: #[0-9a-f]{6}; text-decoration-color: #[0-9a-f]{6}">')


def run_time_text(seconds: float) -> str:
    """The header's run-time phrase: the measured time rounded to 5 s (at least 5 s)."""
    return f"about {max(5, 5 * round(seconds / 5))} s"


def load_run_times() -> dict[str, float]:
    return json.loads(RUN_TIMES.read_text()) if RUN_TIMES.exists() else {}


def _first_screen(header: str, name: str, seconds: float | None) -> str:
    """``header`` with its first-screen paragraphs (``FIRST_SCREEN``) written afresh.

    They replace the run of such paragraphs that the header has (at least a "**Run time:**" one,
    where the new ones go). Without a measured time the header's own run-time phrase is kept;
    without either, the header is left as it is.
    """
    paragraphs = header.split("\n\n")
    owned = [i for i, p in enumerate(paragraphs) if p.lstrip().startswith(FIRST_SCREEN)]
    found = RUN_TIME_RE.search(header)
    if seconds is None and (found is None or not owned):
        return header
    if not owned:
        raise SystemExit(f"{name}: the header needs a '**Run time:**' paragraph.")
    run_time = run_time_text(seconds) if seconds is not None else " ".join(found.group(1).split())
    first = last = owned[0]
    while last + 1 < len(paragraphs) and paragraphs[last + 1].lstrip().startswith(FIRST_SCREEN):
        last += 1
    block = notebook_info.first_screen(name, run_time)
    return "\n\n".join([*paragraphs[:first], block, *paragraphs[last + 1 :]])


def format_notebook(nb: nbformat.NotebookNode, name: str, seconds: float | None) -> list[str]:
    """Bring one notebook to the stored form in place; return the names of what changed."""
    changes: list[str] = []
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        raise SystemExit(f"{name}: the first cell must be the markdown header with the badge line.")
    header = nb.cells[0]
    lines = header.source.split("\n")
    badge = course.badges(name)
    new_source = (
        "\n".join([badge, *lines[1:]])
        if lines[0].startswith("[![")
        else badge + "\n\n" + header.source
    )
    new_source = _first_screen(new_source, name, seconds)
    if new_source != header.source:
        header.source = new_source
        changes.append("header")

    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code:
        raise SystemExit(f"{name}: has no code cells; the first must be the setup cell.")
    setup = code[0]
    if setup.source != course.setup_cell(name):
        setup.source = course.setup_cell(name)
        changes.append("setup cell")
    tags = list(setup.metadata.get("tags", []))
    wanted_setup_meta = {
        "tags": tags + [t for t in SETUP_TAGS if t not in tags],
        "jupyter": {"source_hidden": True},
        "cellView": "form",
    }
    for key, value in wanted_setup_meta.items():
        if setup.metadata.get(key) != value:
            setup.metadata[key] = value
            changes.append(f"setup {key}")

    for cell in nb.cells:
        extra = [k for k in cell.metadata if k not in CELL_KEYS]
        for key in extra:
            del cell.metadata[key]
        if extra:
            changes.append("cell metadata")
        if (
            cell.cell_type == "code"
            and cell.metadata.get("jupyter")
            and not any(cell.metadata["jupyter"].values())
        ):
            del cell.metadata["jupyter"]
    # A slider's stored widget view names a random model id (its state is not stored, so no page
    # can show the live widget); a fixed id per output keeps a re-executed notebook's diff empty.
    for cell in nb.cells:
        for n, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and "model_id" in view:
                fixed = hashlib.sha256(f"{cell.get('id')}:{n}".encode()).hexdigest()[:32]
                if view["model_id"] != fixed:
                    view["model_id"] = fixed
                    changes.append("widget ids")
    # Keras's summary() tables (rich) colour names and numbers with inline styles such as cyan
    # #00d7ff, unreadable on a light page (contrast 1.6): stored outputs keep the text, not the
    # colour (tests/nbval_sanitize.cfg drops the same styles before nbval compares).
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if isinstance(html, str) and RICH_COLOUR.search(html):
                output["data"]["text/html"] = RICH_COLOUR.sub("<span>", html)
                changes.append("output colours")
    wanted = {"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO}
    if dict(nb.metadata) != wanted:
        nb.metadata = nbformat.from_dict(wanted)
        changes.append("notebook metadata")
    return sorted(set(changes), key=changes.index)


def execute(path: Path) -> tuple[nbformat.NotebookNode, float]:
    """Run a notebook top to bottom in a fresh kernel started in notebooks/; return it and the seconds."""
    from nbclient import NotebookClient
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    nb = nbformat.read(path, as_version=4)
    format_notebook(nb, path.name, None)  # run the setup cell and metadata as they will be stored
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # One stream output per cell and stream, however the kernel happened to chunk the text.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    return nb, seconds


#: The README's series table lies between these two lines; `make format` writes it.
TABLE_START = "<!-- series table: written by `make format` from the notebooks' headers -->"
TABLE_END = "<!-- end of series table -->"


def readme_table(times: dict[str, float]) -> str:
    """The README's series table: title and topics from each header, study time, run time, links."""
    from tools.build_site import read_entry

    rows = [
        "| # | notebook | what it teaches | study time | run time | open |",
        "|---|---|---|---|---|---|",
    ]
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        e = read_entry(path)
        seconds = times.get(path.name)
        run = f"{round(seconds)} s" if seconds else e.run_time.removeprefix("about ")
        links = (
            f"[Colab]({course.colab_url(e.file)}) · [Kaggle]({course.kaggle_url(e.file)}) · "
            f"[read]({course.site_url(e.file)})"
        )
        topics = e.topics.replace("|", "\\|")
        rows.append(
            f"| {e.number} | [{e.title}](student/{e.file}) | {topics} "
            f"| {e.study_time.removeprefix('about ')} | {run} | {links} |"
        )
    return "\n".join(rows)


def update_readme(times: dict[str, float], write: bool = True) -> bool:
    """Rewrite the README's series table and total run time; return whether it differs."""
    text = README.read_text()
    if TABLE_START not in text or TABLE_END not in text:
        raise SystemExit(
            f"README.md: the series table must lie between {TABLE_START!r} and {TABLE_END!r}."
        )
    head, rest = text.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    new = f"{head}{TABLE_START}\n{readme_table(times)}\n{TABLE_END}{tail}"
    if times:
        total = round(sum(times.values()))
        new = re.sub(r"(\d+) s for the whole series", f"{total} s for the whole series", new)
    # The links elsewhere in the README follow tools/course.py too (a fork changes one line).
    new = re.sub(r"https://[\w.-]+\.github\.io/[\w.-]+/", course.site_url(), new)
    for pattern, url in (
        (
            r"https://colab\.research\.google\.com/github/[\w./-]+?/student/([\w.]+\.ipynb)",
            course.colab_url,
        ),
        (
            r"https://kaggle\.com/kernels/welcome\?src=https://github\.com/[\w./-]+?/student/([\w.]+\.ipynb)",
            course.kaggle_url,
        ),
    ):
        new = re.sub(pattern, lambda m, url=url: url(m.group(1)), new)
    if new != text and write:
        README.write_text(new)
    return new != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, change nothing")
    parser.add_argument("--execute", action="store_true", help="re-run each notebook first")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.check and args.execute:
        parser.error("--check and --execute exclude each other")
    paths = [p.resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    times = load_run_times()
    differing = 0
    for path in paths:
        if args.execute:
            print(f"{path.name}: executing...", flush=True)
            nb, seconds = execute(path)
            times[path.name] = round(seconds, 1)
            print(f"{path.name}: {seconds:.1f} s")
        else:
            nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        changes = format_notebook(nb, path.name, times.get(path.name))
        nbformat.validate(nb)
        if changes or args.execute:
            if args.check:
                differing += 1
                print(f"{path.name}: {', '.join(changes)} differ (run `make format`)")
            elif args.execute or nbformat.writes(nb) != before:
                nbformat.write(nb, path)
                if changes:
                    print(f"{path.name}: formatted ({', '.join(changes)})")
    if args.execute:
        RUN_TIMES.write_text(json.dumps(dict(sorted(times.items())), indent=1) + "\n")
    if update_readme(times, write=not args.check):
        differing += 1
        print("README.md: series table " + ("differs" if args.check else "updated"))
    return 1 if (args.check and differing) else 0


if __name__ == "__main__":
    sys.exit(main())
