"""Shared test helpers: run the CLI in-process, and find the repository's folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from inspect import signature
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import settings

from pmframework.cli import main

# No per-example deadline: CI machines are shared and noisy, and a slow example is a timing
# figure (benchmarks/ measure those), not a wrong answer. Tests that set their own settings
# inherit this default.
settings.register_profile("pmframework", deadline=None)
settings.load_profile("pmframework")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "tests" / "examples"
# The documents the reference frameworks quote, kept beside the checkout, not in it.
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


def needs_seeds() -> None:
    """Skip the calling test when the seed documents are missing; fail it under CI=true, where
    a test that cannot run must not pass as skipped."""
    if SEEDS.is_dir():
        return
    advice = (
        f"the seed documents are not at {SEEDS}: put the folder shared/seeds beside this "
        "checkout to check the reference frameworks' quotes against their sources"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"{advice} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(advice)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The system's Chromium, for the browser tests. Without it they fail rather than skip, so
    a CI machine that lacks it cannot pass by accident."""
    candidates = [os.environ.get("PMFRAMEWORK_CHROMIUM", ""), "chromium", "chromium-browser"]
    for name in candidates:
        if name and (path := shutil.which(name)):
            return path
    pytest.fail(
        "chromium is not installed: run .ci/install-system-packages (as root) first",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def stress_ladder(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ladder with long words, many levels, three tracks and emoji, as a file."""
    from render_layout import stress_ladder_data

    path = tmp_path_factory.mktemp("stress") / "stress.yaml"
    path.write_text(yaml.safe_dump(stress_ladder_data(), allow_unicode=True), encoding="utf-8")
    return str(path)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """Run ``pmframework ARGS...`` in-process; ``input`` is standard input."""

    def run(*args: str, input: str | bytes | None = None) -> CliResult:
        # click 8.1 mixes stderr into stdout unless told not to; 8.2 always keeps them apart.
        apart = {"mix_stderr": False} if "mix_stderr" in signature(CliRunner).parameters else {}
        runner = CliRunner(**apart)
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
