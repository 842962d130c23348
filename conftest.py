"""pytest set-up shared by the unit tests and the nbval run of the notebooks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tests"))
import kernel_env  # noqa: E402
from offline_net import go_offline  # noqa: E402

from helpers.runtime import kept_for_the_session  # noqa: E402

_notebook_seconds: dict[str, float] = defaultdict(float)
_nbgrader_scores: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """With --offline, cut the whole run off the network (loopback stays up for the kernels)."""
    config.offline_reason = "not requested (pass --offline)"  # type: ignore[attr-defined]
    if config.getoption("--offline"):
        config.offline_reason = go_offline()  # type: ignore[attr-defined]


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[object]:
    """Collection imports TensorFlow into each worker (tests/test_mlp_runs.py and others import it):
    as in a notebook's setup, without garbage collection, and frozen after (kept_for_the_session)."""
    with kept_for_the_session():
        return (yield)


def pytest_report_header(config: pytest.Config) -> str:
    reason = config.offline_reason  # type: ignore[attr-defined]
    network = "disabled (loopback only)" if reason is None else f"enabled ({reason})"
    numerics = (
        "native"
        if config.getoption("--native-numerics")
        else " ".join(f"{k}={v}" for k, v in PORTABILITY_ENV.items()) + " (portability check)"
    )
    return [
        f"network: {network}",
        f"device: {device_line()}",
        f"nbval kernels' numerics: {numerics}",
    ]


def device_line() -> str:
    """Which device the notebooks' TensorFlow uses here, and why not the GPU where there is one.

    Without nvidia-smi (NVIDIA's driver) TensorFlow finds no GPU: then it is not asked, which saves
    its start-up (several seconds before the workers start)."""
    if not shutil.which("nvidia-smi"):
        return "CPU (no NVIDIA GPU on this machine)"
    probe = (
        "import os; os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'; import tensorflow as tf; "
        "print(' '.join(sorted({d.device_type for d in tf.config.list_physical_devices()})))"
    )
    try:
        found = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"unknown (TensorFlow could not be asked: {err})"
    if "GPU" in found:
        return "GPU (TensorFlow sees " + ", ".join(found) + ")"
    return (
        "CPU only: nvidia-smi sees a GPU, but TensorFlow does not. Its CUDA libraries are "
        "missing: run `.venv/bin/python -m pip install -r requirements-gpu.txt` (make does "
        "this when it creates .venv on a GPU machine; `make clean test` to start over)."
    )


#: The portability check: strict nbval runs each notebook's kernel under other numerics than the
#: ones that stored its outputs (`make notebooks`), as on another machine: TensorFlow's oneDNN CPU
#: kernels off (other summation orders in matrix products and convolutions) and one thread for its
#: ops (other reduction orders, and a slower machine). Every compared output and every assert must
#: hold under them. `pytest --native-numerics` (or `make test-native`) runs nbval without them.
PORTABILITY_ENV = {"TF_ENABLE_ONEDNN_OPTS": "0", **kernel_env.ONE_THREAD}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--offline",
        action="store_true",
        help="run every test, notebooks included, with networking disabled (Linux, root)",
    )
    parser.addoption(
        "--nbgrader-all",
        action="store_true",
        help="autograde every notebook with nbgrader (make test-nbgrader; not in make test)",
    )
    parser.addoption(
        "--native-numerics",
        action="store_true",
        help="run nbval's kernels with this machine's own numerics, not the portability check's",
    )


def pytest_collectstart(collector: pytest.Collector) -> None:
    """Strict nbval, except stderr: TensorFlow's C++ runtime may write there outside our control.

    Unless --native-numerics is given, each notebook's kernel starts under PORTABILITY_ENV; the
    variables are set only while that notebook's kernel starts, so other tests keep their own.
    """
    if type(collector).__name__ != "IPyNbFile":
        return
    collector.skip_compare = tuple(collector.skip_compare) + ("stderr",)
    if collector.config.getoption("--native-numerics"):
        return
    start = collector.setup

    def setup_with_portability_env() -> None:
        with kernel_env.environment(PORTABILITY_ENV):
            start()

    collector.setup = setup_with_portability_env


#: Worker-seconds of the long test files (pytest --durations=0 summed per file, `make test` from a
#: fresh clone on a 2-core machine): `make test` hands files out in collection order
#: (--no-loadscope-reorder), and pytest_collection_modifyitems puts the longest first, so that none
#: starts last and keeps one worker busy while the others idle. A notebook under strict nbval
#: counts NBVAL_FACTOR times its run time in tools/run_times.json (measured in the same run).
#: Files not named here keep pytest's order, after these.
LONG_FILES = {
    "tests/test_student_run_all_rest.py": 194,
    "tests/test_student_run_all.py": 190,
    "tests/test_site.py": 167,
    "tests/test_nbgrader_end_to_end.py": 48,
    "tests/test_nbgrader.py": 43,
    "tests/test_mlp_runs.py": 43,
    "tests/test_runtime.py": 22,
    "tests/test_answer_checks.py": 19,
    "tests/test_answer_keys.py": 14,
    "tests/test_course.py": 14,
}
NBVAL_FACTOR = 2.3


def _file_seconds() -> dict[str, float]:
    root = Path(__file__).parent
    run_times = root / "tools" / "run_times.json"
    times = json.loads(run_times.read_text()) if run_times.is_file() else {}
    return {**{f"notebooks/{k}": NBVAL_FACTOR * v for k, v in times.items()}, **LONG_FILES}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest files first (stable: the order inside a file, and of the short files, is kept)."""
    seconds = _file_seconds()
    items.sort(key=lambda item: -seconds.get(item.nodeid.split("::", 1)[0], 0.0))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _nbgrader_scores.extend(v for k, v in report.user_properties if k == "nbgrader")
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the nbgrader scores and each notebook's execution time (kernel start included)."""
    if _nbgrader_scores:
        terminalreporter.section("nbgrader: scores of the autograded submissions")
        for line in sorted(set(_nbgrader_scores)):
            terminalreporter.write_line(line)
    if not _notebook_seconds:
        return
    terminalreporter.section("notebook execution times")
    for path, seconds in sorted(_notebook_seconds.items()):
        terminalreporter.write_line(f"{seconds:6.1f} s  {path}")
    terminalreporter.write_line(f"{sum(_notebook_seconds.values()):6.1f} s  total")
