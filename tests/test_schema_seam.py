"""The schema-version seam end to end: with a toy version 2 registered (its schema file, its
messages, a migration from 1 that carries a path map), the engine checks a v2 file against the
v2 schema, migrates a v1 file, builds the model at v2 from either, and reports what the rules
find at the author's lines."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmframework.check import schema
from pmframework.check import versions as versions_module
from pmframework.check.engine import check_loaded, select_rules
from pmframework.check.versions import Migrated, SchemaVersion, v1
from pmframework.findings import JsonPath
from pmframework.load.document import parse_document

REAL_SCHEMAS = schema._schema_dir()

LADDER = """\
schema_version: {version}
framework:
  id: toy
  title: Toy ladder
  organization: Example Ltd
  version: "1.0"
  status: draft
areas:
  - id: core
    name: Core
    competencies:
      - id: judgement
        name: Product judgement
tracks:
  - id: pm
    name: Product management
    kind: individual-contributor
    levels:
      - id: pm
        title: Product Manager
        rank: 1
  - id: lead
    name: Leadership
    kind: management
    levels:
      - id: lead
        title: Lead
        rank: 2
        inherits: nowhere
"""
# The line of ``inherits: nowhere`` above, where PMF102 must point whatever the version.
INHERITS_LINE = LADDER.splitlines().index("        inherits: nowhere") + 1


def _reverse_tracks(data: dict[str, Any]) -> Migrated:
    """The toy migration 1 → 2: version 2 lists tracks in the opposite order. Its path map
    sends ``tracks[i]`` of the migrated data back to ``tracks[n-1-i]`` of the author's."""
    count = len(data["tracks"])
    migrated = {**data, "schema_version": 2, "tracks": list(reversed(data["tracks"]))}

    def original_path(path: JsonPath) -> JsonPath:
        if path[:1] == ("tracks",) and len(path) > 1 and isinstance(path[1], int):
            return ("tracks", count - 1 - path[1], *path[2:])
        return path

    return Migrated(migrated, original_path)


@pytest.fixture
def toy_v2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "ladder"
    folder.mkdir()
    shutil.copy(REAL_SCHEMAS / "v1.schema.json", folder / "v1.schema.json")
    v2 = json.loads((REAL_SCHEMAS / "v1.schema.json").read_text(encoding="utf-8"))
    v2["properties"]["schema_version"]["const"] = 2
    v2["required"] = [*v2["required"], "areas"]  # what version 2 asks that 1 did not
    (folder / "v2.schema.json").write_text(json.dumps(v2), encoding="utf-8")
    monkeypatch.setattr(schema, "_schema_dir", lambda: folder)
    monkeypatch.setitem(versions_module.VERSIONS, 2, SchemaVersion(2, v1.describe))
    monkeypatch.setitem(versions_module.MIGRATIONS, 1, _reverse_tracks)
    schema.schema_text.cache_clear()
    schema._validator.cache_clear()
    yield
    # The real schema files again for the tests that follow.
    schema.schema_text.cache_clear()
    schema._validator.cache_clear()


def _check(version: int) -> tuple[list[Any], Any]:
    document = parse_document("toy.yaml", LADDER.format(version=version))
    return check_loaded(document, select_rules())


@pytest.mark.usefixtures("toy_v2")
def test_a_v1_file_is_migrated_and_its_findings_stay_at_the_authors_lines() -> None:
    findings, ladder = _check(1)
    assert ladder is not None
    assert ladder.schema_version == 2
    assert [t.id for t in ladder.tracks] == ["lead", "pm"]  # the model is built from v2
    unresolved = [f for f in findings if f.rule == "PMF102"]
    assert [(f.line, f.path) for f in unresolved] == [
        (INHERITS_LINE, ("tracks", 1, "levels", 0, "inherits"))
    ]


@pytest.mark.usefixtures("toy_v2")
def test_a_v2_file_is_checked_against_the_v2_schema_without_migrating() -> None:
    findings, ladder = _check(2)
    assert ladder is not None
    assert [t.id for t in ladder.tracks] == ["pm", "lead"]
    assert [(f.rule, f.line) for f in findings if f.rule == "PMF102"] == [("PMF102", INHERITS_LINE)]


@pytest.mark.usefixtures("toy_v2")
def test_each_file_is_judged_by_the_schema_of_its_own_version() -> None:
    without_areas = LADDER[: LADDER.index("areas:")] + LADDER[LADDER.index("tracks:") :]
    for version, expected in ((1, []), (2, ["PMF001"])):
        document = parse_document("toy.yaml", without_areas.format(version=version))
        findings, _ = check_loaded(document, select_rules())
        assert [f.rule for f in findings if f.rule.startswith("PMF00")] == expected
    assert "areas" in findings[0].message


@pytest.mark.usefixtures("toy_v2")
def test_an_unknown_version_names_both_known_ones() -> None:
    findings, ladder = _check(3)
    assert ladder is None
    assert [f.rule for f in findings] == ["PMF002"]
    assert "(1, 2)" in findings[0].message


def test_without_the_toy_version_2_is_unknown() -> None:
    findings, ladder = _check(2)
    assert ladder is None
    assert "not one this pmframework knows (1)" in findings[0].message
