"""Shared test helpers: run the CLI in-process, and find the repository's folders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmframework.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "tests" / "examples"
SEEDS = REPO.parent / "shared" / "seeds"

# A small valid ladder (senior inherits pm).
VALID = """\
schema_version: 1
framework: {id: t, title: T, organization: O, version: "1", status: draft}
areas:
  - {id: craft, name: Craft, competencies: [{id: strategy, name: Strategy}]}
tracks:
  - id: ic
    name: IC
    kind: other
    levels:
      - {id: pm, title: PM, rank: 1, expectations: {strategy: {criteria: [Sets goals.]}}}
      - {id: senior, title: Senior PM, rank: 2, inherits: pm}
"""


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """Run ``pmframework ARGS...`` in-process; ``input`` is standard input."""

    def run(*args: str, input: str | bytes | None = None) -> CliResult:
        result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
