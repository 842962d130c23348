"""The course site (`make site`): built from the stored outputs, offline, then checked page by page.

The page checks read the HTML only. The browser tests drive headless Chromium (Debian's
`chromium` and `chromium-driver`, via Selenium; nothing is downloaded): a site page opened with the
network off shows typeset math, and JupyterLab runs notebook 01 from top to bottom without an error.
Without Chromium they are skipped and say why; `.ci/run` installs it, so CI always runs them.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

pytest.importorskip(
    "myst_nb", reason="the site tools are not installed: pip install -r requirements-site.txt"
)
from bs4 import BeautifulSoup  # noqa: E402  (installed with the site tools)

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
IMAGE_TYPES = ("image/png", "image/jpeg")


@functools.cache
def _soup(path: Path) -> BeautifulSoup:
    """The parsed page (parsed once: the tests only read it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site exactly as `make site` does (default source), into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    build_site.build(output=out)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time, not wall time: the budget must not depend on what else the machine is running
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert seconds < 60, f"the site build used {seconds:.0f} s of CPU; the budget is under a minute"
    return out


@pytest.fixture(scope="module")
def source(site: Path) -> Path:
    """The folder of notebooks the site was built from (its staged copies)."""
    return site.parent / "site-work" / "src"


def _figures(page: BeautifulSoup) -> list:
    return [img for img in page.select(".cell_output img")]


def _stored_images(nb: nbformat.NotebookNode) -> list[tuple[str, str | None]]:
    """(sha256, stored alt text) of each image output, in order."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for mime in IMAGE_TYPES:
                if mime in output.get("data", {}):
                    digest = hashlib.sha256(base64.b64decode(output["data"][mime])).hexdigest()
                    found.append((digest, (output.get("metadata", {}).get(mime) or {}).get("alt")))
    return found


def test_a_page_per_notebook_with_its_title(site: Path, source: Path) -> None:
    staged = sorted(p.name for p in source.glob("*.ipynb"))
    assert staged == [p.name for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        page = site / f"{path.stem}.html"
        assert page.is_file(), f"no page for {path.name}"
        number, title = re.search(
            r"^# (\d\d)\. (.+)$", nbformat.read(path, as_version=4).cells[0].source, re.M
        ).groups()
        assert f"{number}. {title}" in _soup(page).find("h1").get_text()
    assert (site / "search.html").is_file() and "GradientTape" in (
        site / "searchindex.js"
    ).read_text()


def test_index_has_the_series_table(site: Path, source: Path) -> None:
    index = _soup(site / "index.html")
    rows = index.select("table.series-table tbody tr")
    assert len(rows) == len(NOTEBOOKS)
    for row, path in zip(rows, NOTEBOOKS):
        entry = build_site.read_entry(path)
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert (
            cells[0] == entry.number
            and cells[1] == entry.title
            and re.fullmatch(r"\d+ min", cells[3])
            and re.fullmatch(r"\d+ s", cells[4])
        )
        hrefs = [a["href"] for a in row.find_all("a")]
        assert f"{path.stem}.html" in hrefs
        for service, url in build_site.launch_links(path.name).items():
            assert url in hrefs, f"{path.name}: no {service} link"
        download = next(h for h in hrefs if h.startswith("_downloads/") and h.endswith(".ipynb"))
        assert (site / unquote(download)).read_bytes() == (source / path.name).read_bytes()


def test_every_stored_figure_is_on_its_page_opaque(site: Path, source: Path) -> None:
    import matplotlib.image

    total = 0
    for path in sorted(source.glob("*.ipynb")):
        stored = _stored_images(nbformat.read(path, as_version=4))
        figures = _figures(_soup(site / f"{path.stem}.html"))
        assert [Path(img["src"]).stem for img in figures] == [digest for digest, _ in stored], (
            path.name
        )
        for img in figures:
            pixels = matplotlib.image.imread(site / img["src"])
            assert pixels.ndim == 3 and (pixels.shape[2] == 3 or pixels[..., 3].min() == 1.0), (
                f"{img['src']} ({path.name}) is transparent: it would not read on the dark theme"
            )
        total += len(figures)
    assert total >= 30, f"only {total} figures on the site"


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS], ids=IDS)
def test_every_figure_has_a_description(site: Path, source: Path, name: str) -> None:
    stored = dict(_stored_images(nbformat.read(source / name, as_version=4)))
    for img in _figures(_soup(site / f"{Path(name).stem}.html")):
        alt = img.get("alt", "")
        assert alt == stored[Path(img["src"]).stem], (
            f"{name}: the page's alt text is not the stored one"
        )
        assert (
            len(alt) > 15
            and "_images/" not in alt
            and alt != "Image"
            and not alt.startswith("Untitled")
        ), (
            f"{name}: figure {img['src']} has no description (alt={alt!r}): give it a title and axis labels "
            "or plotting.set_alt_text(fig, ...)"
        )


def test_stored_alt_texts_reach_the_page(tmp_path: Path) -> None:
    """The whole chain on a small notebook: kernel -> stored metadata -> the site's alt attribute."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# 01. A figure\n\n**Lecture topics:** plots.\n\n**Run time:** about 1 s."
            ),
            nbformat.v4.new_code_cell(
                "from helpers import plotting\nplotting.install_alt_text()\n"
                "fig = plotting.plot_lines(None, {'a': [1, 2], 'b': [2, 1]}, 'Crossing', 'x', 'y')"
            ),
        ]
    )
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    # a slider as a saved notebook stores it (helpers.widgets): the page shows its text, no widget JS
    slider = nbformat.v4.new_output(
        "display_data",
        data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "0", "version_major": 2},
            "text/plain": "Sliders for t: run this notebook (Colab, JupyterLab) to drag them.",
        },
    )
    nb.cells.append(nbformat.v4.new_code_cell("slider_figure(...)", outputs=[slider]))
    (tmp_path / "nb").mkdir()
    nbformat.write(nb, tmp_path / "nb" / "01_a_figure.ipynb")
    build_site.build(tmp_path / "nb", tmp_path / "site")
    page = _soup(tmp_path / "site" / "01_a_figure.html")
    (img,) = _figures(page)
    assert img["alt"] == "Line plot “Crossing” of y against x; legend: a; b."
    assert "Sliders for t: run this notebook" in page.get_text()
    assert not [s["src"] for s in page.find_all("script", src=True) if "//" in s["src"]]


