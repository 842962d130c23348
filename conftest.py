"""pytest set-up shared by the unit tests and the nbval run of the notebooks."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tests"))
from offline_net import go_offline  # noqa: E402

_notebook_seconds: dict[str, float] = defaultdict(float)
_nbgrader_scores: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--offline",
        action="store_true",
        help="run every test, notebooks included, with networking disabled (Linux, root)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """With --offline, cut the whole run off the network (loopback stays up for the kernels)."""
    config.offline_reason = "not requested (pass --offline)"  # type: ignore[attr-defined]
    if config.getoption("--offline"):
        config.offline_reason = go_offline()  # type: ignore[attr-defined]


def pytest_report_header(config: pytest.Config) -> str:
    reason = config.offline_reason  # type: ignore[attr-defined]
    return "network: disabled (loopback only)" if reason is None else f"network: enabled ({reason})"


def pytest_collectstart(collector: pytest.Collector) -> None:
    """Strict nbval, except stderr: TensorFlow's C++ runtime may write there outside our control."""
    if type(collector).__name__ == "IPyNbFile":
        collector.skip_compare = tuple(collector.skip_compare) + ("stderr",)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _nbgrader_scores.extend(v for k, v in report.user_properties if k == "nbgrader")
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the nbgrader scores and each notebook's execution time (kernel start included)."""
    if _nbgrader_scores:
        terminalreporter.section("nbgrader: instructor solutions and a blank submission")
        for line in sorted(set(_nbgrader_scores)):
            terminalreporter.write_line(line)
    if not _notebook_seconds:
        return
    terminalreporter.section("notebook execution times")
    for path, seconds in sorted(_notebook_seconds.items()):
        terminalreporter.write_line(f"{seconds:6.1f} s  {path}")
    terminalreporter.write_line(f"{sum(_notebook_seconds.values()):6.1f} s  total")
