"""``pmframework import``: a ladder kept in a spreadsheet (CSV or XLSX) becomes a ladder file.

Two layouts are read, the ones companies actually keep their ladder in:

* **rows** — one row per competency, one column per level, with optional columns for the area
  (headed Area, Category, Pillar, ...), the competency's name (Competency, Parameter, Skill,
  ...) and its description (Description, Definition, ...). A blank area cell continues the area
  of the row above, so an area written once above its group is understood.
* **columns** — the transposed one: one row per level, one column per competency, the level's
  name in the first column (headed Level, Title, Grade, ...). A column headed Summary or
  Description holds each level's summary; rows whose first cell is Area (or Category, ...) or
  Description give each competency's area or description.

The header row is the one given, or the first row with at least two filled cells, none longer
than a heading would be, that spans at least half as many columns as the widest row; a single
filled cell above it (a banner such as "Product Management Career Ladder") is the default title.

A cell becomes one criterion per paragraph (paragraphs are separated by blank lines; single line
breaks stay inside the paragraph); a paragraph starting with ``Example:`` becomes an example.
Every statement keeps where it came from: ``source`` names the sheet (one entry in ``sources``)
and ``x-cell`` the cell, as Excel writes a reference (``Ladder!D7``). The ladder is validated
before it is written, so what is written is valid.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.check.schema import EDITOR_LINE, write_schema_beside
from pmframework.errors import LadderError, Location, UsageError
from pmframework.files import refuse_to_replace, write_output
from pmframework.findings import Finding, Severity
from pmframework.load.document import parse_document
from pmframework.load.json_reader import is_json
from pmframework.model.ladder import Ladder
from pmframework.sheets import LAYOUTS
from pmframework.sheets.grid import Grid, cell_name, normalize_breaks, read_grid
from pmframework.text import json_text, plural, slug

DEFAULT_ORGANIZATION = "Unnamed organization"
DEFAULT_TITLE = "Career ladder"
DEFAULT_AREA = "Competencies"
TRACK_ID = "ic"
TRACK_NAME = "Individual contributor"
EXAMPLE_PREFIX = re.compile(r"example\s*:\s*", re.IGNORECASE)

MAX_HEADER_CHARS = 200  # longer than any heading; shorter than a paragraph-long cell
# Statements (a cell's paragraphs) in one sheet: a large ladder has a few thousand, and each
# costs time to write and check.
MAX_STATEMENTS = 5_000

# Header names, compared as _header_key leaves them: case, spaces and colons do not matter.
AREA_HEADERS = frozenset(
    {
        "area", "areas", "category", "categories", "pillar", "pillars", "group", "groups",
        "theme", "themes", "domain", "domains", "section", "focus area", "competency area",
        "competency areas", "competency category", "competency group", "skill area",
        "skill category",
    }
)  # fmt: skip
COMPETENCY_HEADERS = frozenset(
    {
        "competency", "competencies", "parameter", "parameters", "skill", "skills",
        "attribute", "attributes", "capability", "capabilities", "behaviour", "behaviours",
        "behavior", "behaviors", "criterion", "name", "competency name", "skill name",
    }
)  # fmt: skip
DESCRIPTION_HEADERS = frozenset(
    {"description", "definition", "meaning", "details", "what it means", "what this means"}
)
LEVEL_HEADERS = frozenset(
    {
        "level", "levels", "title", "job title", "role", "grade", "band", "position",
        "seniority", "career level", "level name",
    }
)  # fmt: skip
# In the columns layout, a column with one of these headers holds each level's summary.
SUMMARY_HEADERS = frozenset({"summary", "description", "overview", "level summary"})


def _header_key(text: str) -> str:
    return " ".join(text.replace(":", " ").split()).casefold()


# --- reading a ladder out of the grid ------------------------------------------------------


@dataclass
class _Text:
    """A cell's text and where it stands."""

    text: str
    row: int
    column: int