def test_no_broken_internal_links_and_nothing_loaded_from_outside(site: Path) -> None:
    pages = sorted(site.glob("*.html"))
    ids = {p.name: {t["id"] for t in _soup(p).find_all(id=True)} for p in pages}
    broken, external = [], []
    for page in pages:
        soup = _soup(page)
        for tag in soup.find_all(["a", "link", "script", "img", "source"]):
            url = tag.get("href") or tag.get("src")
            if not url:
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if tag.name != "a":
                    external.append(f"{page.name}: <{tag.name}> {url}")
                continue
            if parts.scheme in ("mailto", "javascript", "data"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.name}: {url}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and target.name in ids
                and parts.fragment not in ids[target.name]
            ):
                broken.append(f"{page.name}: {url} (no such anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken)
    assert not external, (
        "pages load from outside the site (they would break offline):\n" + "\n".join(external)
    )


def test_math_is_typeset_by_the_sites_own_mathjax(site: Path) -> None:
    with_math = [p for p in sorted(site.glob("*.html")) if _soup(p).select(".math")]
    assert len(with_math) >= 5
    for page in with_math:
        scripts = [s.get("src", "") for s in _soup(page).find_all("script")]
        assert "_static/mathjax/tex-chtml.js" in scripts, (
            f"{page.name} does not load the site's MathJax"
        )
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert list((site / "_static" / "mathjax").rglob("*.woff"))


def test_exercises_unanswered_solutions_out_of_sight(site: Path, source: Path) -> None:
    """Answer cells show their placeholders; solutions are only in closed <details> blocks."""
    for path in sorted(source.glob("*.ipynb")):
        page = _soup(site / f"{path.stem}.html")
        text = page.get_text()
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, path.name
        cells = nbformat.read(path, as_version=4).cells
        placeholders = sum(c.source.count("YOUR CODE HERE") for c in cells if c.cell_type == "code")
        assert placeholders >= 1 and text.count("YOUR CODE HERE") >= placeholders, path.name
        hidden = sum(c.source.count("<details") for c in cells if c.cell_type == "markdown")
        details = page.find_all("details")
        assert len(details) == hidden, (
            f"{path.name}: {len(details)} collapsed blocks, {hidden} stored"
        )
        assert not [d for d in details if d.has_attr("open")], f"{path.name}: a solution is open"


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS], ids=IDS)
def test_a_page_opens_with_the_title_and_the_lesson_not_the_setup_code(
    site: Path, source: Path, name: str
) -> None:
    """The setup cell's code is not on the page; its printed versions line is, after the header."""
    cells = nbformat.read(source / name, as_version=4).cells
    setup = next(c for c in cells if c.cell_type == "code")
    assert "setup" in setup.metadata.get("tags", [])
    page = _soup(site / f"{Path(name).stem}.html")
    text = page.select_one("main").get_text()
    assert "@title Setup" not in text and "importlib.metadata" not in text, name
    (cell,) = page.select("div.cell.tag_setup")
    assert not cell.select(".cell_input") and cell.select(".cell_output")
    printed = "".join(o.get("text", "") for o in setup.outputs if o.output_type == "stream")
    assert printed.split("\n")[0].strip() in cell.get_text(), f"{name}: the versions line is lost"
    first_code = page.select("div.cell")[0]
    assert first_code is cell, f"{name}: a code cell comes before the setup cell"
    heading = page.find("h1")
    assert heading.find_all_previous("div", class_="cell") == [], f"{name}: code above the title"
    assert "Study time" in text and "Assumes" in text and "How the exercises work" in text


