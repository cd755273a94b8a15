"""Acceptance tests driven by example folders: drop a file in, get a test.

* every ladder in ``tests/examples/valid/`` validates with no error and no warning;
* every ladder in ``tests/examples/invalid/`` says in its leading comment lines what it must
  produce, one ``# expect: RULE LINE:COLUMN`` line per finding (``# expect: RULE`` for a
  finding about the whole file), and produces exactly that;
* check-jsonschema, a third-party validator, accepts every valid example (``valid/`` and
  ``valid/v2/``) and every built-in framework with the schema of its version, as
  ``pmframework schema --version N`` prints it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, CliResult

from pmframework.check.discovery import LADDER_SUFFIXES
from pmframework.check.engine import CORE_RULES, validate_paths
from pmframework.check.rules import RULES
from pmframework.load.document import load_document

RunCli = Callable[..., CliResult]
EXPECT = re.compile(r"#\s*expect:\s*(?P<rule>PMF\d{3})(?:\s+(?P<line>\d+):(?P<column>\d+))?\s*$")


def examples(kind: str) -> list[Path]:
    # Subfolders too: valid/v2/ holds the ladders written in schema version 2's own constructs.
    return sorted(p for p in (EXAMPLES / kind).rglob("*") if p.suffix in LADDER_SUFFIXES)


def expectations(path: Path) -> list[tuple[str, int, int]]:
    """The ``# expect:`` lines among the comment lines a file starts with."""
    expected = []
    for raw in path.read_bytes().splitlines():
        line = raw.decode("utf-8", errors="replace").strip()
        if not line.startswith("#"):
            break
        match = EXPECT.match(line)
        if match:
            position = (int(match["line"]), int(match["column"])) if match["line"] else (0, 0)
            expected.append((match["rule"], *position))
        else:
            malformed = re.match(r"#\s*expect\b", line, re.IGNORECASE)
            assert not malformed, f"{path.name}: malformed expectation {line!r}"
    return expected


@pytest.mark.parametrize("path", examples("valid"), ids=lambda p: p.name)
def test_valid_example(path: Path) -> None:
    assert expectations(path) == [], "a valid example expects nothing"
    report = validate_paths([str(path)])
    assert report.findings == [], "\n".join(
        f"{f.location()}: {f.rule} {f.message}" for f in report.findings
    )


@pytest.mark.parametrize("path", examples("invalid"), ids=lambda p: p.name)
def test_invalid_example(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} must say what it produces: '# expect: PMF102 12:9'"
    report = validate_paths([str(path)])
    found = [(f.rule, f.line, f.column) for f in report.findings]
    assert sorted(found) == sorted(expected), "\n".join(
        f"{f.location()}: {f.rule} {f.message}" for f in report.findings
    )
    assert {f.file for f in report.findings} == {str(path)}
    assert report.failed(strict=True)


def test_every_rule_has_an_invalid_example() -> None:
    produced = {rule for path in examples("invalid") for rule, _, _ in expectations(path)}
    assert produced >= {*CORE_RULES, *RULES}


def test_the_folders_are_as_the_acceptance_tests_see_them() -> None:
    # A file with another suffix would silently not be tested.
    for kind in ("valid", "invalid"):
        others = [
            p.name
            for p in (EXAMPLES / kind).rglob("*")
            if p.is_file() and p.suffix not in LADDER_SUFFIXES
        ]
        assert others == [], f"{kind}/ holds files that are not ladders: {others}"
    assert len(examples("valid")) >= 3
    assert len(examples("invalid")) >= 10


def test_expectation_parsing() -> None:
    path = EXAMPLES / "invalid" / "pmf102-typo-in-competency-id.yaml"
    assert expectations(path) == [("PMF102", 42, 11), ("PMF201", 36, 13)]


def test_the_command_line_agrees(run_cli: RunCli) -> None:
    valid = run_cli("validate", "--strict", str(EXAMPLES / "valid"))
    assert valid.exit_code == 0
    assert valid.stdout == f"{len(examples('valid'))} files valid\n"
    invalid = run_cli("validate", "--strict", str(EXAMPLES / "invalid"))
    assert invalid.exit_code == 1
    findings = invalid.stdout.splitlines()[:-1]
    assert len(findings) == sum(len(expectations(p)) for p in examples("invalid"))


# --- a third-party validator agrees -----------------------------------------------------------


def _by_version(files: list[Path]) -> dict[int, list[Path]]:
    grouped: dict[int, list[Path]] = {}
    for path in files:
        grouped.setdefault(int(load_document(str(path)).data["schema_version"]), []).append(path)
    return grouped


def test_check_jsonschema_accepts_the_valid_examples_and_the_builtins(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """Each file with the schema of its own version, as ``pmframework schema --version``
    prints it."""
    files = [
        *examples("valid"),
        *sorted((REPO / "frameworks").glob("*.yaml")),
    ]
    grouped = _by_version(files)
    assert sorted(grouped) == [1, 2]
    for version, group in grouped.items():
        schema = tmp_path / f"v{version}.schema.json"
        schema.write_text(run_cli("schema", "--version", str(version)).stdout, encoding="utf-8")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--schemafile",
                str(schema),
                *map(str, group),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "ok -- validation done" in done.stdout


@pytest.mark.parametrize(
    ("version", "name", "said"),
    [
        ("1", "pmf001-wrong-kind-and-status.yaml", "'final' is not one of"),
        ("2", "pmf001-v2-shared-competency-and-dimension.yaml", "should not be valid"),
    ],
)
def test_check_jsonschema_rejects_what_the_schema_rejects(
    version: str, name: str, said: str, tmp_path: Path, run_cli: RunCli
) -> None:
    # The agreement above means something only if check-jsonschema does apply the schema.
    schema = tmp_path / "ladder.schema.json"
    schema.write_text(run_cli("schema", "--version", version).stdout, encoding="utf-8")
    files = [EXAMPLES / "invalid" / name]
    assert {f.rule for f in validate_paths(map(str, files)).findings} == {"PMF001"}
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert said in done.stdout + done.stderr
