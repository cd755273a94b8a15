"""Schema version 2: what its errors mean beyond version 1's, and the migration from version 1.

Version 2 adds to version 1 and changes nothing it had: every version 1 construct keeps its
meaning at the same place. So the migration only says ``schema_version: 2``, and its path map
is the identity: a finding about migrated data is at the author's line as it stands.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmframework.check.versions import v1
from pmframework.findings import JsonPath, Violation

VERSION = 2


def describe(error: Any, written: Mapping[JsonPath, str]) -> Iterator[Violation]:
    """Violations for one jsonschema error of the version 2 schema."""
    path: JsonPath = tuple(error.absolute_path)
    shared = len(path) >= 2 and path[-2] == "shared"
    if error.validator == "not" and shared:
        yield Violation(
            path, "a shared entry is about a competency or a dimension, not both: keep one"
        )
        return
    if error.validator == "anyOf" and shared and not v1.unknown_keys(error):
        yield Violation(path, f"a shared entry needs at least one of {v1.alternatives(error)}")
        return
    if error.validator == "dependentRequired" and shared:
        yield Violation(
            path,
            "a shared dimension needs both 'dimension' and 'text' (criteria are for competencies)",
        )
        return
    yield from v1.describe(error, written)


def from_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """Version 1 data as version 2: the same data, ``schema_version: 2``."""
    return {**data, "schema_version": VERSION}
