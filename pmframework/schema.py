"""Finds and applies the versioned JSON Schema of ladders.

Every ladder names the schema version it follows in ``schema_version``. The schema files live in
``schema/ladder/v<N>.schema.json``; a compiled validator per version is built once per process
and reused for every file.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pmframework.findings import JsonPath, Violation
from pmframework.loader import YAML11_BOOLEANS, Document
from pmframework.resources import data_dir
from pmframework.text import number_text

SCHEMA_RULE = "PMF001"
VERSION_RULE = "PMF002"


def known_versions() -> list[int]:
    """Schema versions this pmframework ships, oldest first."""
    found = (re.fullmatch(r"v(\d+)\.schema\.json", p.name) for p in _schema_dir().iterdir())
    return sorted(int(match.group(1)) for match in found if match)


def latest_version() -> int:
    return known_versions()[-1]


def _schema_dir() -> Path:
    return data_dir("schema") / "ladder"


@functools.cache
def schema_text(version: int) -> str:
    """The JSON Schema of ladder version ``version``, as shipped."""
    path: Path = _schema_dir() / f"v{version}.schema.json"
    return path.read_text(encoding="utf-8")


@functools.cache
def _validator(version: int) -> Any:
    # jsonschema is imported here, not at module level, so `pmframework --help` stays fast.
    import jsonschema

    schema = json.loads(schema_text(version))
    cls = jsonschema.validators.validator_for(schema)
    # Resolving a $ref costs more than checking what it points to; the ladder schema has no
    # recursive references, so they are replaced by their targets once, up front.
    return cls(_inline_refs(schema, schema["$defs"]), format_checker=cls.FORMAT_CHECKER)


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if set(node) - {"description"} == {"$ref"}:
            target = node["$ref"].removeprefix("#/$defs/")
            return _inline_refs(defs[target], defs)
        return {key: _inline_refs(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


def version_violation(data: dict[str, Any]) -> Violation | None:
    """A problem with ``schema_version`` itself, checked before the schema can be chosen."""
    versions = known_versions()
    known = ", ".join(str(v) for v in versions)
    if "schema_version" not in data:
        return Violation((), f"missing schema_version; add 'schema_version: {versions[-1]}'")
    version = data["schema_version"]
    if isinstance(version, str) and version.strip() in [str(v) for v in versions]:
        return Violation(
            ("schema_version",),
            f"schema_version is the text {version!r}; write the number: "
            f"'schema_version: {version.strip()}' without quotes",
        )
    if isinstance(version, bool) or version not in versions:
        return Violation(
            ("schema_version",),
            f"schema_version {version!r} is not one this pmframework knows ({known}); "
            "fix the number or upgrade pmframework",
        )
    return None


def check_document(document: Document) -> Iterator[Violation]:
    """Schema violations of a loaded ladder whose ``schema_version`` is known.

    Plain YAML scalars that a person meant as text (``version: 1.10``, ``title: 2024``) or as a
    boolean (``editorial: yes``) are given that meaning first, where the schema expects it.
    """
    validator = _validator(document.data["schema_version"])
    errors = list(validator.iter_errors(document.data))
    if errors and _coerce(document, errors):
        errors = list(validator.iter_errors(document.data))
    seen: set[Violation] = set()
    for error in errors:
        for violation in _describe(error, document.plain_scalars):
            # jsonschema gives one "required" error per missing key, each naming them all.
            if violation not in seen:
                seen.add(violation)
                yield violation


def _as_written(text: str | None, value: float) -> str:
    """A number as the file wrote it (``1e999``, not ``inf``), its middle cut when long."""
    shown = number_text(value) if text is None else text
    if len(shown) <= 24:
        return shown
    return f"{shown[:10]}…{shown[-4:]} ({len(shown):,} characters)"


def _leaves(error: Any) -> Iterator[Any]:
    yield error
    for sub in error.context or ():
        yield from _leaves(sub)


def _coerce(document: Document, errors: list[Any]) -> bool:
    changed = False
    for error in errors:
        for leaf in _leaves(error):
            path = tuple(leaf.absolute_path)
            raw = document.plain_scalars.get(path)
            if raw is None or leaf.validator != "type":
                continue
            expected = leaf.validator_value
            expected = [expected] if isinstance(expected, str) else expected
            if "string" in expected:
                _set(document.data, path, raw)
                changed = True
            elif "boolean" in expected and raw in YAML11_BOOLEANS:
                _set(document.data, path, YAML11_BOOLEANS[raw])
                changed = True
    return changed


def _set(data: Any, path: JsonPath, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _describe(error: Any, written: Mapping[JsonPath, str]) -> Iterator[Violation]:
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
    yield Violation(path, error.message)
