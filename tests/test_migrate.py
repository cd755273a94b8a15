"""``pmframework migrate``: a version 1 ladder rewritten as version 2, keeping its comments and
layout; the same ladder, as diff and validate see it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, CliResult

from pmframework.check.engine import check_input, select_rules
from pmframework.check.upgrade import upgrade_text
from pmframework.errors import LadderError
from pmframework.load.document import load_document

RunCli = Callable[..., CliResult]

V1_LADDERS = sorted(
    path
    for path in [
        *(REPO / "frameworks").glob("*.yaml"),
        *(EXAMPLES / "valid").glob("*.yaml"),
        *(EXAMPLES / "valid").glob("*.json"),
    ]
    if load_document(str(path)).data["schema_version"] == 1
)


def test_every_version_1_ladder_of_the_repository_is_covered() -> None:
    names = {path.name for path in V1_LADDERS}
    assert {"product-management.yaml", "acme-small.yaml", "minimal.json"} <= names
    assert len(V1_LADDERS) >= 12


@pytest.mark.parametrize("path", V1_LADDERS, ids=lambda p: p.name)
def test_a_version_1_ladder_migrates_to_the_same_ladder(
    path: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    out = tmp_path / path.name
    result = run_cli("migrate", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    before, after = path.read_text("utf-8"), out.read_text("utf-8")
    # Only the version changes: every comment, quote, blank line and indent stays.
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert [new.strip().rstrip(",") for _, new in changed] in (
        ["schema_version: 2"],
        ['"schema_version": 2'],
    )
    # The same ladder: diff finds nothing, and validate finds what it found, where it found it.
    same = run_cli("diff", "--ignore-provenance", str(path), str(out))
    assert same.exit_code == 0, same.stdout
    assert "no differences" in same.stdout
    rules = select_rules()
    assert [(f.rule, f.line, f.column, f.message) for f in check_input(str(out), rules)] == [
        (f.rule, f.line, f.column, f.message) for f in check_input(str(path), rules)
    ]


LAYOUT = """\
# Acme's product ladder.
schema_version: 1   # the version of the schema
framework: {id: acme, title: 'Acme ladder', organization: Acme, version: "1.10", status: draft}
tracks:
- id: ic              # sequences flush with their key
  name: Product managers
  kind: individual-contributor
  levels:
  - id: pm
    title: Product Manager
    rank: 1
    summary: >-
      A long summary that the author folded by hand over two lines, which a dumper
      would be tempted to fold differently.
"""


def test_comments_and_a_layout_of_ones_own_are_kept() -> None:
    upgraded = upgrade_text("ladder.yaml", LAYOUT)
    assert (upgraded.version, upgraded.target, upgraded.changed) == (1, 2, True)
    assert upgraded.text == LAYOUT.replace("schema_version: 1 ", "schema_version: 2 ")


def test_a_version_2_ladder_comes_back_as_it_is(run_cli: RunCli) -> None:
    path = EXAMPLES / "valid" / "v2" / "gitlab-style.yaml"
    result = run_cli("migrate", str(path))
    assert result.exit_code == 0
    assert result.stdout == path.read_text("utf-8")
    assert upgrade_text(str(path), path.read_text("utf-8")).changed is False


def test_a_ladder_with_errors_is_refused_and_nothing_is_written(
    tmp_path: Path, run_cli: RunCli
) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("kept\n", encoding="utf-8")
    broken = EXAMPLES / "invalid" / "pmf102-typo-in-competency-id.yaml"
    result = run_cli("migrate", str(broken), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pmframework: error: {broken}:42:11: PMF102 ")
    assert len(result.stderr.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "kept\n"
    with pytest.raises(LadderError):
        upgrade_text("x.yaml", "schema_version: 1\n")


def test_a_file_is_rewritten_in_place_when_it_is_its_own_output(
    tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "ladder.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    assert run_cli("migrate", str(path), "-o", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith(
        "# Acme's product ladder.\nschema_version: 2"
    )


def _mixed_indentation(text: str) -> str:
    """The levels' sequence indented under its key, the tracks' flush with theirs."""
    head, levels = text.split("  levels:\n")
    return head + "  levels:\n" + "".join("  " + line for line in levels.splitlines(True))


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="windows line ends"),
        pytest.param(lambda text: "---\n" + text, id="document start"),
        pytest.param(lambda text: "# header\n---\n" + text, id="comment before the start"),
        pytest.param(lambda text: text + "...\n", id="document end"),
        pytest.param(_mixed_indentation, id="sequences indented in two ways"),
    ],
)
def test_a_layout_the_yaml_library_cannot_write_back_is_kept_byte_for_byte(
    layout: Callable[[str], str],
) -> None:
    text = layout(LAYOUT)
    assert upgrade_text("ladder.yaml", text).text == text.replace(
        "schema_version: 1 ", "schema_version: 2 ", 1
    )
