"""``pmframework import``: a ladder kept in a spreadsheet (CSV or XLSX) becomes a ladder file.

Each sheet (a CSV file, or a sheet of a workbook) is read into levels, competencies and cells
by one of the layouts of pmframework.sheets.layouts (``rows`` or ``columns``), then turned into
ladder data here, a track per sheet; a sheet pmframework exported gives back the ladder its row
of metadata holds (pmframework.sheets.restore). Rows under an anti-pattern heading
("Potential Misalignments", ...) become anti-patterns.

A cell becomes one criterion per paragraph (paragraphs are separated by blank lines; single line
breaks stay inside the paragraph); a paragraph starting with ``Example:`` becomes an example,
one starting with ``Anti-pattern:`` an anti-pattern.
Every statement keeps where it came from: ``source`` names the sheet (one entry in ``sources``)
and ``x-cell`` the cell, as Excel writes a reference (``Ladder!D7``). The ladder data is
validated before it is written, as ``validate`` checks the file (the same schema, limits and
rules), so what is written is valid; a finding is placed at the cell it concerns.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
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
from pmframework.sheets.cells import Unread, read_expectation, statement
from pmframework.sheets.column_map import load_column_map
from pmframework.sheets.grid import Grid, cell_position, quote_sheet, read_grids
from pmframework.sheets.layouts import (
    ANTI_PATTERN_HEADINGS,
    AREA_HEADERS,
    COMPETENCY_HEADERS,
    DESCRIPTION_HEADERS,
    CellText,
    SheetLadder,
    bare,
    paragraphs,
    read_sheet,
)
from pmframework.sheets.restore import restore
from pmframework.sheets.yaml_text import yaml_text
from pmframework.text import json_text, one_line, plural, slug

# Importable from here as before.
__all__ = [
    "AREA_HEADERS",
    "COMPETENCY_HEADERS",
    "DESCRIPTION_HEADERS",
    "Imported",
    "import_grids",
    "import_sheet",
    "import_sheets",
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

# --- from the sheets to ladder data ----------------------------------------------------------

# A track whose sheet is named like this is a management track; any other, individual.
_MANAGEMENT = re.compile(r"manag|leadership|director|executive", re.IGNORECASE)


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


def _whole_cell(grid: Grid, source: str | None, cell: CellText) -> dict[str, Any]:
    """A description or summary: one statement, its paragraphs kept."""
    return statement(source, "\n\n".join(paragraphs(cell.text)), _ref(grid, cell))


def _key(text: str) -> str:
    return bare(text).casefold()


@dataclass
class _Sheets:
    """Ladder data being built from one sheet after another: a track per sheet, a competency
    per name (the same name in two sheets is one competency)."""

    restoring: bool
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)  # area name → area
    competencies: dict[str, dict[str, Any]] = field(default_factory=dict)  # name key → entry
    in_tracks: dict[str, list[str]] = field(default_factory=dict)  # competency id → track ids
    sources: list[dict[str, Any]] = field(default_factory=list)
    tracks: list[dict[str, Any]] = field(default_factory=list)
    ids: dict[str, _Ids] = field(
        default_factory=lambda: {k: _Ids(k) for k in ("area", "competency", "level", "track")}
    )
    source_ids: _Ids = field(default_factory=lambda: _Ids("sheet"))

    def add(self, sheet: SheetLadder, track: tuple[str, str, str]) -> None:
        grid = sheet.grid
        sheet_id = self.source_ids.make(grid.sheet)
        self.sources.append({"id": sheet_id, "document": Path(grid.file).name, "title": grid.sheet})
        source = None if self.restoring else sheet_id
        columns: dict[int, str] = {}  # index in the sheet → competency id
        anti_rows: list[int] = []
        # Competencies grouped by area, areas in order of first appearance: the ladder's order,
        # in which ids are made, so that a sheet exported from the ladder gets the same ids back.
        groups: dict[str, list[int]] = {}
        for index, competency in enumerate(sheet.competencies):
            area_name = bare(competency.area.text) if competency.area else DEFAULT_AREA
            if {area_name.casefold(), _key(competency.name.text)} & ANTI_PATTERN_HEADINGS:
                anti_rows.append(index)
            else:
                groups.setdefault(area_name, []).append(index)
        for area_name, members in groups.items():
            for index in members:
                columns[index] = self._competency(sheet, index, area_name, source, track[0])
        levels = []
        for number, level in enumerate(sheet.levels):
            data: dict[str, Any] = {
                "id": self.ids["level"].make(bare(level.title.text)),
                "title": bare(level.title.text),
                "rank": level.rank if level.rank is not None else number + 1,
                "x-cell": _ref(grid, level.title),
            }
            if level.summary is not None:
                data["summary"] = _whole_cell(grid, source, level.summary)
            expectations = {
                competency_id: self._expectation(grid, source, sheet.cells[number, index])
                for index, competency_id in sorted(columns.items())
                if (number, index) in sheet.cells
            }
            for index in anti_rows:
                if (number, index) in sheet.cells:
                    self._anti_patterns(sheet, number, index, source, data, expectations)
            if expectations:
                data["expectations"] = expectations
            levels.append(data)
        track_id, name, kind = track
        self.tracks.append({"id": track_id, "name": name, "kind": kind, "levels": levels})

    def _expectation(self, grid: Grid, source: str | None, cell: CellText) -> Any:
        """What a level's cell says; in a ladder being restored, the cell as it is, for
        pmframework.sheets.restore to read only if the metadata's expectation is not its text."""
        if self.restoring:
            return Unread(grid, cell)
        return read_expectation(cell.text, _ref(grid, cell), source)

    def _competency(
        self, sheet: SheetLadder, index: int, area_name: str, source: str | None, track: str
    ) -> str:
        competency = sheet.competencies[index]
        name = bare(competency.name.text)
        entry = self.competencies.get(name.casefold())
        # The same name in two sheets is one competency; twice in one sheet, two.
        if entry is None or track in self.in_tracks.get(entry["id"], []):
            area = self.areas.get(area_name.casefold())
            if area is None:
                area = {"id": self.ids["area"].make(area_name), "name": area_name}
                if competency.area is not None:
                    area["x-cell"] = _ref(sheet.grid, competency.area)
                area["competencies"] = []
                self.areas[area_name.casefold()] = area
            entry = {
                "id": self.ids["competency"].make(name),
                "name": name,
                "x-cell": _ref(sheet.grid, competency.name),
            }
            if competency.description is not None:
                entry["description"] = _whole_cell(sheet.grid, source, competency.description)
            area["competencies"].append(entry)
            self.competencies[name.casefold()] = entry
        self.in_tracks.setdefault(entry["id"], []).append(track)
        return str(entry["id"])

    def _anti_patterns(
        self,
        sheet: SheetLadder,
        number: int,
        index: int,
        source: str | None,
        level: dict[str, Any],
        expectations: dict[str, dict[str, Any]],
    ) -> None:
        """An anti-pattern row's cell: the anti-patterns of the competency the row names, or
        of the whole level when it names none (or the heading itself)."""
        cell = sheet.cells[number, index]
        name = bare(sheet.competencies[index].name.text)
        entry = self.competencies.get(name.casefold())
        where = _ref(sheet.grid, cell)
        texts = [statement(source, p, where) for p in paragraphs(cell.text)]
        if entry is not None:
            expectation = expectations.get(str(entry["id"]), {})
            if isinstance(expectation, Unread):  # the anti-patterns are added to what it says
                expectation = expectation.read()
            expectations[str(entry["id"])] = expectation
            expectation.setdefault("anti_patterns", []).extend(texts)
            return
        if name.casefold() not in ANTI_PATTERN_HEADINGS:
            for text in texts:  # the row's name says what the anti-pattern is about
                text["text"] = f"{name}: {text['text']}"
        level.setdefault("anti_patterns", []).extend(texts)

    def track_for(self, sheet: SheetLadder, alone: bool) -> tuple[str, str, str]:
        """(id, name, kind) of the track a sheet becomes: the one track of a single sheet is
        the individual contributor track; several are named after their sheets."""
        if alone:
            return (self.ids["track"].make(TRACK_ID), TRACK_NAME, "individual-contributor")
        name = bare(sheet.grid.sheet) or sheet.grid.sheet
        kind = "management" if _MANAGEMENT.search(name) else "individual-contributor"
        return (self.ids["track"].make(name), name, kind)

    def areas_data(self) -> list[dict[str, Any]]:
        if len(self.tracks) > 1:  # a competency in some sheets only applies to their tracks
            every = [t["id"] for t in self.tracks]
            for area in self.areas.values():
                for entry in area["competencies"]:
                    tracks = self.in_tracks.get(entry["id"], [])
                    if set(tracks) != set(every):
                        entry["tracks"] = [t for t in every if t in tracks]
        return list(self.areas.values())


