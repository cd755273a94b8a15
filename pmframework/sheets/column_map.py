"""``pmframework import --map FILE``: which column is which, when the header cannot tell.

A map is a small YAML (or JSON) file; every key is optional::

    header_row: 3               # the row that names the columns
    area: Category              # the area column: its header, or its letter (C)
    competency: B               # the competency column
    description: Definition     # the description column
    levels:                     # the level columns, lowest first; any other column is not read
      - column: E
        title: Associate PM     # the level's title (default: the column's header)
        rank: 1                 # its rank (default: its place in this list)
      - {column: Senior PM, rank: 3}
    ignore: [H, Notes]          # columns that are not levels

A column is named by its letters (``A`` to ``ZZZ``, which win) or by its header, compared as
import reads names (case and Markdown marks do not matter). A map is read for the rows layout: a
row per competency, a column per level. Every problem is an error naming the map file, with its
line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pmframework.errors import LadderError, Location
from pmframework.load.document import Document, load_document
from pmframework.sheets.grid import Grid, cell_position
from pmframework.sheets.layouts import bare

_KEYS = ("header_row", "area", "competency", "description", "levels", "ignore")
_LEVEL_KEYS = ("column", "title", "rank")
_LETTERS = re.compile(r"[A-Z]{1,3}")


@dataclass(frozen=True)
class Named:
    """A column as the map names it, and where in the map."""

    name: str
    where: Location


@dataclass(frozen=True)
class LevelColumn:
    column: Named
    title: str | None = None
    rank: float | None = None


@dataclass(frozen=True)
class ColumnMap:
    file: str
    header_row: int | None = None
    area: Named | None = None
    competency: Named | None = None
    description: Named | None = None
    levels: tuple[LevelColumn, ...] | None = None
    ignore: tuple[Named, ...] = ()

    def column(self, grid: Grid, header: int, named: Named) -> int:
        """The column ``named`` names in ``grid``; an error at the map's line if none does."""
        if _LETTERS.fullmatch(named.name):
            found = cell_position(f"{named.name}1")
            assert found is not None
            return found[1]
        key = bare(named.name).casefold()
        for column in grid.columns:
            if bare(grid.text(header, column)).casefold() == key:
                return column
        headers = ", ".join(repr(bare(grid.text(header, c))) for c in grid.filled(header))
        raise LadderError(
            named.where,
            f"no column headed {named.name!r} in row {header} of {grid.file}, sheet "
            f"{grid.sheet!r} (its headers: {headers}); name a column by its header or letter",
        )


def load_column_map(path: str) -> ColumnMap:
    """Read and check a ``--map`` file."""
    document = load_document(path)
    data = document.data
    if not isinstance(data, dict):
        raise LadderError(Location(document.name, 1, 1), _shape("a mapping of " + ", ".join(_KEYS)))
    for key in data:
        if key not in _KEYS:
            raise LadderError(
                document.location((key,), key=True),
                f"unknown key {key!r}; a map has {', '.join(_KEYS)}",
            )
    header_row = data.get("header_row")
    if header_row is not None and (
        not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1
    ):
        raise LadderError(
            document.location(("header_row",)), "header_row is a row number (1, 2, ...)"
        )
    levels = data.get("levels")
    if levels is not None and (not isinstance(levels, list) or not levels):
        raise LadderError(document.location(("levels",)), _shape("a list of level columns"))
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list):
        raise LadderError(document.location(("ignore",)), _shape("a list of columns"))
    return ColumnMap(
        document.name,
        header_row,
        area=_named(document, ("area",)),
        competency=_named(document, ("competency",)),
        description=_named(document, ("description",)),
        levels=None if levels is None else tuple(_level(document, i) for i in range(len(levels))),
        ignore=tuple(n for i in range(len(ignore)) if (n := _named(document, ("ignore", i)))),
    )


def _shape(what: str) -> str:
    return f"expected {what} (see README, Spreadsheets: --map)"


def _named(document: Document, path: tuple[str | int, ...]) -> Named | None:
    value: Any = document.data
    for step in path:
        value = value.get(step) if isinstance(value, dict) else value[step]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise LadderError(document.location(path), _shape("a column's header or letter"))
    return Named(str(value).strip(), document.location(path))


def _level(document: Document, index: int) -> LevelColumn:
    path: tuple[str | int, ...] = ("levels", index)
    entry = document.data["levels"][index]
    if isinstance(entry, (str, int)) and not isinstance(entry, bool):
        column = _named(document, path)
        assert column is not None
        return LevelColumn(column)
    if not isinstance(entry, dict) or "column" not in entry:
        raise LadderError(
            document.location(path), _shape("a level column: {column: E, title: ..., rank: ...}")
        )
    for key in entry:
        if key not in _LEVEL_KEYS:
            raise LadderError(
                document.location((*path, key), key=True),
                f"unknown key {key!r}; a level column has {', '.join(_LEVEL_KEYS)}",
            )
    title, rank = entry.get("title"), entry.get("rank")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        raise LadderError(document.location((*path, "title")), "a level's title is text")
    if rank is not None and (isinstance(rank, bool) or not isinstance(rank, (int, float))):
        raise LadderError(document.location((*path, "rank")), "a level's rank is a number")
    column = _named(document, (*path, "column"))
    if column is None:
        raise LadderError(
            document.location((*path, "column")), _shape("a column's header or letter")
        )
    return LevelColumn(column, title.strip() if title else None, rank)
