"""The GitHub Action (action.yml): its inputs, and that the commands it runs do what it says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, VALID

ACTION = REPO / "action.yml"
BROKEN = VALID.replace("inherits: pm}", "inherits: pmm}")
WARNS = VALID.replace(", inherits: pm}", "}")


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def test_action_follows_the_schema_of_github_actions() -> None:
    from check_jsonschema.builtin_schemas import get_builtin_schema

    jsonschema.validate(_action(), get_builtin_schema("vendor.github-actions"))


def test_action_inputs_and_install() -> None:
    action = _action()
    assert set(action["inputs"]) == {"paths", "strict"}
    assert action["inputs"]["strict"]["default"] == "false"
    assert action["runs"]["using"] == "composite"
    install, _ = action["runs"]["steps"]
    # Installed from this repository at the ref the workflow names, not from elsewhere.
    assert 'pip" install --quiet "${{ github.action_path }}"' in install["run"]


def _run_validate_step(
    project: Path, tmp_path: Path, **inputs: str
) -> subprocess.CompletedProcess[str]:
    """Run the action's Validate step in bash, its installed pmframework being this checkout."""
    _, step = _action()["runs"]["steps"]
    bin_dir = tmp_path / "runner" / "pmframework-venv" / "bin"
    bin_dir.mkdir(parents=True)
    shim = bin_dir / "pmframework"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pmframework "$@"\n')
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "PATHS": inputs.get("paths", _action()["inputs"]["paths"]["default"]),
        "STRICT": inputs.get("strict", _action()["inputs"]["strict"]["default"]),
    }
    assert set(step["env"]) == {"PATHS", "STRICT"}
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("inputs", "exit_code", "annotations"),
    [
        ({}, 0, ["::warning"]),
        ({"strict": "true"}, 1, ["::warning"]),
        ({"paths": "ladders/ok.yaml ladders/b*.yaml"}, 1, ["::warning", "::error"]),
        ({"paths": "ladders/ok.yaml\nladders/warns.yaml"}, 0, ["::warning"]),
    ],
)
def test_action_runs_a_valid_pmframework_validate(
    tmp_path: Path, inputs: dict[str, str], exit_code: int, annotations: list[str]
) -> None:
    project = tmp_path / "project"
    (project / "ladders").mkdir(parents=True)
    (project / "ladders" / "ok.yaml").write_text(VALID)
    (project / "ladders" / "warns.yaml").write_text(WARNS)
    if "paths" in inputs:
        (project / "ladders" / "broken.yaml").write_text(BROKEN)
    result = _run_validate_step(project, tmp_path, **inputs)
    assert (result.returncode, result.stderr) == (exit_code, "")
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == annotations
