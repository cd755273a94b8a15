"""The schema versions pmframework knows: their messages, and migrations from one to the next.

A version N is ``schema/ladder/vN.schema.json`` (its JSON Schema), a module here (``vN.py``,
what its errors mean), and, from N = 2 on, a migration from N-1 in ``MIGRATIONS``. The model is
built from the newest version: older data is migrated first, and each migration carries a path
map so that findings about migrated data still point at the author's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pmframework.check.versions import v1, v2
from pmframework.findings import JsonPath, Violation


@dataclass(frozen=True)
class SchemaVersion:
    number: int
    # Violations, in the author's words, for one jsonschema error of this version's schema.
    describe: Callable[[Any, Mapping[JsonPath, str]], Iterator[Violation]]


VERSIONS: dict[int, SchemaVersion] = {
    v.VERSION: SchemaVersion(v.VERSION, v.describe) for v in (v1, v2)
}

# A path in the migrated data → the path of the same value in the data before migrating.
PathMap = Callable[[JsonPath], JsonPath]


@dataclass(frozen=True)
class Migrated:
    data: Any
    original_path: PathMap


# Version N → a function from data of version N to data of version N+1 and its path map.
Migration = Callable[[Any], Migrated]


def unchanged(path: JsonPath) -> JsonPath:
    return path


MIGRATIONS: dict[int, Migration] = {
    # Version 2 adds to version 1: the data moves unchanged, and so do the paths.
    1: lambda data: Migrated(v2.from_v1(data), unchanged),
}


def migrate(
    data: Any, version: int, target: int, migrations: Mapping[int, Migration] = MIGRATIONS
) -> Migrated:
    """``data`` of ``version``, migrated step by step to ``target``, with one path map back."""
    maps: list[PathMap] = []
    for step in range(version, target):
        migrated = migrations[step](data)
        data = migrated.data
        maps.append(migrated.original_path)

    def original_path(path: JsonPath) -> JsonPath:
        for path_map in reversed(maps):
            path = path_map(path)
        return path

    return Migrated(data, original_path if maps else unchanged)
