"""``pmframework import``: a ladder kept in a spreadsheet (CSV or XLSX) becomes a ladder file.

The sheet is read into levels, competencies and cells by one of the layouts of
pmframework.sheets.layouts (``rows`` or ``columns``), then turned into ladder data here.

A cell becomes one criterion per paragraph (paragraphs are separated by blank lines; single line
breaks stay inside the paragraph); a paragraph starting with ``Example:`` becomes an example.
Every statement keeps where it came from: ``source`` names the sheet (one entry in ``sources``)
and ``x-cell`` the cell, as Excel writes a reference (``Ladder!D7``). The ladder data is
validated before it is written, as ``validate`` checks the file (the same schema, limits and
rules), so what is written is valid; a finding is placed at the cell it concerns.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.check.schema import EDITOR_LINE, write_schema_beside
from pmframework.errors import LadderError, Location
from pmframework.files import refuse_to_replace, write_output
from pmframework.findings import Finding, JsonPath, Severity
from pmframework.load.document import Document, refuse_too_large
from pmframework.load.json_reader import is_json
from pmframework.model.ladder import Ladder
from pmframework.sheets.grid import Grid, cell_position, read_grid
from pmframework.sheets.layouts import (
    AREA_HEADERS,
    COMPETENCY_HEADERS,
    DESCRIPTION_HEADERS,
    CellText,
    SheetLadder,
    paragraphs,
    read_sheet,
)
from pmframework.sheets.yaml_text import yaml_text
from pmframework.text import json_text, one_line, plural, slug

# Importable from here as before.
__all__ = [
    "AREA_HEADERS",
    "COMPETENCY_HEADERS",
    "DESCRIPTION_HEADERS",
    "Imported",
    "import_sheet",
    "ladder_data",
    "ladder_yaml",
    "one_line",
    "read_sheet",
    "slug",
    "write_import",
]

DEFAULT_ORGANIZATION = "Unnamed organization"
DEFAULT_TITLE = "Career ladder"
DEFAULT_AREA = "Competencies"
TRACK_ID = "ic"
TRACK_NAME = "Individual contributor"
EXAMPLE_PREFIX = re.compile(r"example\s*:\s*", re.IGNORECASE)

# --- from the sheet to ladder data -----------------------------------------------------------


class _Ids:
    """Ids made from names, stable for the same names in the same order: collisions get -2, -3."""

    def __init__(self, fallback: str) -> None:
        self.fallback = fallback
        self.taken: set[str] = set()

    def make(self, name: str) -> str:
        base = slug(name, self.fallback)
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate)
        return candidate


def _ref(grid: Grid, cell: CellText) -> str:
    return grid.ref(cell.row, cell.column)


def _statement(grid: Grid, source: str, text: str, cell: CellText) -> dict[str, Any]:
    return {"text": text, "source": source, "x-cell": _ref(grid, cell)}


def _whole_cell(grid: Grid, source: str, cell: CellText) -> dict[str, Any]:
    """A description or summary: one statement, its paragraphs kept."""
    return _statement(grid, source, "\n\n".join(paragraphs(cell.text)), cell)


def _expectation(grid: Grid, source: str, cell: CellText) -> dict[str, Any]:
    """What one cell expects: a criterion per paragraph, an example per ``Example:`` one."""
    criteria, examples = [], []
    for paragraph in paragraphs(cell.text):
        example = EXAMPLE_PREFIX.match(paragraph)
        if example and paragraph[example.end() :].strip():
            examples.append(_statement(grid, source, paragraph[example.end() :].strip(), cell))
        else:
            criteria.append(_statement(grid, source, paragraph, cell))
    return {
        **({"criteria": criteria} if criteria else {}),
        **({"examples": examples} if examples else {}),
    }


def ladder_data(
    sheet: SheetLadder, *, organization: str = DEFAULT_ORGANIZATION, title: str | None = None
) -> dict[str, Any]:
    """The ladder a sheet describes, as data that follows schema version 1."""
    grid = sheet.grid
    title = title or sheet.title or DEFAULT_TITLE
    source = slug(grid.sheet, "sheet")
    document = Path(grid.file).name
    # Competencies grouped by area, areas in order of first appearance: the ladder's order, in
    # which ids are made, so that a sheet exported from the ladder gets the same ids back.
    groups: dict[str, list[int]] = {}
    for index, competency in enumerate(sheet.competencies):
        area_name = one_line(competency.area.text) if competency.area else DEFAULT_AREA
        groups.setdefault(area_name, []).append(index)
    area_ids, competency_ids, level_ids = _Ids("area"), _Ids("competency"), _Ids("level")
    areas: list[dict[str, Any]] = []
    ordered: list[tuple[int, str]] = []  # (index in the sheet, competency id)
    for area_name, members in groups.items():
        first_area_cell = sheet.competencies[members[0]].area
        area: dict[str, Any] = {"id": area_ids.make(area_name), "name": area_name}
        if first_area_cell is not None:
            area["x-cell"] = _ref(grid, first_area_cell)
        area["competencies"] = []
        for index in members:
            competency = sheet.competencies[index]
            name = one_line(competency.name.text)
            entry: dict[str, Any] = {
                "id": competency_ids.make(name),
                "name": name,
                "x-cell": _ref(grid, competency.name),
            }
            if competency.description is not None:
                entry["description"] = _whole_cell(grid, source, competency.description)
            area["competencies"].append(entry)
            ordered.append((index, entry["id"]))
        areas.append(area)
    levels = []
    for index, level in enumerate(sheet.levels):
        level_title = one_line(level.title.text)
        data: dict[str, Any] = {
            "id": level_ids.make(level_title),
            "title": level_title,
            "rank": index + 1,
            "x-cell": _ref(grid, level.title),
        }
        if level.summary is not None:
            data["summary"] = _whole_cell(grid, source, level.summary)
        expectations = {
            competency_id: _expectation(grid, source, sheet.cells[index, competency_index])
            for competency_index, competency_id in ordered
            if (index, competency_index) in sheet.cells
        }
        if expectations:
            data["expectations"] = expectations
        levels.append(data)
    return {
        "schema_version": 1,
        "framework": {
            "id": slug(f"{organization} {title}", "ladder"),
            "title": title,
            "organization": organization,
            "version": "0.1.0",
            "status": "draft",
        },
        "sources": [{"id": source, "document": document, "title": grid.sheet}],
        "areas": areas,
        "tracks": [
            {"id": TRACK_ID, "name": TRACK_NAME, "kind": "individual-contributor", "levels": levels}
        ],
    }


# --- writing ---------------------------------------------------------------------------------


def ladder_yaml(data: dict[str, Any], grid: Grid) -> str:
    header = EDITOR_LINE + (
        f"# Imported by pmframework from {Path(grid.file).name}, sheet {grid.sheet!r}.\n"
        "# Each x-cell says which cell a text came from. Edit freely; run\n"
        "# `pmframework validate` on this file after each change.\n"
    )
    return header + yaml_text(data)


_ABSENT = object()


def _child(value: Any, step: str | int) -> Any:
    """The value at ``step`` in a mapping or list; _ABSENT where there is none."""
    if isinstance(value, dict):
        return value.get(step, _ABSENT)
    if isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
        return value[step]
    return _ABSENT


@dataclass
class SheetDocument(Document):
    """Imported ladder data as the checks see a loaded file, so that it is checked as
    ``validate`` checks the file written from it, without reading that file back. A finding is
    placed at the cell its value came from: the x-cell nearest it in the data."""

    def has_value(self, path: JsonPath) -> bool:
        value = self.data
        for step in path:
            value = _child(value, step)
        return value is not _ABSENT

    def position(self, path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        cell, value = None, self.data
        for step in (*path, None):  # down the path, and the value at its end
            if isinstance(value, dict):
                cell = value.get("x-cell", cell)
            if step is not None:
                value = _child(value, step)
        # A reference is SHEET!CELL, and a sheet's name may hold a "!" of its own.
        found = cell_position(cell.rsplit("!", 1)[-1]) if isinstance(cell, str) else None
        return found or (1, 1)


@dataclass(frozen=True)
class Imported:
    """The outcome of an import: the YAML text, its model, and what the validator warned."""

    text: str
    ladder: Ladder
    sheet: str
    warnings: tuple[Finding, ...]
    schema: str | None = None  # the schema file written beside the ladder, for editors

    def summary(self) -> str:
        """``5 levels, 10 competencies in 3 areas, from sheet 'Ladder'``."""
        ladder = self.ladder
        counts = (
            plural(len(ladder.levels), "level"),
            plural(len(ladder.competencies), "competency", "competencies"),
            plural(len(ladder.areas), "area"),
        )
        return f"{counts[0]}, {counts[1]} in {counts[2]}, from sheet {self.sheet!r}"


def import_sheet(
    path: str,
    *,
    layout: str = "auto",
    sheet: str | None = None,
    header_row: int | None = None,
    organization: str | None = None,
    title: str | None = None,
    output_name: str = "ladder.yaml",
) -> Imported:
    """Read a spreadsheet into ladder YAML, validated; raise LadderError on a sheet it cannot
    read, naming the file, sheet, row and column."""
    grid = read_grid(path, sheet)
    parsed = read_sheet(grid, layout=layout, header_row=header_row)
    data = ladder_data(parsed, organization=organization or DEFAULT_ORGANIZATION, title=title)
    # A .json ladder is read back as JSON, so it is written as JSON.
    text = json_text(data) if is_json(output_name) else ladder_yaml(data, grid)
    # What validate would refuse to read is not written. The sheet limits keep the ladder within
    # the loader's other limits (a text, keys in a mapping, values in all: at most about 450,000
    # of the 600,000); its size in bytes depends on the characters, so it is measured.
    refuse_too_large(output_name, len(text.encode()))
    findings, ladder = check_loaded(SheetDocument(grid.file, data), RULES.values())
    errors = sorted(f for f in findings if f.severity == Severity.ERROR)
    if errors or ladder is None:
        first = errors[0]
        raise LadderError(
            Location(path),
            f"sheet {grid.sheet!r}: the imported ladder would not validate: "
            f"{first.rule} {first.message} (at {first.json_path})",
        )
    return Imported(text, ladder, grid.sheet, tuple(sorted(findings)))


def write_import(path: str, output: str, *, force: bool = False, **options: Any) -> Imported:
    """Import ``path`` and write the ladder to ``output`` (refusing to replace it unless forced),
    with the schema beside a YAML ladder for editors (``Imported.schema`` when written)."""
    refuse_to_replace(output, force=force)
    imported = import_sheet(path, output_name=output, **options)
    write_output(output, imported.text, inputs=[path])
    if is_json(output):
        return imported
    return dataclasses.replace(imported, schema=write_schema_beside(output))
