"""Reading a sheet's grid into levels, competencies and the cells between them, in either layout.

* **rows** — one row per competency, one column per level, with optional columns for the area
  (headed Area, Category, Pillar, ...), the competency's name (Competency, Parameter, Skill,
  ...) and its description (Description, Definition, ...). A blank area cell continues the area
  of the row above, so an area written once above its group is understood.
* **columns** — the transposed one: one row per level, one column per competency, the level's
  name in the first column (headed Level, Title, Grade, ...). A column headed Summary or
  Description holds each level's summary; rows whose first cell is Area (or Category, ...) or
  Description give each competency's area or description.

Both readers have one shape: a key column names each body row's entity, the other headed
columns are the entities across (levels, or competencies), and each body row either describes
those (an area or description row) or adds one entity with its cells.

The header row is the one given, or the first row with at least two filled cells, none longer
than a heading would be, that spans at least half as many columns as the widest row; a single
filled cell above it (a banner such as "Product Management Career Ladder") is the default title.
The columns layout's reader is in pmframework.sheets.columns_layout. To add a layout, write its
reader here (or in a module of its own) and name it in pmframework.sheets.LAYOUTS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pmframework.errors import UsageError
from pmframework.richtext import plain
from pmframework.sheets import LAYOUTS
from pmframework.sheets.grid import Grid, cell_name, normalize_breaks
from pmframework.sheets.metadata import read_metadata
from pmframework.text import one_line

if TYPE_CHECKING:
    from pmframework.sheets.column_map import ColumnMap

MAX_HEADER_CHARS = 200  # longer than any heading; shorter than a paragraph-long cell
# Statements (a cell's paragraphs) in one sheet: 5,000 competencies x 10 levels is 50,000, and
# each costs time to write and check; the largest sheet within the limits imports in 2 s.
MAX_STATEMENTS = 50_000

# The line an exported cell starts with to give the level's proficiency (not a statement).
PROFICIENCY_PREFIX = re.compile(r"proficiency\s*:\s*", re.IGNORECASE)

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
# A row whose area (or name) cell says one of these lists what falls short, not what is
# expected: its texts become anti-patterns (LumApps' "Potential Misalignments").
ANTI_PATTERN_HEADINGS = frozenset(
    {
        "potential misalignments", "potential misalignment", "misalignments", "anti-patterns",
        "anti-pattern", "antipatterns", "anti patterns", "watch-outs", "watch-out",
        "watch outs", "watch out", "red flags", "red flag",
    }
)  # fmt: skip
# In the columns layout, a column with one of these headers holds each level's summary.
SUMMARY_HEADERS = frozenset({"summary", "description", "overview", "level summary"})


_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")


def bare(text: str) -> str:
    """A name as a person reads it, on one line: Markdown emphasis and code marks removed, a
    link replaced by its text (``[**Senior PM**](https://…)`` → ``Senior PM``). Names are
    plain text in a ladder; statements keep their markup."""
    text = one_line(text)  # first: a mark that starts a line once folded reads the same later
    if not any(mark in text for mark in "*_`["):
        return text
    return one_line(plain(_LINK.sub(r"\1", text)))


def _header_key(text: str) -> str:
    return one_line(bare(text).replace(":", " ")).casefold()


# --- reading a ladder out of the grid ------------------------------------------------------


@dataclass
class CellText:
    """A cell's text and where it stands."""

    text: str
    row: int
    column: int


@dataclass
class _Competency:
    name: CellText
    area: CellText | None
    description: CellText | None = None


@dataclass
class _Level:
    title: CellText
    summary: CellText | None = None
    rank: float | None = None  # given by a --map file; else the level's place in the sheet


@dataclass
class SheetLadder:
    """What a sheet says, before ids are made: levels in order, competencies, and the cells."""

    grid: Grid
    header_row: int
    title: str | None
    levels: list[_Level] = field(default_factory=list)
    competencies: list[_Competency] = field(default_factory=list)
    # (level index, competency index) → the cell that says what the level expects
    cells: dict[tuple[int, int], CellText] = field(default_factory=dict)
    # What a sheet exported by pmframework says that its cells cannot (see sheets/metadata.py)
    metadata: dict[str, Any] | None = None
    column_map: ColumnMap | None = None  # --map: which column is which


_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a cell: split at blank lines, each stripped, empty ones dropped."""
    text = normalize_breaks(text)
    if "\n" not in text:  # most cells: one paragraph, and no need to split
        return [text.strip()] if text.strip() else []
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def find_header(grid: Grid, header_row: int | None = None, first: int = 1) -> int:
    """The row that names the columns: the one given, or the first (from row ``first``) that
    looks like a header."""
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
    widest = max((len(grid.filled(row)) for row in range(first, grid.rows + 1)), default=0)
    for row in range(first, grid.rows + 1):
        filled = grid.filled(row)
        if (
            len(filled) >= 2
            and 2 * len(filled) >= widest
            and all(len(bare(grid.text(row, c))) <= MAX_HEADER_CHARS for c in filled)
        ):
            return row
    raise grid.error(
        1,
        1,
        "no header row: no row names its columns (at least two short filled cells); "
        "pass --header-row N",
    )


def _banner_title(grid: Grid, header_row: int, first: int = 1) -> str | None:
    """A single filled cell above the header, such as "Engineering Career Ladder 2024"."""
    for row in range(first, header_row):
        filled = grid.filled(row)
        if len(filled) == 1:
            return bare(grid.text(row, filled[0])) or None
    return None


def detect_layout(grid: Grid, header_row: int, fallback: str | None = None) -> str:
    """``rows`` (competencies in rows) or ``columns`` (levels in rows), from the header's names;
    ``fallback`` when they cannot tell, if given."""
    first = grid.columns[0]
    keys = [_header_key(grid.text(header_row, c)) for c in grid.columns]
    if keys[0] in LEVEL_HEADERS:
        return "columns"
    if any(k in AREA_HEADERS | COMPETENCY_HEADERS | DESCRIPTION_HEADERS for k in keys):
        return "rows"
    if not keys[0]:
        return "rows"
    if fallback is not None:
        return fallback
    raise grid.error(
        header_row,
        first,
        "cannot tell which way round the sheet is: the header names neither a competency "
        "column (Competency, Parameter, Skill, ...) nor a level column (Level, Title, Grade, "
        "...); rename one, or pass --layout rows or --layout columns",
    )


def read_sheet(
    grid: Grid,
    *,
    layout: str = "auto",
    header_row: int | None = None,
    column_map: ColumnMap | None = None,
) -> SheetLadder:
    """Levels, competencies and expectation cells of a sheet, in either layout (as a ``--map``
    file says which column is which, with ``column_map``)."""
    if column_map is not None:
        layout = column_map.chosen_layout(layout)
        header_row = header_row or column_map.header_row
    if layout not in LAYOUTS:
        raise UsageError(f"no layout {layout!r}; layouts are: {', '.join(LAYOUTS)}")
    metadata = read_metadata(grid)
    first = 1 if metadata is None else 2  # below the row of metadata of an exported sheet
    header = find_header(grid, header_row, first)
    merged = next((m for m in grid.merged if m[2] >= header), None)
    if merged is not None:
        first_row, first_column, last_row, last_column = merged
        span = f"{cell_name(first_row, first_column)}:{cell_name(last_row, last_column)}"
        raise grid.error(
            first_row,
            first_column,
            f"merged cells ({span}); unmerge them and write the text in each cell it applies to",
        )
    # A map that names no layout's columns (only header_row, ignore) was read as the rows
    # layout before maps knew the columns layout; it still is where the header cannot tell.
    fallback = "rows" if column_map is not None else None
    chosen = detect_layout(grid, header, fallback) if layout == "auto" else layout
    sheet = SheetLadder(
        grid, header, _banner_title(grid, header, first), metadata=metadata, column_map=column_map
    )
    LAYOUTS[chosen](sheet)
    _check_levels(sheet)
    _check_statements(sheet)
    return sheet


def _check_statements(sheet: SheetLadder) -> None:
    """Refuse, at the cell that passes it, a sheet of more statements than MAX_STATEMENTS."""
    count = 0
    for cell in sheet.cells.values():
        # A cell's "Proficiency: STEP" line is not a statement; it costs next to nothing.
        if "\n" in cell.text or "\r" in cell.text:
            count += sum(not PROFICIENCY_PREFIX.match(p) for p in paragraphs(cell.text))
        else:  # one paragraph (most cells of a sheet not exported): no need to split
            count += not PROFICIENCY_PREFIX.match(cell.text.strip())
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
    unheaded = {c for c in columns if not grid.text(header, c).strip()}
    if not unheaded:
        return
    # One pass over the cells, not one over the rows per column: an exported sheet's metadata
    # row has hundreds of columns without a header.
    found = [
        (column, row)
        for (row, column), text in grid.cells.items()
        if row > header and column in unheaded and text.strip()
    ]
    if found:
        column, row = min(found)  # the leftmost such column, its first row
        raise grid.error(
            row,
            column,
            f"text in a column whose header {cell_name(header, column)} is empty; "
            "name the column in the header row",
        )


def _cell(grid: Grid, row: int, column: int | None) -> CellText | None:
    if column is None:
        return None
    text = grid.text(row, column)
    return CellText(text, row, column) if text.strip() else None


def _headed_columns(
    grid: Grid, header: int, key_column: int, taken: set[int | None], what: str
) -> list[int]:
    """The columns across: every headed column not taken by a role; text under an empty
    header is an error, and so is a sheet with none."""
    _unheaded_text(grid, header, (c for c in grid.columns if c != key_column))
    columns = [c for c in grid.columns if c not in taken and grid.text(header, c).strip()]
    if not columns:
        raise grid.error(header, key_column, what)
    return columns


def _without(grid: Grid, ignored: set[int]) -> Grid:
    """The grid without the columns a map ignores: their text is no one's."""
    if not ignored:
        return grid
    kept = {cell: text for cell, text in grid.cells.items() if cell[1] not in ignored}
    return Grid(grid.file, grid.sheet, kept, grid.sheets)


def _body_rows(grid: Grid, header: int) -> Iterator[int]:
    return iter(range(header + 1, grid.rows + 1))


def _unnamed_row(
    grid: Grid, row: int, cells: Iterable[CellText | None], key_column: int, what: str
) -> None:
    """A body row without a name in its key column must be blank: its text would belong to
    nothing."""
    stray = next(filter(None, cells), None)
    if stray is not None:
        raise grid.error(
            stray.row,
            stray.column,
            f"row {row} has text but no {what} name in {cell_name(row, key_column)}",
        )


def _rows_roles(
    grid: Grid, header: int, mapped: ColumnMap | None
) -> tuple[int | None, int, int | None]:
    """The area, competency name and description columns of the rows layout: as the map
    says, else by their headers."""
    ignored: set[int] = set()
    area_column = name_column = description_column = None
    if mapped is not None:
        ignored = mapped.ignored(grid, header)
        area_column = mapped.role(grid, header, mapped.area)
        name_column = mapped.role(grid, header, mapped.competency)
        description_column = mapped.role(grid, header, mapped.description)
    area_column = area_column or _role_column(grid, header, AREA_HEADERS, ignored)
    name_column = name_column or _role_column(
        grid, header, COMPETENCY_HEADERS, {area_column, *ignored}
    )
    description_column = description_column or _role_column(
        grid, header, DESCRIPTION_HEADERS, {area_column, name_column, *ignored}
    )
    if name_column is None:
        taken = {area_column, description_column, *ignored}
        name_column = next((c for c in grid.columns if c not in taken), grid.columns[0])
    return area_column, name_column, description_column


def _level_columns(
    grid: Grid, header: int, name_column: int, roles: set[int | None], mapped: ColumnMap | None
) -> list[_Level]:
    """The levels across: the map's, with their titles and ranks, else every other headed
    column."""
    if mapped is not None and mapped.levels is not None:
        levels = []
        for entry in mapped.levels:
            column = mapped.column(grid, header, entry.column)
            text = entry.title or grid.text(header, column) or entry.column.name
            levels.append(_Level(CellText(text, header, column), rank=entry.rank))
        return levels
    columns = _headed_columns(
        _without(grid, mapped.ignored(grid, header) if mapped else set()),
        header,
        name_column,
        roles,
        f"no level columns: row {header} names no column besides the area, competency and "
        "description; each level needs a column headed with its title",
    )
    return [_Level(CellText(grid.text(header, c), header, c)) for c in columns]


def read_rows_layout(sheet: SheetLadder) -> None:
    """One row per competency, one column per level."""
    grid, header = sheet.grid, sheet.header_row
    roles = _rows_roles(grid, header, sheet.column_map)
    area_column, name_column, description_column = roles
    sheet.levels = _level_columns(grid, header, name_column, set(roles), sheet.column_map)
    level_columns = [level.title.column for level in sheet.levels]
    area: CellText | None = None
    for row in _body_rows(grid, header):
        area = _cell(grid, row, area_column) or area
        name = _cell(grid, row, name_column)
        if name is None and area is not None and _header_key(area.text) in ANTI_PATTERN_HEADINGS:
            name = area  # anti-patterns of the whole level
        description = _cell(grid, row, description_column)
        texts = [_cell(grid, row, c) for c in level_columns]
        if name is None:
            # A blank row, or one that only starts an area.
            _unnamed_row(grid, row, [description, *texts], name_column, "competency")
            continue
        index = len(sheet.competencies)
        sheet.competencies.append(_Competency(name, area, description))
        sheet.cells.update(
            ((level, index), text) for level, text in enumerate(texts) if text is not None
        )


def _check_levels(sheet: SheetLadder) -> None:
    grid = sheet.grid
    seen: dict[str, CellText] = {}
    for level in sheet.levels:
        key = bare(level.title.text).casefold()
        first = seen.setdefault(key, level.title)
        if first is not level.title:
            raise grid.error(
                level.title.row,
                level.title.column,
                f"duplicate level name {bare(level.title.text)!r}: "
                f"{cell_name(first.row, first.column)} names it too; "
                "each level needs a name of its own",
            )
    if not sheet.competencies and sheet.metadata is None:  # an exported ladder may have none
        raise grid.error(
            sheet.header_row + 1,
            grid.columns[0],
            f"no competencies below the header row {sheet.header_row}",
        )