def test_light_and_dark_theme_switch(site: Path) -> None:
    index = (site / "index.html").read_text()
    assert "theme-switch-button" in index and 'data-mode="auto"' in index


# --- in a real browser ---------------------------------------------------------------------------


def _chromium() -> tuple[str, str] | str:
    """(browser, driver) paths, or why they cannot be used."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -r requirements-site.txt"
    browser = next(
        (
            shutil.which(n)
            for n in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(n)
        ),
        None,
    )
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return (
            "Chromium or its driver is missing (install Debian's packages: "
            "apt-get install -y chromium chromium-driver; .ci/run does it)"
        )
    return browser, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    found = _chromium()
    if isinstance(found, str):
        pytest.skip(found)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault(
        "SE_OFFLINE", "true"
    )  # Selenium Manager must not try to download anything
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=found[1]))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _wait_for(condition, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


#: axe-core, pinned in tools/a11y/package-lock.json and installed by `make test` (npm ci).
AXE = ROOT / "tools" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """
const [context, done] = arguments;
axe.run(context, {resultTypes: ["violations"]}).then(
  (r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 120))}))),
  (err) => done([{id: "axe-error", impact: "critical", help: String(err), nodes: []}]));
"""


def test_browser_axe_finds_no_serious_or_critical_violation_on_any_page(
    site: Path, browser
) -> None:  # type: ignore[no-untyped-def]
    """Every page of the site passes axe-core's default rules (WCAG A/AA) at serious and critical.

    The code cells' inputs are the same markup in the same colours (the theme's, Pygments') on
    every page: they are checked on the page with the most of them, and left out elsewhere (a
    third of axe's time here, most of it the contrast of each highlighted token)."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE}): `make test` installs it with npm ci")
    engine = AXE.read_text(encoding="utf-8")
    browser.set_script_timeout(120)
    pages = sorted(site.glob("*.html"))
    most_code = max(pages, key=lambda p: p.read_text(encoding="utf-8").count('"cell_input'))
    found = []
    for page in pages:
        browser.get(page.as_uri())
        browser.execute_script(engine)
        context = {"exclude": [".cell_input"]} if page != most_code else {"include": ["html"]}
        for v in browser.execute_async_script(AXE_RUN, context):
            if v["impact"] in ("serious", "critical"):
                found.append(f"{page.name}: {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}")
    assert not found, "\n".join(found)


def test_browser_offline_page_shows_typeset_math(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    try:
        page = max(site.glob("*.html"), key=lambda p: len(_soup(p).select(".math")))
        expected = len(_soup(page).select(".math"))
        assert expected >= 10, (
            f"the page with the most math, {page.name}, has only {expected} formulas"
        )
        browser.get(page.as_uri())
        _wait_for(
            lambda: (
                browser.execute_script("return document.querySelectorAll('mjx-container').length")
                >= expected
            ),
            30,
            f"MathJax to typeset the {expected} formulas of {page.name}",
        )
        assert browser.execute_script("return document.querySelectorAll('mjx-merror').length") == 0
    finally:
        browser.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def jupyterlab(tmp_path: Path) -> Iterator[str]:
    """JupyterLab on a copy of notebook 01 (so Run All never touches the repository); its URL."""
    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy2(ROOT / "notebooks" / "01_tensors.ipynb", work)
    settings = tmp_path / "lab-settings" / "@jupyterlab"
    for plugin, text in (
        ("notebook-extension/tracker", '{"autoStartDefaultKernel": true, "windowingMode": "none"}'),
        ("docmanager-extension/plugin", '{"autosave": false}'),
        ("apputils-extension/notification", '{"fetchNews": "false", "checkForUpdates": false}'),
    ):
        (settings / plugin).parent.mkdir(parents=True, exist_ok=True)
        (settings / plugin).with_suffix(".jupyterlab-settings").write_text(text)
    token, port = secrets.token_hex(16), _free_port()
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings.parent),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    log = (tmp_path / "lab.log").open("w")
    lab = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={work}",
            "--ServerApp.allow_root=True",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(lambda: lab.poll() is not None or _port_open(port), 60, "JupyterLab to start")
        assert lab.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
        yield f"http://127.0.0.1:{port}/lab/tree/01_tensors.ipynb?token={token}"
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            lab.kill()
        log.close()


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_browser_jupyterlab_runs_notebook_01_without_errors(browser, jupyterlab: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    nb = nbformat.read(ROOT / "notebooks" / "01_tensors.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    may_raise = [i for i, c in enumerate(code) if "raises-exception" in c.metadata.get("tags", [])]
    browser.get(jupyterlab)
    _wait_for(
        lambda: (
            len(browser.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-CodeCell"))
            == len(code)
        ),
        90,
        "JupyterLab to open notebook 01",
    )
    _wait_for(
        lambda: browser.find_elements(
            By.CSS_SELECTOR, ".jp-Notebook-ExecutionIndicator[data-status='idle']"
        ),
        90,
        "the kernel to start",
    )

    def menu(name: str, command: str) -> None:
        browser.find_element(
            By.XPATH, f"//div[contains(@class,'lm-MenuBar-itemLabel') and text()='{name}']"
        ).click()
        item = f"li.lm-Menu-item[data-command='{command}']"
        _wait_for(
            lambda: browser.find_elements(By.CSS_SELECTOR, item), 10, f"the {name} menu to open"
        )
        browser.find_element(By.CSS_SELECTOR, item).click()

    def prompts() -> list[str]:
        return browser.execute_script(
            "return [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')]"
            ".map(p => p.textContent.replace(/\\s/g, ''));"
        )

    menu("Edit", "editmenu:clear-all")  # the stored outputs go: what is seen next is this run's
    _wait_for(lambda: all(p in ("[]:", "") for p in prompts()), 10, "the outputs to be cleared")
    menu("Run", "runmenu:run-all")
    idle = ".jp-Notebook-ExecutionIndicator[data-status='idle']"

    def finished() -> bool:  # started, nothing queued or running, kernel idle
        seen = prompts()
        return (
            seen[0] != "[]:"
            and "[*]:" not in seen
            and bool(browser.find_elements(By.CSS_SELECTOR, idle))
        )

    _wait_for(finished, 300, "Run All to finish")
    # every cell numbered in order (a cell whose input is collapsed, like the setup cell, shows none)
    expected = [
        f"[{i}]:"
        for i, cell in enumerate(code, start=1)
        if not cell.metadata.get("jupyter", {}).get("source_hidden")
    ]
    errors = browser.execute_script(
        "return [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')].map((cell, i) => "
        "[i, [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type=\"application/vnd.jupyter.stderr\"]')]"
        ".map(o => o.textContent).join('\\n')]).filter(([i, text]) => /Traceback|Error\\b/.test(text));"
    )
    unexpected = [(i, text[:500]) for i, text in errors if i not in may_raise]
    assert not unexpected, f"error output in code cells: {unexpected}"
    assert prompts() == expected, f"Run All did not run every cell once, in order: {prompts()}"
    assert {i for i, _ in errors} == set(may_raise), (
        "the cells tagged raises-exception should show their error"
    )
    figures = browser.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-RenderedImage img")
    assert len(figures) == sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)


def test_every_page_states_the_licence(site: Path) -> None:
    """Text and figures are CC BY 4.0, code MIT (LICENSE): every page's footer says so."""
    for page in sorted(site.glob("*.html")):
        text = " ".join(_soup(page).get_text().split())
        assert "CC BY 4.0" in text and "MIT" in text, f"{page.name}: no licence in the footer"
