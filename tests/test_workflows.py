"""The CI workflows and the pre-commit hooks cannot run here: they are checked against their
schemas, and every command they run is one the project has and that passes on its content."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
import yaml

from .conftest import PROJECT

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))


def run_steps() -> list[str]:
    scripts = []
    for workflow in WORKFLOWS:
        for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
            scripts += [step["run"] for step in job.get("steps", []) if "run" in step]
    return scripts


def test_the_workflows_are_valid_github_workflows():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert len(WORKFLOWS) == 2 and result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_configuration_is_valid():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(PROJECT / ".pre-commit-config.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_run_step_expands_an_expression():
    """Values from a pull request (branch names, titles) reach scripts as environment variables,
    never spliced into the script's text, where they could run as commands."""
    assert all("${{" not in script for script in run_steps())


def generator_commands() -> list[list[str]]:
    hooks = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    lines = [line for script in run_steps() for line in script.splitlines()] + [hook["entry"] for hook in hooks]
    found = [re.search(r"python -m generator ([^&|>]*)", line) for line in lines]
    return [shlex.split(match.group(1)) for match in found if match]


def test_the_workflows_and_hooks_run_commands_the_project_has():
    from generator.cli import main

    commands = generator_commands()
    assert {c[0] for c in commands} == {"check", "schema", "bundle", "diff"}
    for command in commands:
        with pytest.raises(SystemExit) as asked:
            main([*command, "--help"])
        assert asked.value.code == 0, command


@pytest.mark.parametrize("command", [["check", "--format", "github"], ["schema", "--check"]])
def test_the_checks_ci_runs_pass_on_the_bundled_content(command):
    result = subprocess.run([sys.executable, "-m", "generator", *command], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_editors_guide_gives_commands_the_project_has():
    """Every `python -m generator ...` in CONTRIBUTING.md is a command the project has."""
    from generator.cli import main

    guide = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    commands = [shlex.split(m.group(1)) for m in re.finditer(r"python -m generator ([^`\n]*?)(?:`|\n| &&)", guide)]
    assert {c[0] for c in commands} >= {"check", "new", "diff", "schema"}
    for command in commands:
        with pytest.raises(SystemExit) as asked:
            main([*command, "--help"])
        assert asked.value.code == 0, command
    assert "CONTRIBUTING.md" in (PROJECT / "README.md").read_text(encoding="utf-8")