def ladder_data(
    sheets: SheetLadder | Sequence[SheetLadder],
    *,
    organization: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """The ladder the sheets describe (a track per sheet), as data that follows schema
    version 2; for sheets pmframework exported, the ladder their metadata holds, updated with
    what their cells say (see pmframework.sheets.restore)."""
    sheets = [sheets] if isinstance(sheets, SheetLadder) else list(sheets)
    built = _Sheets(restoring=any(sheet.metadata is not None for sheet in sheets))
    for sheet in sheets:
        built.add(sheet, built.track_for(sheet, len(sheets) == 1))
    ladder_title = title or sheets[0].title or DEFAULT_TITLE
    owner = organization or DEFAULT_ORGANIZATION
    data: dict[str, Any] = {
        "schema_version": 2,
        "framework": {
            "id": slug(f"{owner} {ladder_title}", "ladder"),
            "title": ladder_title,
            "organization": owner,
            "version": "0.1.0",
            "status": "draft",
        },
        "sources": built.sources,
        "areas": built.areas_data(),
        "tracks": built.tracks,
    }
    if not built.restoring:
        return data
    rows = [
        {c for c, tracks in built.in_tracks.items() if track["id"] in tracks}
        for track in built.tracks
    ]
    data = restore(data, [sheet.metadata for sheet in sheets], rows)
    for key, given in (("organization", organization), ("title", title)):
        if given:
            data["framework"][key] = given
    return data


# --- writing ---------------------------------------------------------------------------------


def ladder_yaml(data: dict[str, Any], grids: Grid | Sequence[Grid]) -> str:
    grids = [grids] if isinstance(grids, Grid) else grids
    where = "; ".join(f"{Path(g.file).name}, sheet {g.sheet!r}" for g in grids)
    header = EDITOR_LINE + (
        f"# Imported by pmframework from {where}.\n"
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

    def cell(self, path: JsonPath) -> str | None:
        """The x-cell nearest the value at ``path``: the cell it came from."""
        cell, value = None, self.data
        for step in (*path, None):  # down the path, and the value at its end
            if isinstance(value, dict):
                cell = value.get("x-cell", cell)
            if step is not None:
                value = _child(value, step)
        return cell if isinstance(cell, str) else None

    def position(self, path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        cell = self.cell(path)
        # A reference is SHEET!CELL, and a sheet's name may hold a "!" of its own.
        found = cell_position(cell.rsplit("!", 1)[-1]) if cell else None
        return found or (1, 1)


@dataclass(frozen=True)
class Imported:
    """The outcome of an import: the YAML text, its model, and what the validator warned."""

    text: str
    ladder: Ladder
    sheets: tuple[str, ...]  # the sheets read, one track each
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
        names = ", ".join(repr(name) for name in self.sheets)
        sheets = "sheets" if len(self.sheets) > 1 else "sheet"
        return f"{counts[0]}, {counts[1]} in {counts[2]}, from {sheets} {names}"


def import_sheet(path: str, *, sheet: str | None = None, **options: Any) -> Imported:
    """Read one spreadsheet (one sheet of a workbook: the one named, or the first) into
    ladder YAML, validated."""
    grids = read_grids(path, None if sheet is None else [sheet], first_only=True)
    return import_grids(grids, **options)


def import_sheets(paths: Sequence[str], *, sheets: Sequence[str] = (), **options: Any) -> Imported:
    """Read spreadsheets into one ladder, a track per sheet: every CSV file, and the sheets of
    each workbook (those named in ``sheets``, or all of them); validated."""
    grids = [grid for path in paths for grid in read_grids(path, list(sheets) or None)]
    return import_grids(grids, **options)


def import_grids(
    grids: Sequence[Grid],
    *,
    layout: str = "auto",
    header_row: int | None = None,
    organization: str | None = None,
    title: str | None = None,
    column_map: str | None = None,
    output_name: str = "ladder.yaml",
) -> Imported:
    """The ladder the grids describe, a track each, as YAML (or JSON) text, validated; raise
    LadderError on a sheet it cannot read, naming the file, sheet, row and column, or on a
    ``column_map`` file (``--map``) that is wrong, naming its line."""
    mapped = load_column_map(column_map) if column_map else None
    parsed = [
        read_sheet(grid, layout=layout, header_row=header_row, column_map=mapped) for grid in grids
    ]
    data = ladder_data(parsed, organization=organization, title=title)
    # A .json ladder is read back as JSON, so it is written as JSON.
    text = json_text(data) if is_json(output_name) else ladder_yaml(data, grids)
    # What validate would refuse to read is not written. The sheet limits keep the ladder within
    # the loader's other limits (a text, keys in a mapping, values in all: at most about 450,000
    # of the 600,000); its size in bytes depends on the characters, so it is measured.
    refuse_too_large(output_name, len(text.encode()))
    document = SheetDocument(grids[0].file, data)
    findings, ladder = check_loaded(document, RULES.values())
    errors = sorted(f for f in findings if f.severity == Severity.ERROR)
    if errors or ladder is None:
        first = errors[0]
        grid = _grid_at(grids, document.cell(first.path))
        raise LadderError(
            Location(grid.file),
            f"sheet {grid.sheet!r}: the imported ladder would not validate: "
            f"{first.rule} {first.message} (at {first.json_path})",
        )
    return Imported(text, ladder, tuple(g.sheet for g in grids), tuple(sorted(findings)))


def _grid_at(grids: Sequence[Grid], cell: str | None) -> Grid:
    """The grid a cell reference (``Ladder!D7``) is in; the first when none says."""
    sheet = cell.rsplit("!", 1)[0] if cell else None
    return next((g for g in grids if sheet in (g.sheet, quote_sheet(g.sheet))), grids[0])


def write_import(
    paths: str | Sequence[str], output: str, *, force: bool = False, **options: Any
) -> Imported:
    """Import ``paths`` and write the ladder to ``output`` (refusing to replace it unless forced),
    with the schema beside a YAML ladder for editors (``Imported.schema`` when written)."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    refuse_to_replace(output, force=force)
    imported = import_sheets(paths, output_name=output, **options)
    write_output(output, imported.text, inputs=paths)
    if is_json(output):
        return imported
    return dataclasses.replace(imported, schema=write_schema_beside(output))
