"""The schema-version seam: every known version has its messages, and migrations keep paths."""

from __future__ import annotations

from typing import Any

from pmframework.check.schema import known_versions
from pmframework.check.versions import MIGRATIONS, VERSIONS, Migrated, migrate
from pmframework.findings import JsonPath


def test_every_shipped_schema_has_its_messages_and_a_way_to_the_newest() -> None:
    assert sorted(VERSIONS) == known_versions()
    # A migration from each version but the newest, so that the model can be built from any.
    assert sorted(MIGRATIONS) == known_versions()[:-1]


def _rename_top(old: str, new: str) -> Any:
    """A toy migration: the top-level key ``old`` becomes ``new``."""

    def step(data: dict[str, Any]) -> Migrated:
        moved = {(new if key == old else key): value for key, value in data.items()}

        def original_path(path: JsonPath) -> JsonPath:
            return (old, *path[1:]) if path[:1] == (new,) else path

        return Migrated(moved, original_path)

    return step


def test_migrations_chain_and_findings_keep_the_authors_path() -> None:
    toy = {1: _rename_top("tracks", "ladders"), 2: _rename_top("ladders", "paths")}
    data = {"schema_version": 1, "tracks": [{"id": "ic"}]}

    migrated = migrate(data, 1, 3, toy)

    assert migrated.data == {"schema_version": 1, "paths": [{"id": "ic"}]}
    assert migrated.original_path(("paths", 0, "id")) == ("tracks", 0, "id")
    assert migrated.original_path(("framework", "id")) == ("framework", "id")
    assert data == {"schema_version": 1, "tracks": [{"id": "ic"}]}


def test_no_migration_leaves_data_and_paths_as_they_are() -> None:
    data = {"schema_version": 1}
    migrated = migrate(data, 1, 1)
    assert migrated.data is data
    assert migrated.original_path(("a", 0)) == ("a", 0)
