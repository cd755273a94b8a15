"""A ladder that ``extends`` a base says only what changes: an entity of the base is named by its
id alone, while an entity new in the overlay is written in full, and what it lacks is reported at
its line in the overlay. The published schema accepts the short form (editors show no false
errors on an overlay) and still asks a ladder without ``extends`` for everything.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, CliResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schema_editors import _ajv
from test_v2_rules import BASE

from pmframework.check.engine import check_input, load_ladder, select_rules
from pmframework.check.schema import schema_text

RunCli = Callable[..., CliResult]

# Only ids and what changes: the framework's title, one more criterion for the base's level
# senior, and nothing restated (name, kind, rank come from the base).
SHORT = """\
schema_version: 2
extends: base.yaml
framework: {id: o, title: Overlay}
tracks:
  - id: ic
    levels:
      - id: senior
        expectations:
          delivery: {criteria: [Writes the release notes customers read.]}
"""


def _files(tmp_path: Path, overlay: str) -> str:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "product.yaml").write_text(overlay, encoding="utf-8")
    return str(tmp_path / "product.yaml")


def _found(spec: str) -> list[tuple[str, str, int, int, str]]:
    return sorted(
        (Path(f.file).name, f.rule, f.line, f.column, f.message)
        for f in check_input(spec, select_rules())
    )


def test_an_overlay_names_what_it_changes_by_id_alone(tmp_path: Path) -> None:
    ladder = load_ladder(_files(tmp_path, SHORT))
    base = load_ladder(str(tmp_path / "base.yaml"))
    assert (ladder.framework.id, ladder.framework.title) == ("o", "Overlay")
    assert ladder.framework.organization == base.framework.organization
    track = ladder.tracks[0]
    assert (track.id, track.name, track.kind) == (
        "ic",
        "Product management",
        "individual-contributor",
    )
    senior = ladder.level("senior")
    assert senior is not None
    assert (senior.rank, senior.grade, senior.inherits) == (2, "P3", "pm")
    assert [s.text for s in senior.expectations["delivery"].criteria] == [
        "Writes the release notes customers read."
    ]


def test_the_short_overlay_validates_renders_and_diffs(tmp_path: Path, run_cli: RunCli) -> None:
    spec = _files(tmp_path, SHORT)
    assert run_cli("validate", spec).exit_code == 0
    rendered = run_cli("render", spec, "-o", "-", "--format", "markdown")
    assert rendered.exit_code == 0, rendered.stderr
    assert "Writes the release notes customers read." in rendered.stdout
    assert "Product management" in rendered.stdout  # the base's track name
    diffed = run_cli("diff", str(tmp_path / "base.yaml"), spec, "--format", "json")
    assert diffed.exit_code == 1, diffed.stderr
    assert "Writes the release notes customers read." in diffed.stdout


def test_a_new_level_missing_its_rank_is_named_at_its_line_in_the_overlay(
    tmp_path: Path,
) -> None:
    overlay = SHORT + "      - {id: staff, title: Staff PM}\n"
    assert _found(_files(tmp_path, overlay)) == [
        (
            "product.yaml",
            "PMF001",
            10,
            9,
            "missing required key 'rank' ('staff' is not in 'base.yaml', so it is new here)",
        )
    ]


def test_a_misspelt_id_makes_a_new_entry_that_must_be_complete(tmp_path: Path) -> None:
    # "snior" is not the base's senior: a new level, so its missing rank is reported.
    found = _found(_files(tmp_path, SHORT.replace("id: senior", "id: snior")))
    assert [(name, rule, line, column) for name, rule, line, column, _ in found] == [
        ("product.yaml", "PMF001", 7, 9)
    ]


def test_a_new_track_missing_its_name_kind_and_levels_is_named_in_the_overlay(
    tmp_path: Path,
) -> None:
    overlay = SHORT + "  - {id: design}\n"
    found = _found(_files(tmp_path, overlay))
    assert [(f[0], f[2], f[3]) for f in found] == [("product.yaml", 10, 5)] * 3
    assert {f[4].split(" (")[0] for f in found} == {
        "missing required key 'name'",
        "missing required key 'kind'",
        "missing required key 'levels'",
    }


def test_a_ladder_without_extends_still_needs_everything(tmp_path: Path) -> None:
    alone = SHORT.replace("extends: base.yaml\n", "")
    (tmp_path / "alone.yaml").write_text(alone, encoding="utf-8")
    found = _found(str(tmp_path / "alone.yaml"))
    assert {message for *_, message in found} == {
        f"missing required key {key!r}"
        for key in ("organization", "version", "status", "name", "kind", "rank")
    }


def test_the_published_schema_accepts_the_short_overlay_and_not_a_short_ladder() -> None:
    # What an editor's YAML language server does with the file, before pmframework composes it.
    schema = json.loads(schema_text(2))
    jsonschema.validate(yaml.safe_load(SHORT), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(SHORT.replace("extends: base.yaml\n", "")), schema)


BASE_LEVELS = ["pm", "senior"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    merged=st.lists(st.sampled_from(["pm", "senior"]), unique=True),
    new=st.lists(st.sampled_from(["staff", "principal", "lead-pm"]), unique=True),
)
def test_entries_of_the_base_need_only_their_id_and_new_ones_are_found_where_written(
    tmp_path: Path, merged: list[str], new: list[str]
) -> None:
    lines = ["schema_version: 2", "extends: base.yaml", "tracks:", "  - id: ic"]
    lines += ["    levels:"] if merged or new else []
    written: dict[str, int] = {}
    for level in [*merged, *new]:
        written[level] = len(lines) + 1
        lines.append(f"      - {{id: {level}, summary: Said here.}}")
    spec = _files(tmp_path, "\n".join(lines) + "\n")
    found = _found(spec)
    # Each new level is reported once, at its line; the base's levels need nothing more.
    assert [(name, rule, line, column) for name, rule, line, column, _ in found] == [
        ("product.yaml", "PMF001", written[level], 9) for level in new
    ]
    if new:
        return
    composed = load_ladder(spec)
    base = load_ladder(str(tmp_path / "base.yaml"))
    assert [lv.id for lv in composed.levels] == [lv.id for lv in base.levels]
    for level, before in zip(composed.levels, base.levels, strict=True):
        summary = "Said here." if level.id in merged else None
        assert (level.summary.text if level.summary else None) == summary
        assert (level.rank, level.title, level.inherits) == (
            before.rank,
            before.title,
            before.inherits,
        )


@pytest.mark.parametrize(
    ("text", "accepted"), [(SHORT, True), (SHORT.replace("extends", "x-e"), False)]
)
def test_ajv_agrees_about_the_short_overlay(tmp_path: Path, text: str, accepted: bool) -> None:
    schema = tmp_path / "ladder.schema.json"
    schema.write_text(schema_text(2), encoding="utf-8")
    data = tmp_path / "ladder.yaml"
    data.write_text(text, encoding="utf-8")
    shown = subprocess.run(
        [
            *(str(_ajv()), "validate", "--spec=draft2020", "--strict=true", "-c", "ajv-formats"),
            *("-s", str(schema), "-d", str(data)),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert (shown.returncode == 0) is accepted, shown.stderr