@dataclass
class _Competency:
    name: _Text
    area: _Text | None
    description: _Text | None = None


@dataclass
class _Level:
    title: _Text
    summary: _Text | None = None


@dataclass
class SheetLadder:
    """What a sheet says, before ids are made: levels in order, competencies, and the cells."""

    grid: Grid
    header_row: int
    title: str | None
    levels: list[_Level] = field(default_factory=list)
    competencies: list[_Competency] = field(default_factory=list)
    # (level index, competency index) → the cell that says what the level expects
    cells: dict[tuple[int, int], _Text] = field(default_factory=dict)


def one_line(text: str) -> str:
    """A name or title: runs of white space, line breaks included, become one space."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a cell: split at blank lines, each stripped, empty ones dropped."""
    return [p.strip() for p in re.split(r"\n\s*\n", normalize_breaks(text)) if p.strip()]


def find_header(grid: Grid, header_row: int | None = None) -> int:
    """The row that names the columns: the one given, or the first that looks like a header."""
    if not grid.cells:
        raise grid.error(1, 1, "the sheet is empty")
    if header_row is not None:
        if len(grid.filled(header_row)) < 2:
            raise grid.error(
                header_row,
                (grid.filled(header_row) or [1])[0],
                f"row {header_row} (--header-row) has fewer than two filled cells; "
                "it cannot be the header",
            )
        return header_row
    widest = max(len(grid.filled(row)) for row in range(1, grid.rows + 1))
    for row in range(1, grid.rows + 1):
        filled = grid.filled(row)
        if (
            len(filled) >= 2
            and 2 * len(filled) >= widest
            and all(len(grid.text(row, c).strip()) <= MAX_HEADER_CHARS for c in filled)
        ):
            return row
    raise grid.error(
        1,
        1,
        "no header row: no row names its columns (at least two short filled cells); "
        "pass --header-row N",
    )


def _banner_title(grid: Grid, header_row: int) -> str | None:
    """A single filled cell above the header, such as "Engineering Career Ladder 2024"."""
    for row in range(1, header_row):
        filled = grid.filled(row)
        if len(filled) == 1:
            return one_line(grid.text(row, filled[0])) or None
    return None


def detect_layout(grid: Grid, header_row: int) -> str:
    """``rows`` (competencies in rows) or ``columns`` (levels in rows), from the header's names."""
    first = grid.columns[0]
    keys = [_header_key(grid.text(header_row, c)) for c in grid.columns]
    if keys[0] in LEVEL_HEADERS:
        return "columns"
    if any(k in AREA_HEADERS | COMPETENCY_HEADERS | DESCRIPTION_HEADERS for k in keys):
        return "rows"
    if not keys[0]:
        return "rows"
    raise grid.error(
        header_row,
        first,
        "cannot tell which way round the sheet is: the header names neither a competency "
        "column (Competency, Parameter, Skill, ...) nor a level column (Level, Title, Grade, "
        "...); rename one, or pass --layout rows or --layout columns",
    )


def read_sheet(grid: Grid, *, layout: str = "auto", header_row: int | None = None) -> SheetLadder:
    """Levels, competencies and expectation cells of a sheet, in either layout."""
    if layout not in LAYOUTS:
        raise UsageError(f"no layout {layout!r}; layouts are: {', '.join(LAYOUTS)}")
    header = find_header(grid, header_row)
    merged = next((m for m in grid.merged if m[2] >= header), None)
    if merged is not None:
        first_row, first_column, last_row, last_column = merged
        span = f"{cell_name(first_row, first_column)}:{cell_name(last_row, last_column)}"
        raise grid.error(
            first_row,
            first_column,
            f"merged cells ({span}); unmerge them and write the text in each cell it applies to",
        )
    chosen = detect_layout(grid, header) if layout == "auto" else layout
    sheet = SheetLadder(grid, header, _banner_title(grid, header))
    LAYOUTS[chosen](sheet)
    _check_levels(sheet)
    _check_statements(sheet)
    return sheet


