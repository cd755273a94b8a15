"""Finds and applies the versioned JSON Schema of ladders.

Every ladder names the schema version it follows in ``schema_version``. The schema files live in
``schema/ladder/v<N>.schema.json``; a compiled validator per version is built once per process
and reused for every file.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pmframework.check.versions import VERSIONS
from pmframework.findings import JsonPath, Violation
from pmframework.load.document import YAML11_BOOLEANS, Document
from pmframework.resources import data_dir

# The schema beside a ladder, as the first line of a ladder that init or import writes names it,
# so that an editor's YAML language server checks and completes the file as it is typed.
SCHEMA_FILE = "ladder.schema.json"
EDITOR_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"


def write_schema_beside(ladder: str) -> str | None:
    """Write the latest schema as SCHEMA_FILE in the folder of ``ladder`` (a YAML file), unless
    there is one already or the ladder goes to standard output; return the path written."""
    from pmframework.files import is_standard_output, write_output

    if is_standard_output(ladder):
        return None
    target = Path(ladder).parent / SCHEMA_FILE
    if target.exists():
        return None
    write_output(target, schema_text(latest_version()))
    return str(target)


def known_versions() -> list[int]:
    """Schema versions this pmframework ships, oldest first."""
    return list(_shipped_versions())


@functools.cache
def _shipped_versions() -> tuple[int, ...]:
    # Asked twice for every file validated: listing the folder each time cost more than the
    # file's JSON Schema check.
    found = (re.fullmatch(r"v(\d+)\.schema\.json", p.name) for p in _schema_dir().iterdir())
    return tuple(sorted(int(match.group(1)) for match in found if match))


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
    strict = _without_numbers_as_text(_inline_refs(schema, schema["$defs"]))
    return cls(strict, format_checker=cls.FORMAT_CHECKER)


# The published schema lets a number stand for text (an editor reads `version: 1.10` as the
# number 1.1 and must not flag it); pmframework reads the digits as written instead. So its own
# validator drops that alternative, and a number where text is expected becomes a type error that
# check_document answers by reading the plain scalar's text (_coerced).
NUMBER_AS_TEXT = "number-as-text"


def _without_numbers_as_text(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _without_numbers_as_text(value) for key, value in node.items()}
        alternatives = node.get("anyOf")
        if isinstance(alternatives, list):
            kept = [a for a in alternatives if not _is_number_as_text(a)]
            if len(kept) == 1 and set(node) == {"anyOf"} | ({"description"} & set(node)):
                return kept[0]
            node["anyOf"] = kept
        return node
    if isinstance(node, list):
        return [_without_numbers_as_text(item) for item in node]
    return node


def _is_number_as_text(node: Any) -> bool:
    comment = node.get("$comment", "") if isinstance(node, dict) else ""
    return isinstance(comment, str) and comment.startswith(NUMBER_AS_TEXT)


@functools.cache
def _fast_check(version: int) -> Callable[[Any], bool] | None:
    """A compiled yes/no check of the schema, or None where jsonschema-rs is not installed.

    jsonschema-rs (Rust, well kept, the same draft 2020-12 semantics and ECMA-262-style patterns)
    answers "is this valid?" about ten times faster than python-jsonschema, which walks the
    whole document in Python even when it finds nothing. Most files are valid, so asking it
    first leaves python-jsonschema only the files it must describe errors for.
    """
    try:
        import jsonschema_rs
    except ImportError:  # an optional speed-up; the findings are the same without it
        return None
    # The schema validate checks against (no number where text belongs), as _validator's: a
    # number there must reach check_document's reading of the digits as written.
    schema = _without_numbers_as_text(json.loads(schema_text(version)))
    is_valid: Callable[[Any], bool] = jsonschema_rs.validator_for(
        schema, validate_formats=True
    ).is_valid
    return is_valid


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


def declared_version(data: dict[str, Any]) -> int:
    """The schema version a ladder names, once version_violation found nothing: ``1.0`` is 1,
    as the schema's ``const`` reads it."""
    return int(data["schema_version"])


