"""Schema version 1: what its JSON Schema errors mean, said the way a ladder's author reads it.

jsonschema's own messages name schema keywords; these name the ladder's keys and say what to
write instead. A new schema version gets a module like this one, with its own wording.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmframework.findings import JsonPath, Violation
from pmframework.text import number_text

VERSION = 1


def describe(error: Any, written: Mapping[JsonPath, str]) -> Iterator[Violation]:
    """Violations for one jsonschema error; ``written`` has the source text of plain scalars."""
    path: JsonPath = tuple(error.absolute_path)
    validator = error.validator
    if validator in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        what = path[-1] if path and isinstance(path[-1], str) else "the number"
        yield Violation(
            path,
            f"{what} {_as_written(written.get(path), error.instance)} is out of range; "
            f"write a number from {low:,} to {high:,}",
        )
        return
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed and not key.startswith("x-"):
                hint = f"; expected one of: {', '.join(sorted(allowed))}" if allowed else ""
                yield Violation((*path, key), f"unknown key {key!r}{hint}", key=True)
        return
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        for key in missing:
            yield Violation(path, f"missing required key {key!r}", key=bool(path))
        return
    if validator == "type" and error.validator_value == ["string", "object"]:
        yield Violation(path, "expected a text, or a mapping with 'text' (and source, quote)")
        return
    if validator == "pattern" and error.schema.get("pattern", "").startswith("^[A-Za-z0-9]"):
        on_key = "propertyNames" in error.schema_path
        yield Violation(
            (*path, error.instance) if on_key else path,
            f"{error.instance!r} is not a valid id: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 80 characters",
            key=on_key,
        )
        return
    if validator == "anyOf" and len(path) >= 2 and path[-2] == "expectations":
        yield Violation(
            path, "an expectation needs at least one of proficiency, criteria, examples"
        )
        return
    if validator == "oneOf" and len(path) >= 2 and path[-2] == "corresponds_to":
        yield Violation(path, "expected the id of a level of that framework, or a list of ids")
        return
    yield Violation(path, error.message)


def _as_written(text: str | None, value: float) -> str:
    """A number as the file wrote it (``1e999``, not ``inf``), its middle cut when long."""
    shown = number_text(value) if text is None else text
    if len(shown) <= 24:
        return shown
    return f"{shown[:10]}…{shown[-4:]} ({len(shown):,} characters)"
