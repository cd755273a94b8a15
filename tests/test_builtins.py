"""The built-in reference frameworks as a user reaches them: list, validate, init."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO

from pmframework.check.engine import load_ladder
from pmframework.resources import builtin_names

FRAMEWORK_FILES = sorted((REPO / "frameworks").glob("*.yaml"))
EXPECTED = {
    "asana", "atlassian", "atlassian-confluence", "carta", "headspace",
    "product-management", "splunk", "udemy", "walmart",
}  # fmt: skip


def test_all_nine_reference_frameworks_ship() -> None:
    assert set(builtin_names()) == EXPECTED


def test_list_shows_each_builtin_with_its_counts(run_cli) -> None:
    result = run_cli("list")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert set(rows) == EXPECTED
    for path in FRAMEWORK_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        levels = sum(len(track["levels"]) for track in data["tracks"])
        competencies = sum(len(area["competencies"]) for area in data.get("areas", []))
        row = rows[path.stem]
        assert data["framework"]["organization"] in row
        assert row.split()[-2:] == [str(levels), str(competencies)], row


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_builtin_validates_without_findings(run_cli, name: str) -> None:
    result = run_cli("validate", "--strict", f"builtin:{name}")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "1 file valid\n"


def test_unknown_builtin_names_the_known_ones(run_cli) -> None:
    result = run_cli("validate", "builtin:asanna")
    assert result.exit_code == 1
    assert "builtin:asanna: PMF000 error no built-in framework 'asanna'" in result.stdout
    assert "asana" in result.stdout


def test_init_scaffolds_a_draft_that_validates_and_keeps_sources(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    result = run_cli(
        "init", str(target), "--from", "builtin:atlassian", "--organization", "Acme Corp"
    )
    assert result.exit_code == 0, result.stderr
    assert run_cli("validate", "--strict", str(target)).exit_code == 0

    draft = load_ladder(str(target))
    original = load_ladder("builtin:atlassian")
    assert draft.framework.organization == "Acme Corp"
    assert draft.framework.status == "draft"
    assert draft.framework.id == "acme-corp-product-management-ladder"
    assert draft.sources == original.sources
    assert [lv.id for lv in draft.levels] == [lv.id for lv in original.levels]
    assert draft.framework.description is not None
    assert "builtin:atlassian" in draft.framework.description.text
    assert list(draft.statements())[1:] == list(original.statements())[1:]


def test_init_does_not_overwrite_without_force(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "ladder.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = run_cli("init", str(target), "--organization", "Acme")
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert run_cli("init", str(target), "--organization", "Acme", "--force").exit_code == 0
    assert load_ladder(str(target)).framework.organization == "Acme"
