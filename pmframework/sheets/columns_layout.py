"""The columns layout: one row per level, one column per competency, the level's name in the
first column (or the column a ``--map`` file names); rows whose first cell is Area (or Category,
...) or Description give each competency's area or description.

It shares its helpers with the rows layout's reader (pmframework.sheets.layouts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmframework.sheets.grid import Grid, column_letters
from pmframework.sheets.layouts import (
    AREA_HEADERS,
    DESCRIPTION_HEADERS,
    SUMMARY_HEADERS,
    CellText,
    SheetLadder,
    _body_rows,
    _cell,
    _Competency,
    _headed_columns,
    _header_key,
    _Level,
    _role_column,
    _unnamed_row,
    _without,
)

if TYPE_CHECKING:
    from pmframework.sheets.column_map import ColumnMap


def read_columns_layout(sheet: SheetLadder) -> None:
    """One row per level, one column per competency; area and description rows."""
    grid, header, mapped = sheet.grid, sheet.header_row, sheet.column_map
    level_column, summary_column, competencies = _columns_roles(grid, header, mapped)
    columns = [competency.name.column for competency in competencies]
    for row in _body_rows(grid, header):
        first = _cell(grid, row, level_column)
        texts = [_cell(grid, row, c) for c in columns]
        key = _header_key(first.text) if first else ""
        if key in AREA_HEADERS:
            _spread_areas(competencies, texts)
        elif key in DESCRIPTION_HEADERS:
            for competency, text in zip(competencies, texts, strict=True):
                competency.description = text
        elif first is None:
            # Columns a map leaves out are no one's: a note there is no level.
            summary = _cell(grid, row, summary_column)
            _unnamed_row(grid, row, [summary, *texts], level_column, "level")
        else:
            index = len(sheet.levels)
            sheet.levels.append(_Level(first, _cell(grid, row, summary_column)))
            sheet.cells.update(
                ((index, competency), text)
                for competency, text in enumerate(texts)
                if text is not None
            )
    if not sheet.levels:
        raise grid.error(
            header + 1,
            level_column,
            f"no level rows: no row below the header row {header} names a level in its "
            f"column {column_letters(level_column)}",
        )
    sheet.competencies = competencies
    if mapped is not None and mapped.levels is not None:
        _mapped_level_rows(sheet, mapped, level_column)


def _columns_roles(
    grid: Grid, header: int, mapped: ColumnMap | None
) -> tuple[int, int | None, list[_Competency]]:
    """The level name and summary columns of the columns layout, and its competencies: as the
    map says, else by their headers (the level's name in the first column)."""
    ignored = mapped.ignored(grid, header) if mapped else set()
    level_column = mapped.role(grid, header, mapped.level) if mapped else None
    if level_column is None:
        level_column = next((c for c in grid.columns if c not in ignored), grid.columns[0])
    summary_column = mapped.role(grid, header, mapped.summary) if mapped else None
    if summary_column is None:
        summary_column = _role_column(grid, header, SUMMARY_HEADERS, {level_column, *ignored})
    if mapped is not None and mapped.competencies is not None:
        named = []
        for entry in mapped.competencies:
            column = mapped.column(grid, header, entry.column)
            text = entry.name or grid.text(header, column) or entry.column.name
            named.append(_Competency(CellText(text, header, column), None))
        return level_column, summary_column, named
    columns = _headed_columns(
        _without(grid, ignored),
        header,
        level_column,
        {level_column, summary_column},
        f"no competency columns: row {header} names no column besides the level; "
        "each competency needs a column headed with its name",
    )
    headed = [_Competency(CellText(grid.text(header, c), header, c), None) for c in columns]
    return level_column, summary_column, headed


def _mapped_level_rows(sheet: SheetLadder, mapped: ColumnMap, level_column: int) -> None:
    """Only the level rows the map lists, in its order, with its titles and ranks."""
    names = [level.title.text for level in sheet.levels]
    chosen = mapped.level_rows(names, sheet.grid, level_column)
    levels = []
    for old, entry in chosen:
        level = sheet.levels[old]
        if entry.title is not None:
            level.title = CellText(entry.title, level.title.row, level.title.column)
        level.rank = entry.rank
        levels.append(level)
    # Each cell follows its level to the level's new place, in one pass over the cells.
    moved = {old: new for new, (old, _) in enumerate(chosen)}
    sheet.cells = {(moved[at], c): text for (at, c), text in sheet.cells.items() if at in moved}
    sheet.levels = levels


def _spread_areas(competencies: list[_Competency], texts: list[CellText | None]) -> None:
    """An area row: a blank cell continues the area of the column before it."""
    area: CellText | None = None
    for competency, text in zip(competencies, texts, strict=True):
        area = text or area
        competency.area = area