def check_document(document: Document, *, fast: bool = True) -> tuple[list[Violation], Any]:
    """Schema violations of a loaded ladder whose ``schema_version`` is known, and the data as
    checked.

    Plain YAML scalars that a person meant as text (``version: 1.10``, ``title: 2024``) or as a
    boolean (``editorial: yes``) are given that meaning first, where the schema expects it. That
    happens in a copy: the loaded document is never changed, so what the loader produced stays
    what the file says (and aliased subtrees stay shared only where the file shares them).

    With ``fast`` (the default) a compiled validator is asked first; only a document it finds
    invalid is walked by python-jsonschema, which says what is wrong and where. A document both
    could judge differently (a format one of them does not check) is thus still described by
    python-jsonschema alone, so the findings never depend on which path ran.
    """
    data = document.data
    version = declared_version(data)
    is_valid = _fast_check(version) if fast else None
    if is_valid is not None and _fast_valid(is_valid, data):
        return [], data
    validator = _validator(version)
    describe = VERSIONS[version].describe
    errors = list(validator.iter_errors(data))
    if errors:
        coerced = _coerced(document, errors)
        if coerced is not None:
            data = coerced
            errors = list(validator.iter_errors(data))
    return _described(describe, errors, document.plain_scalars), data


def check_composed(data: Any, *, fast: bool = True) -> list[Violation]:
    """Schema violations of a ladder composed over its base (data of the newest version, as
    checked, without ``extends``): each layer was checked as written, where an entity of the
    base needs only its id; the whole must be complete, so an entity new in a layer and missing
    a key is found here."""
    version = latest_version()
    is_valid = _fast_check(version) if fast else None
    if is_valid is not None and _fast_valid(is_valid, data):
        return []
    errors = _validator(version).iter_errors(data)
    # The composed data's scalars were read (and given their meant types) layer by layer.
    return _described(VERSIONS[version].describe, errors, {})


def _described(
    describe: Callable[[Any, Mapping[JsonPath, str]], Iterable[Violation]],
    errors: Iterable[Any],
    written: Mapping[JsonPath, str],
) -> list[Violation]:
    seen: set[Violation] = set()
    violations: list[Violation] = []
    for error in errors:
        for violation in describe(error, written):
            # jsonschema gives one "required" error per missing key, each naming them all.
            if violation not in seen:
                seen.add(violation)
                violations.append(violation)
    return violations


def _fast_valid(is_valid: Callable[[Any], bool], data: Any) -> bool:
    try:
        return is_valid(data)
    except (ValueError, TypeError, OverflowError):
        # A value it cannot convert (an integer beyond 64 bits): let python-jsonschema judge.
        return False


def _leaves(error: Any) -> Iterator[Any]:
    yield error
    for sub in error.context or ():
        yield from _leaves(sub)


def _coerced(document: Document, errors: list[Any]) -> Any | None:
    """A copy of the document's data with meant types given, or None when nothing changes."""
    changes: list[tuple[JsonPath, Any]] = []
    for error in errors:
        for leaf in _leaves(error):
            path = tuple(leaf.absolute_path)
            raw = document.plain_scalars.get(path)
            if raw is None or leaf.validator != "type":
                continue
            expected = leaf.validator_value
            expected = [expected] if isinstance(expected, str) else expected
            if "string" in expected:
                changes.append((path, raw))
            elif "boolean" in expected and raw in YAML11_BOOLEANS:
                changes.append((path, YAML11_BOOLEANS[raw]))
    if not changes:
        return None
    # deepcopy keeps the file's aliases shared in the copy, as they were in the original.
    data = copy.deepcopy(document.data)
    for path, value in changes:
        _set(data, path, value)
    return data


def _set(data: Any, path: JsonPath, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
