"""``pmframework import --map FILE``: which column is which, when the header cannot tell.

A map is a small YAML (or JSON) file; every key is optional. For the rows layout (a row per
competency, a column per level)::

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

For the columns layout (a row per level, a column per competency)::

    layout: columns             # said, or known from the keys below
    level: Stage                # the column that names each row's level (default: the first)
    summary: Overview           # the column of each level's summary
    competencies:               # the competency columns; any other column is not read
      - {column: C, name: Discovery}     # name: default, the column's header
      - Delivery
    levels:                     # the level rows, lowest first, as the level column names them
      - {name: APM, title: Associate PM, rank: 1}
    ignore: [Notes]             # columns that are not competencies

A column is named by its letters (``A`` to ``ZZZ``, which win) or by its header, compared as
import reads names (case and Markdown marks do not matter); a level row by its name. Every
problem is an error naming the map file, with its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pmframework.errors import LadderError, Location
from pmframework.load.document import Document, load_document
from pmframework.sheets.grid import Grid, cell_position, column_letters
from pmframework.sheets.layouts import bare

# The keys of each layout's map; header_row, layout, levels and ignore belong to both.
_ROWS_KEYS = ("area", "competency", "description")
_COLUMNS_KEYS = ("level", "summary", "competencies")
_KEYS = ("layout", "header_row", *_ROWS_KEYS, *_COLUMNS_KEYS, "levels", "ignore")
# What names a level: a column (rows layout), or the name in the level column (columns layout).
_LEVEL_NAMED_BY = {"rows": "column", "columns": "name"}
_LETTERS = re.compile(r"[A-Z]{1,3}")


@dataclass(frozen=True)
class Named:
    """A column (or a level row) as the map names it, and where in the map."""

    name: str
    where: Location


@dataclass(frozen=True)
class LevelColumn:
    """A level as the map gives it: its column (rows layout) or its row's name (columns
    layout), with the title and rank it is given."""

    column: Named
    title: str | None = None
    rank: float | None = None


@dataclass(frozen=True)
class CompetencyColumn:
    column: Named
    name: str | None = None


@dataclass(frozen=True)
class ColumnMap:
    file: str
    header_row: int | None = None
    layout: str | None = None  # rows or columns, as said or known from the keys; else None
    layout_where: Location | None = None
    area: Named | None = None
    competency: Named | None = None
    description: Named | None = None
    level: Named | None = None
    summary: Named | None = None
    competencies: tuple[CompetencyColumn, ...] | None = None
    levels: tuple[LevelColumn, ...] | None = None
    ignore: tuple[Named, ...] = ()

    def column(self, grid: Grid, header: int, named: Named) -> int:
        """The column ``named`` names in ``grid``; an error at the map's line if none does."""
        if _LETTERS.fullmatch(named.name):
            found = cell_position(f"{named.name}1")
            assert found is not None
            last = max(grid.columns, default=1)
            if found[1] > last:
                raise LadderError(
                    named.where,
                    f"no column {named.name} in {grid.file}, sheet {grid.sheet!r}: its last "
                    f"column is {column_letters(last)}",
                )
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

    def role(self, grid: Grid, header: int, named: Named | None) -> int | None:
        """The column of a role the map may name (area, level, summary, ...)."""
        return None if named is None else self.column(grid, header, named)

    def ignored(self, grid: Grid, header: int) -> set[int]:
        return {self.column(grid, header, named) for named in self.ignore}

    def chosen_layout(self, layout: str) -> str:
        """The layout to read: the map's, which ``--layout`` (unless auto) must agree with."""
        if self.layout is None:
            return layout
        if layout not in ("auto", self.layout):
            assert self.layout_where is not None
            raise LadderError(
                self.layout_where,
                f"this map is for the {self.layout} layout, but --layout says {layout}",
            )
        return self.layout

    def level_rows(
        self, names: list[str], grid: Grid, column: int
    ) -> list[tuple[int, LevelColumn]]:
        """The columns layout's level rows the map lists, lowest first: the index of each in
        ``names`` (the level column's names, in the sheet's order) and its entry."""
        assert self.levels is not None
        index = {bare(name).casefold(): i for i, name in enumerate(names)}
        chosen: list[tuple[int, LevelColumn]] = []
        for entry in self.levels:
            found = index.get(bare(entry.column.name).casefold())
            if found is None:
                listed = ", ".join(repr(bare(name)) for name in names)
                raise LadderError(
                    entry.column.where,
                    f"no level named {entry.column.name!r} in column {column_letters(column)} "
                    f"of {grid.file}, sheet {grid.sheet!r} "
                    f"(its levels: {listed})",
                )
            if any(found == taken for taken, _ in chosen):
                raise LadderError(
                    entry.column.where, f"level {entry.column.name!r} is listed twice"
                )
            chosen.append((found, entry))
        return chosen


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
    layout, layout_where = _layout(document)
    levels = _list(document, "levels", "a list of levels", empty=False)
    ignore = _list(document, "ignore", "a list of columns") or []
    competencies = _list(document, "competencies", "a list of competency columns", empty=False)
    named_by = _LEVEL_NAMED_BY[layout or "rows"]
    return ColumnMap(
        document.name,
        header_row,
        layout,
        layout_where,
        area=_named(document, ("area",)),
        competency=_named(document, ("competency",)),
        description=_named(document, ("description",)),
        level=_named(document, ("level",)),
        summary=_named(document, ("summary",)),
        competencies=None
        if competencies is None
        else tuple(_competency(document, i) for i in range(len(competencies))),
        levels=None
        if levels is None
        else tuple(_level(document, i, named_by) for i in range(len(levels))),
        ignore=tuple(n for i in range(len(ignore)) if (n := _named(document, ("ignore", i)))),
    )


