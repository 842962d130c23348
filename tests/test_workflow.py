"""The GitHub Actions workflow is valid YAML and runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    """The commands of the README's first code block, comments stripped."""
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert block, "README must start with a bash code block of the two commands"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_has_exactly_two_commands() -> None:
    assert readme_commands() == ["make lab", "make test"]


def test_ci_run_is_the_readme_test_command() -> None:
    lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[-1] == readme_commands()[1]


def _workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text())


def test_workflow_runs_the_readme_test_command() -> None:
    workflow = _workflow()
    test_command = readme_commands()[1]
    assert set(workflow["jobs"]) == {"cpu", "gpu", "colab"}
    for name in ("cpu", "gpu"):
        job = workflow["jobs"][name]
        runs = [step["run"] for step in job["steps"] if "run" in step]
        assert runs[-1].endswith(test_command), f"job {name} must end by running `{test_command}`"
        assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])
    assert "GPU_RUNNER_LABEL" in workflow["jobs"]["gpu"]["if"]
    assert workflow["jobs"]["gpu"]["runs-on"] == "${{ vars.GPU_RUNNER_LABEL }}"
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers


def test_workflow_tests_colabs_versions_outside_make_test() -> None:
    job = _workflow()["jobs"]["colab"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[-1].endswith("make test-colab")
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test-colab:", makefile, re.M)
    test_recipe = re.search(r"^test: .*?(?=^\S)", makefile, re.M | re.S)
    assert test_recipe and "colab" not in test_recipe.group(0), "make test must not run test-colab"
