"""Diff output a person reads at a glance: values read whole, renames followed level to level."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import VALID, CliResult

from pmframework.diff.textdiff import word_diff

RunCli = Callable[..., CliResult]


@pytest.mark.parametrize(
    ("old", "new"),
    [("1.0.0", "1.1.0"), ("1.10", "1.11"), ("v2.0.0-rc.1", "v2.0.0"), ("2024-05-01", "2025-01-01")],
)
def test_a_version_number_or_date_is_shown_whole(old: str, new: str) -> None:
    assert [(s.op, s.text) for s in word_diff(old, new)] == [("delete", old), ("insert", new)]


def test_words_of_a_text_are_still_compared_one_by_one() -> None:
    segments = word_diff("Ships small steps.", "Ships big steps.")
    assert [s.op for s in segments] == ["equal", "delete", "insert", "equal"]


def test_a_version_bump_in_the_text_diff(run_cli: RunCli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(VALID.replace('version: "1"', "version: 1.0.0"))
    b.write_text(VALID.replace('version: "1"', "version: 1.1.0"))
    result = run_cli("diff", str(a), str(b))
    assert result.exit_code == 1
    assert "    - version: [-1.0.0-]{+1.1.0+}" in result.stdout.splitlines()


def test_the_level_diff_follows_a_renamed_competency(run_cli: RunCli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(VALID)
    renamed = VALID.replace("{id: strategy,", "{id: product-strategy,")
    renamed = renamed.replace("expectations: {strategy:", "expectations: {product-strategy:")
    b.write_text(renamed)
    version = run_cli("diff", str(a), str(b))
    assert "renamed" in version.stdout
    # senior (in b) inherits pm's criterion; across the rename it is not new.
    levels = run_cli("diff", f"{a}#pm", f"{b}#senior")
    assert "Sets goals." not in levels.stdout, levels.stdout
    assert "  - nothing new\n" in levels.stdout
