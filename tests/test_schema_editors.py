"""The published schema, as editors and other validators read it, agrees with pmframework.

An editor's YAML reader sees ``version: 1.10`` as the number 1.1; pmframework reads the text
1.10. Both must accept the file. ajv (package.json, installed by ``make test``) checks the schema
in strict mode, the mode that rejects union types and undefined required properties.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, VALID, CliResult

from pmframework.check.schema import known_versions, schema_text

RunCli = Callable[..., CliResult]

AJV = REPO / "node_modules" / ".bin" / "ajv"
# version and a title as an editor's YAML reader sees them: numbers.
NUMBERS = VALID.replace('version: "1"', "version: 1.10").replace("title: T,", "title: 2024,")


def _ajv() -> Path:
    if AJV.exists() and shutil.which("node"):
        return AJV
    if os.environ.get("CI") == "true":
        pytest.fail("ajv is not installed: run `npm ci` (make test does)")
    pytest.skip("ajv is not installed: run `npm ci`")


def test_editors_and_pmframework_both_accept_an_unquoted_number_as_text(run_cli: RunCli) -> None:
    as_editor_reads = yaml.safe_load(NUMBERS)
    assert as_editor_reads["framework"]["version"] == 1.1
    jsonschema.validate(as_editor_reads, json.loads(schema_text(1)))
    result = run_cli("validate", "-", input=NUMBERS)
    assert (result.exit_code, result.stdout) == (0, "1 file valid\n")


def test_a_list_where_text_belongs_is_refused_by_both(run_cli: RunCli) -> None:
    wrong = VALID.replace('version: "1"', "version: [1]")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(wrong), json.loads(schema_text(1)))
    result = run_cli("validate", "-", input=wrong)
    assert result.exit_code == 1


@pytest.mark.parametrize("version", known_versions())
def test_the_schema_is_clean_under_ajv_strict_mode(tmp_path: Path, version: int) -> None:
    schema = tmp_path / "ladder.schema.json"
    schema.write_text(schema_text(version))
    data = tmp_path / "ladder.yaml"
    data.write_text(NUMBERS.replace("schema_version: 1", f"schema_version: {version}"))
    shown = subprocess.run(
        [
            str(_ajv()),
            "validate",
            "--spec=draft2020",
            "--strict=true",
            "-c",
            "ajv-formats",
            "-s",
            str(schema),
            "-d",
            str(data),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert shown.returncode == 0, shown.stderr
    assert "strict mode" not in shown.stderr
    assert f"{data} valid" in shown.stderr + shown.stdout
