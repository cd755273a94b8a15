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
