"""Schema version 1: what its JSON Schema errors mean, said the way a ladder's author reads it.

jsonschema's own messages name schema keywords; these name the ladder's keys and say what to
write instead. A new schema version gets a module like this one, with its own wording.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmframework.findings import JsonPath, Violation
from pmframework.text import Suggester, number_text

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
        allowed = sorted(error.schema.get("properties", {}))
        for key in unknown_keys(error):
            close = Suggester(allowed).closest(str(key))
            known = ", ".join(allowed)
            if close is not None:
                hint = f"; did you mean {close!r}? (keys here: {known})"
            else:
                hint = f"; expected one of: {known}" if allowed else ""
            yield Violation((*path, key), f"unknown key {key!r}{hint}", key=True)
        return
    if validator == "anyOf" and unknown_keys(error):
        # "needs one of criteria, ..." beside "unknown key 'critera'" says the same twice:
        # the misspelt key's own error, with its suggestion, is the one to read.
        return
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        for key in missing:
            yield Violation(path, f"missing required key {key!r}", key=bool(path))
        return
    if validator == "type" and tuple(error.schema_path)[-2:] == ("else", "type"):
        # A statement that is neither text nor a mapping (schema: if object then ... else text).
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
        yield Violation(path, f"an expectation needs at least one of {alternatives(error)}")
        return
    if validator == "oneOf" and len(path) >= 2 and path[-2] == "corresponds_to":
        yield Violation(path, "expected the id of a level of that framework, or a list of ids")
        return
    yield Violation(path, error.message)


def alternatives(error: Any) -> str:
    """The keys an ``anyOf`` of ``required`` alternatives asks one of: "criteria, examples"."""
    return ", ".join(key for option in error.validator_value for key in option.get("required", ()))


def unknown_keys(error: Any) -> list[str]:
    """The keys of the mapping an error is about that its schema does not allow."""
    if (
        not isinstance(error.instance, dict)
        or error.schema.get("additionalProperties") is not False
    ):
        return []
    allowed = error.schema.get("properties", {})
    return [k for k in error.instance if k not in allowed and not str(k).startswith("x-")]


def _as_written(text: str | None, value: float) -> str:
    """A number as the file wrote it (``1e999``, not ``inf``), its middle cut when long."""
    shown = number_text(value) if text is None else text
    if len(shown) <= 24:
        return shown
    return f"{shown[:10]}…{shown[-4:]} ({len(shown):,} characters)"