def _layout(document: Document) -> tuple[str | None, Location | None]:
    """The layout the map is for: said by ``layout``, else known from the keys it has (one
    layout's keys only), else None."""
    data = document.data
    said = data.get("layout")
    if said is not None and said not in _LEVEL_NAMED_BY:
        raise LadderError(document.location(("layout",)), "layout is rows or columns")
    known: tuple[str, str] | None = None if said is None else (said, "layout")
    for key in data:
        layout = "rows" if key in _ROWS_KEYS else "columns" if key in _COLUMNS_KEYS else None
        if layout is None:
            continue
        if known is None:
            known = (layout, key)
        elif known[0] != layout:
            raise LadderError(
                document.location((key,), key=True),
                f"{key!r} is a key of the {layout} layout's map, but {known[1]!r} says the "
                f"{known[0]} layout; a map describes one layout",
            )
    if known is None:
        return None, None
    return known[0], document.location((known[1],), key=True)


def _shape(what: str) -> str:
    return f"expected {what} (see README, Spreadsheets: --map)"


def _list(document: Document, key: str, what: str, *, empty: bool = True) -> list[Any] | None:
    value = document.data.get(key)
    if value is not None and (not isinstance(value, list) or not (value or empty)):
        raise LadderError(document.location((key,)), _shape(what))
    return value


def _named(document: Document, path: tuple[str | int, ...]) -> Named | None:
    value: Any = document.data
    for step in path:
        value = value.get(step) if isinstance(value, dict) else value[step]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise LadderError(document.location(path), _shape("a column's header or letter"))
    return Named(str(value).strip(), document.location(path))


def _entry(
    document: Document, path: tuple[str | int, ...], named_by: str, keys: tuple[str, ...]
) -> tuple[Named, dict[str, Any]]:
    """A list entry that is a column (or a name) alone, or a mapping of ``keys`` that has
    ``named_by``: what it names, and the mapping."""
    entry = document.data[path[0]][path[1]]
    if isinstance(entry, (str, int)) and not isinstance(entry, bool):
        named = _named(document, path)
        assert named is not None
        return named, {}
    if not isinstance(entry, dict) or named_by not in entry:
        example = ", ".join(f"{key}: ..." for key in keys)
        raise LadderError(document.location(path), _shape(f"{{{example}}}"))
    for key in entry:
        if key not in keys:
            raise LadderError(
                document.location((*path, key), key=True),
                f"unknown key {key!r}; here an entry has {', '.join(keys)}",
            )
    named = _named(document, (*path, named_by))
    if named is None:
        raise LadderError(document.location((*path, named_by)), _shape("a header or letter"))
    return named, entry


def _text(document: Document, path: tuple[str | int, ...], value: Any, what: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise LadderError(document.location(path), f"{what} is text")
    return value.strip() if value else None


def _level(document: Document, index: int, named_by: str) -> LevelColumn:
    path: tuple[str | int, ...] = ("levels", index)
    named, entry = _entry(document, path, named_by, (named_by, "title", "rank"))
    title = _text(document, (*path, "title"), entry.get("title"), "a level's title")
    rank = entry.get("rank")
    if rank is not None and (isinstance(rank, bool) or not isinstance(rank, (int, float))):
        raise LadderError(document.location((*path, "rank")), "a level's rank is a number")
    return LevelColumn(named, title, rank)


def _competency(document: Document, index: int) -> CompetencyColumn:
    path: tuple[str | int, ...] = ("competencies", index)
    named, entry = _entry(document, path, "column", ("column", "name"))
    return CompetencyColumn(
        named, _text(document, (*path, "name"), entry.get("name"), "a competency's name")
    )
