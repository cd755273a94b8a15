"""The schema-version seam end to end. Version 2 is real: a v1 file is migrated to it and keeps
its findings at its lines, and each file is judged by the schema of its own version. With a toy
version 3 registered on top (its schema file, its messages, a migration from 2 that carries a
path map that moves things), the engine checks a v3 file against the v3 schema, migrates v1 and
v2 files step by step, builds the model at v3 from any, and reports what the rules find at the
author's lines."""

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
from pmframework.check.versions import Migrated, SchemaVersion, v2
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
    """The toy migration 2 → 3: version 3 lists tracks in the opposite order. Its path map
    sends ``tracks[i]`` of the migrated data back to ``tracks[n-1-i]`` of the author's."""
    count = len(data["tracks"])
    migrated = {**data, "schema_version": 3, "tracks": list(reversed(data["tracks"]))}

    def original_path(path: JsonPath) -> JsonPath:
        if path[:1] == ("tracks",) and len(path) > 1 and isinstance(path[1], int):
            return ("tracks", count - 1 - path[1], *path[2:])
        return path

    return Migrated(migrated, original_path)


@pytest.fixture
def toy_v3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "ladder"
    folder.mkdir()
    for version in (1, 2):
        shutil.copy(REAL_SCHEMAS / f"v{version}.schema.json", folder / f"v{version}.schema.json")
    v3 = json.loads((REAL_SCHEMAS / "v2.schema.json").read_text(encoding="utf-8"))
    v3["properties"]["schema_version"]["const"] = 3
    v3["required"] = [*v3["required"], "areas"]  # what version 3 asks that 2 did not
    (folder / "v3.schema.json").write_text(json.dumps(v3), encoding="utf-8")
    monkeypatch.setattr(schema, "_schema_dir", lambda: folder)
    monkeypatch.setitem(versions_module.VERSIONS, 3, SchemaVersion(3, v2.describe))
    monkeypatch.setitem(versions_module.MIGRATIONS, 2, _reverse_tracks)
    schema.schema_text.cache_clear()
    schema._validator.cache_clear()
    schema._shipped_versions.cache_clear()
    yield
    # The real schema files again for the tests that follow.
    schema.schema_text.cache_clear()
    schema._validator.cache_clear()
    schema._shipped_versions.cache_clear()


def _check(version: int) -> tuple[list[Any], Any]:
    document = parse_document("toy.yaml", LADDER.format(version=version))
    return check_loaded(document, select_rules())


def test_a_v1_file_is_migrated_to_version_2_with_its_findings_at_its_lines() -> None:
    findings, ladder = _check(1)
    assert ladder is not None
    assert ladder.schema_version == 2
    assert [t.id for t in ladder.tracks] == ["pm", "lead"]
    assert [(f.rule, f.line, f.path) for f in findings if f.rule == "PMF102"] == [
        ("PMF102", INHERITS_LINE, ("tracks", 1, "levels", 0, "inherits"))
    ]


@pytest.mark.parametrize(
    ("construct", "replaced", "where"),
    [
        # an open track kind
        ("    kind: management\n", "    kind: tech-lead\n", "    kind: tech-lead"),
        # a level known by its rank alone
        ("        title: Lead\n", "", "      - id: lead"),
        # competencies without areas
        (
            "areas:\n  - id: core\n    name: Core\n    competencies:\n",
            "competencies:\n",
            "competencies:",
        ),
    ],
)
def test_a_version_2_construct_is_valid_in_version_2_and_an_error_in_version_1(
    construct: str, replaced: str, where: str
) -> None:
    """A version 1 file that uses it is told so at the line where it stands."""
    text = LADDER.replace(construct, replaced)
    line = text.splitlines().index(where) + 1
    for version, expected in ((2, []), (1, [("PMF001", line)])):
        document = parse_document("ladder.yaml", text.format(version=version))
        findings, _ = check_loaded(document, select_rules())
        assert [(f.rule, f.line) for f in findings if f.rule.startswith("PMF00")] == expected


def test_version_3_is_unknown_and_the_message_names_1_and_2() -> None:
    findings, ladder = _check(3)
    assert ladder is None
    assert "not one this pmframework knows (1, 2)" in findings[0].message


@pytest.mark.usefixtures("toy_v3")
@pytest.mark.parametrize("version", [1, 2])
def test_a_file_is_migrated_step_by_step_and_its_findings_stay_at_the_authors_lines(
    version: int,
) -> None:
    findings, ladder = _check(version)
    assert ladder is not None
    assert ladder.schema_version == 3
    assert [t.id for t in ladder.tracks] == ["lead", "pm"]  # the model is built from v3
    unresolved = [f for f in findings if f.rule == "PMF102"]
    assert [(f.line, f.path) for f in unresolved] == [
        (INHERITS_LINE, ("tracks", 1, "levels", 0, "inherits"))
    ]


@pytest.mark.usefixtures("toy_v3")
def test_a_v3_file_is_checked_against_the_v3_schema_without_migrating() -> None:
    findings, ladder = _check(3)
    assert ladder is not None
    assert [t.id for t in ladder.tracks] == ["pm", "lead"]
    assert [(f.rule, f.line) for f in findings if f.rule == "PMF102"] == [("PMF102", INHERITS_LINE)]


@pytest.mark.usefixtures("toy_v3")
def test_each_file_is_judged_by_the_schema_of_its_own_version() -> None:
    without_areas = LADDER[: LADDER.index("areas:")] + LADDER[LADDER.index("tracks:") :]
    for version, expected in ((1, []), (2, []), (3, ["PMF001"])):
        document = parse_document("toy.yaml", without_areas.format(version=version))
        findings, _ = check_loaded(document, select_rules())
        assert [f.rule for f in findings if f.rule.startswith("PMF00")] == expected
    assert "areas" in findings[0].message


@pytest.mark.usefixtures("toy_v3")
def test_an_unknown_version_names_every_known_one() -> None:
    findings, ladder = _check(4)
    assert ladder is None
    assert [f.rule for f in findings] == ["PMF002"]
    assert "(1, 2, 3)" in findings[0].message
