"""The GitHub Actions workflow is valid YAML and runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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
    assert set(workflow["jobs"]) == {"cpu", "gpu", "colab", "kaggle", "jax", "nbgrader", "site"}
    for name in ("cpu", "gpu"):
        job = workflow["jobs"][name]
        runs = [step["run"] for step in job["steps"] if "run" in step]
        assert runs[-1].endswith(test_command), f"job {name} must end by running `{test_command}`"
        assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])
    assert "GPU_RUNNER_LABEL" in workflow["jobs"]["gpu"]["if"]
    assert workflow["jobs"]["gpu"]["runs-on"] == "${{ vars.GPU_RUNNER_LABEL }}"
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers


@pytest.mark.parametrize("image", ["colab", "kaggle"])
def test_workflow_tests_each_images_versions_outside_make_test(image: str) -> None:
    job = _workflow()["jobs"][image]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[-1].endswith(f"make test-{image}")
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(rf"^test-{image}:", makefile, re.M)
    assert re.search(rf"requirements-{image}\.txt", makefile)
    test_recipe = re.search(r"^test: .*?(?=^\S)", makefile, re.M | re.S)
    assert test_recipe and image not in test_recipe.group(0), f"make test must not run test-{image}"


def test_the_gpu_job_is_the_plain_test_command_and_make_installs_cuda_where_there_is_a_gpu() -> (
    None
):
    job = _workflow()["jobs"]["gpu"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == ['sudo env "PATH=$PATH" make test'], "one command, the README's"
    makefile = (ROOT / "Makefile").read_text()
    assert "nvidia-smi" in makefile and "-r requirements-gpu.txt" in makefile


def test_the_site_job_builds_with_make_site_and_deploys_to_pages_on_tags_and_main() -> None:
    job = _workflow()["jobs"]["site"]
    assert "refs/tags/v" in job["if"] and "refs/heads/main" in job["if"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == ["make site"]
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert uses[-1].startswith("actions/deploy-pages@")
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "build/site"


def _job_running_target(name: str, target: str) -> str:
    """The workflow job ``name`` checks out the repository and ends with ``make target``; returns
    that target's recipe in the Makefile."""
    job = _workflow()["jobs"][name]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[-1].endswith(f"make {target}")
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(rf"^{re.escape(target)}:.*?(?=^\S)", makefile, re.M | re.S)
    assert recipe, f"no {target} target in the Makefile"
    return recipe.group(0)


def test_the_nbgrader_job_runs_make_test_nbgrader_outside_make_test() -> None:
    """Every notebook's full autograde and the full key rebuild: a job of their own."""
    recipe = _job_running_target("nbgrader", "test-nbgrader")
    assert "--nbgrader-all" in recipe and "make_keys.py --check" in recipe
    makefile = (ROOT / "Makefile").read_text()
    test_recipe = re.search(r"^test: .*?(?=^\S)", makefile, re.M | re.S)
    assert test_recipe and "nbgrader" not in test_recipe.group(0)


def test_workflow_runs_the_keras_notebooks_on_jax_outside_make_test() -> None:
    recipe = _job_running_target("jax", "test-jax")
    assert "KERAS_BACKEND=jax" in recipe and "--nbval-lax" in recipe
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"-r requirements-jax\.txt", makefile)
    assert "-r requirements.txt" in (ROOT / "requirements-jax.txt").read_text()
    test_recipe = re.search(r"^test: .*?(?=^\S)", makefile, re.M | re.S)
    assert test_recipe and "jax" not in test_recipe.group(0), "make test must not run test-jax"
