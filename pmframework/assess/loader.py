"""Reading an assessment: YAML or JSON through the positioned loader, CSV or XLSX (as
``assess template`` writes them) through the sheet reader, both into a ``Document`` whose
positions are the file's lines and columns (a sheet's rows and columns)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from pmframework.assess.model import DIMENSION
from pmframework.errors import LadderError, Location
from pmframework.findings import JsonPath, Violation
from pmframework.load.document import Document, load_document
from pmframework.resources import data_dir

ASSESSMENT_VERSION = 1
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
# The spreadsheet layout: a few "key, value" rows, then a header row and one row per entry.
SHEET_KEYS = ("ladder", "ladder_version", "current_level", "target_level", "assessor", "date")
SHEET_COLUMNS = ("competency", "level", "criterion", "status", "evidence", "link", "date", "note")


_NOT_A_MAPPING = ("file is empty", "file holds only comments", "the top level is")
_NOT_AN_ASSESSMENT = (
    "not an assessment: an assessment is a mapping that starts with 'assessment_version: 1' "
    "(pmframework assess template LADDER#LEVEL writes one)"
)


def is_sheet(spec: str) -> bool:
    return Path(spec).suffix.lower() in SHEET_SUFFIXES


def load_assessment_document(spec: str) -> Document:
    """Read one assessment file; raises LadderError with a location."""
    try:
        document = _sheet_document(spec) if is_sheet(spec) else load_document(spec)
    except LadderError as error:
        # The loader's words for a file that holds no mapping speak of ladders.
        if error.message.startswith(_NOT_A_MAPPING):
            raise LadderError(error.location, _NOT_AN_ASSESSMENT) from None
        raise
    data = document.data
    if isinstance(data, dict) and "assessment_version" not in data and "schema_version" in data:
        raise LadderError(
            Location(document.name, 1, 1),
            "this is a ladder, not an assessment; make one with "
            f"pmframework assess template {spec}#LEVEL",
        )
    return document


def as_written(document: Document) -> Any:
    """The data with every plain scalar that YAML read as a number or boolean given back as
    the text it was written as: every value of an assessment but ``assessment_version`` is
    text (``ladder_version: 1.10`` is "1.10", ``level: 007`` is "007")."""
    import copy

    def value(path: JsonPath) -> Any:
        found = document.data
        for part in path:
            found = found[part]
        return found

    # null stays null: it is how a blank says "not assessed yet".
    changes = [
        (path, raw)
        for path, raw in document.plain_scalars.items()
        if path != ("assessment_version",) and isinstance(value(path), (bool, int, float))
    ]
    if not changes:
        return document.data
    data = copy.deepcopy(document.data)
    for path, raw in changes:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = raw
    return data


@functools.cache
def schema_text() -> str:
    return (data_dir("schema") / "assessment" / f"v{ASSESSMENT_VERSION}.schema.json").read_text(
        encoding="utf-8"
    )


@functools.cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads(schema_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_violations(data: Any) -> list[Violation]:
    """What in ``data`` does not follow the assessment schema, in the words validate uses."""
    if data.get("assessment_version") != ASSESSMENT_VERSION:
        if "assessment_version" not in data:
            return [Violation((), "missing assessment_version; add 'assessment_version: 1'")]
        return [
            Violation(
                ("assessment_version",),
                f"assessment_version {data['assessment_version']!r} is not one this "
                f"pmframework knows ({ASSESSMENT_VERSION})",
            )
        ]
    seen: list[Violation] = []
    for error in _validator().iter_errors(data):
        for violation in _described(error):
            if violation not in seen:
                seen.append(violation)
    return seen


def _described(error: Any) -> list[Violation]:
    from pmframework.check.versions.v1 import describe

    path: JsonPath = tuple(error.absolute_path)
    # Messages name the place, never the text a person wrote there: evidence is personal.
    if error.validator == "enum" and path and path[-1] == "status":
        return [Violation(path, "status is one of met, partly, not-yet, not-applicable")]
    if error.validator == "enum" and path and path[-1] == "role":
        return [Violation(path, "assessor role is one of self, manager, peer, other")]
    if error.validator == "pattern" and path and path[-1] == "date":
        return [Violation(path, "a date is written YYYY-MM-DD")]
    if error.validator == "pattern" and path and path[-1] == "link":
        return [Violation(path, "a link starts with http://, https:// or mailto:")]
    if error.validator == "oneOf" and len(path) == 2 and path[0] == "criteria":
        return [Violation(path, "an entry names a competency or a dimension (one of them)")]
    if error.validator == "anyOf" and len(path) >= 2 and path[-2] == "evidence":
        return [Violation(path, "evidence needs a text or a link")]
    if error.validator in ("type", "minLength", "pattern") and path[-1:] != ("competency",):
        expected = error.validator_value if error.validator == "type" else "a text"
        return [Violation(path, f"expected {expected}")]
    # The values were given back as written (as_written) before the check: nothing to add.
    return list(describe(error, {}))


# --- spreadsheets ----------------------------------------------------------------------------


def _sheet_document(spec: str) -> Document:
    from pmframework.sheets.grid import read_grid

    grid = read_grid(spec)
    data: dict[str, Any] = {"assessment_version": ASSESSMENT_VERSION}
    document = Document(spec, data, folder=Path(spec).parent)
    values, keys = document.value_positions, document.key_positions
    header = 0
    for row in range(1, grid.rows + 1):
        first = grid.text(row, 1).strip().lower()
        if first == "competency":
            header = row
            break
        if first in SHEET_KEYS and grid.text(row, 2).strip():
            value = grid.text(row, 2).strip()
            if first == "assessor":
                role, _, name = value.partition(":")
                data["assessor"] = {"role": role.strip()}
                if name.strip():
                    data["assessor"]["name"] = name.strip()
            else:
                data[first] = value
            keys[(first,)] = (row, 1)
            values[(first,)] = (row, 2)
        elif first:
            raise grid.error(
                row, 1, f"unknown key {first!r}; expected one of: {', '.join(SHEET_KEYS)}"
            )
    if not header:
        raise LadderError(
            Location(spec),
            "no header row starting with 'competency'; see pmframework assess template",
        )
    columns = {grid.text(header, c).strip().lower(): c for c in grid.filled(header)}
    criteria: list[dict[str, Any]] = []
    promotion: list[dict[str, Any]] = []
    last: tuple[list[dict[str, Any]], str] | None = None
    for row in range(header + 1, grid.rows + 1):
        cell = {name: grid.text(row, c).strip() for name, c in columns.items()}
        if not any(cell.values()):
            continue
        evidence = {k: cell[v] for k, v in (("text", "evidence"), ("link", "link")) if cell.get(v)}
        if not cell.get("competency") and not cell.get("criterion"):
            # A row that only adds evidence to the entry above it.
            if last is None or not evidence:
                raise grid.error(row, 1, "a row needs a competency (or 'promotion')")
            target, key = last
            index = len(target) - 1
            target[index].setdefault("evidence", []).append(evidence)
            _place(
                values, (key, index, "evidence", len(target[index]["evidence"]) - 1), row, columns
            )
            continue
        into, key = (
            (promotion, "promotion")
            if cell.get("competency") == "promotion"
            else (
                criteria,
                "criteria",
            )
        )
        entry: dict[str, Any] = {}
        for name in ("competency", "level", "criterion", "status", "date", "note"):
            if name == "competency" and key == "promotion":
                continue
            if cell.get(name):
                field, value = name, cell[name]
                if name == "competency" and value.startswith(DIMENSION):
                    field, value = "dimension", value.removeprefix(DIMENSION)
                entry[field] = value
                values[(key, len(into), field)] = (row, columns[name])
        if evidence:
            entry["evidence"] = [evidence]
            _place(values, (key, len(into), "evidence", 0), row, columns)
        values[(key, len(into))] = (row, 1)
        into.append(entry)
        last = (into, key)
    data["criteria"], data["promotion"] = criteria, promotion
    return document


def _place(
    values: dict[JsonPath, tuple[int, int]], path: JsonPath, row: int, columns: dict[str, int]
) -> None:
    values[path] = (row, columns.get("evidence", 1))
    if "link" in columns:
        link: JsonPath = (*path, "link")
        values[link] = (row, columns["link"])