def _check_statements(sheet: SheetLadder) -> None:
    """Refuse, at the cell that passes it, a sheet of more statements than MAX_STATEMENTS."""
    count = 0
    for cell in sheet.cells.values():
        count += len(paragraphs(cell.text))
        if count > MAX_STATEMENTS:
            raise sheet.grid.error(
                cell.row,
                cell.column,
                f"more than {MAX_STATEMENTS:,} statements (paragraphs) up to here; "
                "is this a ladder?",
            )


def _role_column(
    grid: Grid, header: int, names: frozenset[str], skip: Iterable[int | None]
) -> int | None:
    return next(
        (c for c in grid.columns if c not in skip and _header_key(grid.text(header, c)) in names),
        None,
    )


def _unheaded_text(grid: Grid, header: int, columns: Iterable[int]) -> None:
    """Text in a column whose header is empty is an error: it would belong to nothing."""
    for column in columns:
        if grid.text(header, column).strip():
            continue
        for row in range(header + 1, grid.rows + 1):
            if grid.text(row, column).strip():
                raise grid.error(
                    row,
                    column,
                    f"text in a column whose header {cell_name(header, column)} is empty; "
                    "name the column in the header row",
                )


def _cell(grid: Grid, row: int, column: int | None) -> _Text | None:
    if column is None:
        return None
    text = grid.text(row, column)
    return _Text(text, row, column) if text.strip() else None


def read_rows_layout(sheet: SheetLadder) -> None:
    grid, header = sheet.grid, sheet.header_row
    area_column = _role_column(grid, header, AREA_HEADERS, ())
    taken = {area_column}
    name_column = _role_column(grid, header, COMPETENCY_HEADERS, taken)
    taken.add(name_column)
    description_column = _role_column(grid, header, DESCRIPTION_HEADERS, taken)
    taken.add(description_column)
    if name_column is None:
        name_column = next((c for c in grid.columns if c not in taken), grid.columns[0])
        taken.add(name_column)
    _unheaded_text(grid, header, (c for c in grid.columns if c != name_column))
    level_columns = [c for c in grid.columns if c not in taken and grid.text(header, c).strip()]
    if not level_columns:
        raise grid.error(
            header,
            name_column,
            f"no level columns: row {header} names no column besides the area, competency and "
            "description; each level needs a column headed with its title",
        )
    sheet.levels = [_Level(_Text(grid.text(header, c), header, c)) for c in level_columns]
    area: _Text | None = None
    for row in range(header + 1, grid.rows + 1):
        area = _cell(grid, row, area_column) or area
        name = _cell(grid, row, name_column)
        description = _cell(grid, row, description_column)
        texts = {i: _cell(grid, row, c) for i, c in enumerate(level_columns)}
        if name is None:
            stray = description or next((t for t in texts.values() if t is not None), None)
            if stray is not None:
                raise grid.error(
                    stray.row,
                    stray.column,
                    f"row {row} has text but no competency name in {cell_name(row, name_column)}",
                )
            continue  # a blank row, or one that only starts an area
        index = len(sheet.competencies)
        sheet.competencies.append(_Competency(name, area, description))
        for level_index, text in texts.items():
            if text is not None:
                sheet.cells[level_index, index] = text


def read_columns_layout(sheet: SheetLadder) -> None:
    grid, header = sheet.grid, sheet.header_row
    level_column = grid.columns[0]
    summary_column = _role_column(grid, header, SUMMARY_HEADERS, {level_column})
    taken = {level_column, summary_column}
    _unheaded_text(grid, header, (c for c in grid.columns if c != level_column))
    columns = [c for c in grid.columns if c not in taken and grid.text(header, c).strip()]
    if not columns:
        raise grid.error(
            header,
            level_column,
            f"no competency columns: row {header} names no column besides the level; "
            "each competency needs a column headed with its name",
        )
    competencies = [_Competency(_Text(grid.text(header, c), header, c), None) for c in columns]
    for row in range(header + 1, grid.rows + 1):
        first = _cell(grid, row, level_column)
        key = _header_key(first.text) if first else ""
        if key in AREA_HEADERS:
            area: _Text | None = None
            for competency, column in zip(competencies, columns, strict=True):
                area = _cell(grid, row, column) or area
                competency.area = area
        elif key in DESCRIPTION_HEADERS:
            for competency, column in zip(competencies, columns, strict=True):
                competency.description = _cell(grid, row, column)
        elif first is not None:
            index = len(sheet.levels)
            sheet.levels.append(_Level(first, _cell(grid, row, summary_column)))
            for competency_index, column in enumerate(columns):
                text = _cell(grid, row, column)
                if text is not None:
                    sheet.cells[index, competency_index] = text
        else:
            stray = next(filter(None, (_cell(grid, row, c) for c in grid.columns)), None)
            if stray is not None:
                raise grid.error(
                    stray.row,
                    stray.column,
                    f"row {row} has text but no level name in {cell_name(row, level_column)}",
                )
    if not sheet.levels:
        raise grid.error(
            header + 1,
            level_column,
            f"no level rows: no row below the header row {header} names a level in its "
            "first column",
        )
    sheet.competencies = competencies


def _check_levels(sheet: SheetLadder) -> None:
    grid = sheet.grid
    seen: dict[str, _Text] = {}
    for level in sheet.levels:
        key = one_line(level.title.text).casefold()
        first = seen.setdefault(key, level.title)
        if first is not level.title:
            raise grid.error(
                level.title.row,
                level.title.column,
                f"duplicate level name {one_line(level.title.text)!r}: "
                f"{cell_name(first.row, first.column)} names it too; "
                "each level needs a name of its own",
            )
    if not sheet.competencies:
        raise grid.error(
            sheet.header_row + 1,
            grid.columns[0],
            f"no competencies below the header row {sheet.header_row}",
        )


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


def _ref(grid: Grid, cell: _Text) -> str:
    return grid.ref(cell.row, cell.column)


def _statement(grid: Grid, source: str, text: str, cell: _Text) -> dict[str, Any]:
    return {"text": text, "source": source, "x-cell": _ref(grid, cell)}


def _whole_cell(grid: Grid, source: str, cell: _Text) -> dict[str, Any]:
    """A description or summary: one statement, its paragraphs kept."""
    return _statement(grid, source, "\n\n".join(paragraphs(cell.text)), cell)


def _expectation(grid: Grid, source: str, cell: _Text) -> dict[str, Any]:
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


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, so a ladder reads like the sheet it came from."""


_YAML_BREAKS = ("\x85", "\u2028", "\u2029")
# Plain scalars that the ladder loader (YAML 1.2) would read as a number, though PyYAML's
# YAML 1.1 resolver would not (``1e5``); they are quoted.
_NUMBER_LIKE = re.compile(r"[-+.0-9][-+.0-9eE_]*")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(b in value for b in _YAML_BREAKS) or value.startswith("'"):
        style = '"'  # escapes the breaks; no doubled quotes in 'Sheet name'!A1
    elif "\n" in value:
        style = "|"
    elif _NUMBER_LIKE.fullmatch(value):
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def ladder_yaml(data: dict[str, Any], grid: Grid) -> str:
    header = EDITOR_LINE + (
        f"# Imported by pmframework from {Path(grid.file).name}, sheet {grid.sheet!r}.\n"
        "# Each x-cell says which cell a text came from. Edit freely; run\n"
        "# `pmframework validate` on this file after each change.\n"
    )
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return header + body


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
    findings, ladder = check_loaded(parse_document(output_name, text), RULES.values())
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
