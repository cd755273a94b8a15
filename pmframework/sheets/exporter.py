"""``pmframework export``: a ladder as a spreadsheet (CSV or XLSX) for people who live in one.

The sheet has the rows layout that ``pmframework import`` reads: columns Area, Competency,
Description, then one column per level of the track, lowest first; one row per competency that
applies to the track, and a last row of the anti-patterns of whole levels where there are some.
A cell holds, one paragraph each, the level's proficiency (``Proficiency: STEP``), its criteria,
its examples (``Example: ...``) and its anti-patterns (``Anti-pattern: ...``).

By default a cell holds what the level writes itself (its expectations *as written*), and a
row of metadata above the header holds the whole ladder (pmframework.sheets.metadata), so that
export and import round-trip to the same ladder. ``resolved=True`` gives the reader's view
instead: each cell holds everything the level expects after inheritance, inherited paragraphs
marked ``(from <level title>)``; such a sheet is for reading, not for importing back.

XLSX: one sheet per track. CSV: one file per track; with several tracks the files are named
``STEM-TRACK.csv`` beside the given path.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmframework.check.engine import load_checked
from pmframework.errors import LadderError, Location, UsageError
from pmframework.files import STDOUT, write_output
from pmframework.model.ladder import Competency, Ladder, Level, Statement, Track
from pmframework.model.resolve import Sourced, resolve_expectations
from pmframework.sheets import EXPORT_FORMATS as FORMATS
from pmframework.sheets.cells import cell_text
from pmframework.sheets.grid import column_letters, neutralize_formula
from pmframework.sheets.metadata import metadata_cells
from pmframework.sheets.xlsx_writer import HEADER, PLAIN, WRAPPED, Sheet, workbook_bytes

FIXED_COLUMNS = ("Area", "Competency", "Description")
ANTI_PATTERNS_AREA = "Anti-patterns"  # the area of the row of levels' own anti-patterns
# (smallest, largest) width of each kind of column, in characters.
_WIDTHS = {"Area": (16, 28), "Competency": (18, 32), "Description": (30, 50), "level": (30, 50)}
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Table:
    """One track as a sheet: its name, the header and the rows of text, and above them the
    row of metadata that lets import give the ladder back whole (none in a sheet for reading)."""

    track: Track
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    metadata: tuple[str, ...] = ()

    @property
    def header_row(self) -> int:
        """The header's row in the sheet: below the hidden metadata row, when there is one."""
        return 2 if self.metadata else 1

    def sheet_rows(self) -> list[tuple[str, ...]]:
        """Every row of the sheet, from its first: the metadata row, if any, then the header
        and the rows."""
        return [*([self.metadata] if self.metadata else []), self.header, *self.rows]


def track_table(ladder: Ladder, track: Track, *, resolved: bool = False, data: Any = None) -> Table:
    """The rows layout of one track: a row per competency that applies to it, then a row of
    the anti-patterns of whole levels where a level has some; with ``data`` (the ladder as
    checked), the row of metadata above the header."""
    header = (*FIXED_COLUMNS, *(level.title for level in track.levels))
    cell = _resolved_cells(ladder, track) if resolved else _written_cell
    rows = [
        (
            area_name,
            competency.name,
            competency.description.text if competency.description else "",
            *(cell(level, competency.id) for level in track.levels),
        )
        for area_name, competency in _competencies(ladder)
        if competency.applies_to(track.id)
    ]
    if any(_own(level.anti_patterns) for level in track.levels):
        anti_patterns = ("\n\n".join(_own(lv.anti_patterns)) for lv in track.levels)
        rows.append((ANTI_PATTERNS_AREA, "", "", *anti_patterns))
    metadata = () if data is None or resolved else metadata_cells(data, track.id)
    return Table(track, header, tuple(rows), metadata)


def _competencies(ladder: Ladder) -> list[tuple[str, Competency]]:
    """(area name, competency) in the ladder's order; a competency in no area has none."""
    return [
        *((area.name, competency) for area in ladder.areas for competency in area.competencies),
        *(("", competency) for competency in ladder.ungrouped),
    ]


def _written_cell(level: Level, competency_id: str) -> str:
    """What the level itself writes for the competency: its proficiency, criteria, examples
    and anti-patterns."""
    expectation = level.expectations.get(competency_id)
    if expectation is None:
        return ""
    return cell_text(
        _own(expectation.criteria),
        _own(expectation.examples),
        _own(expectation.anti_patterns),
        expectation.proficiency,
    )


def _own(statements: Sequence[Statement]) -> list[str]:
    """The texts a level writes itself: a statement written once under ``shared`` for several
    levels (schema version 2) stays there, in the metadata, and is not copied into cells."""
    return [s.text for s in statements if s.path[:1] != ("shared",)]


def _resolved_cells(ladder: Ladder, track: Track) -> Callable[[Level, str], str]:
    """What each level expects after inheritance, inherited paragraphs marked with their level."""
    resolved = {level.id: resolve_expectations(ladder, level) for level in track.levels}

    def marked(item: Sourced) -> str:
        if not item.inherited:
            return item.statement.text
        origin = ladder.level(item.level)
        return f"(from {origin.title if origin else item.level}) {item.statement.text}"

    def cell(level: Level, competency_id: str) -> str:
        expectation = resolved[level.id].get(competency_id)
        if expectation is None:
            return ""
        return cell_text(
            [marked(s) for s in expectation.criteria], [marked(s) for s in expectation.examples]
        )

    return cell


# --- CSV -------------------------------------------------------------------------------------


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte order mark, so that Excel reads it as UTF-8; a text
    that a spreadsheet would run as a formula starts with ``'`` (see ``neutralize_formula``)."""
    stream = io.StringIO(newline="")
    rows = table.sheet_rows()
    if table.metadata:
        # Megabytes of JSON in one row, which the CSV writer takes character by character:
        # quoted here as it quotes, with one replace per cell.
        stream.write(",".join(_csv_field(neutralize_formula(t)) for t in rows[0]))
        stream.write("\r\n")
        rows = rows[1:]
    writer = csv.writer(stream, lineterminator="\r\n")
    for row in rows:
        writer.writerow(neutralize_formula(text) for text in row)
    return stream.getvalue().encode("utf-8-sig")


_CSV_QUOTED = re.compile(r'[,"\r\n]')


def _csv_field(text: str) -> str:
    """A cell as the CSV writer writes it: in quotes, its quotes doubled, when it holds a
    comma, a quote or a line break."""
    return '"' + text.replace('"', '""') + '"' if _CSV_QUOTED.search(text) else text


# --- XLSX ------------------------------------------------------------------------------------


def sheet_names(tracks: Sequence[Track]) -> list[str]:
    """Sheet names from track names, as Excel allows them: 31 characters, no []:*?/\\, unique."""
    names: list[str] = []
    for track in tracks:
        base = _SHEET_NAME_FORBIDDEN.sub("-", track.name).strip("'").strip() or track.id
        name, number = base[:31], 1
        while name.casefold() in (n.casefold() for n in names):
            number += 1
            suffix = f" ({number})"
            name = base[: 31 - len(suffix)] + suffix
        names.append(name)
    return names


def xlsx_bytes(ladder: Ladder, tables: Sequence[Table], name: str = "ladder") -> bytes:
    """A workbook with one sheet per table: bold, frozen header; wrapped text; readable widths.

    ``name`` is the ladder's file, for messages.
    """
    names = sheet_names([t.track for t in tables])
    for table, sheet_name in zip(tables, names, strict=True):
        _check_texts(sheet_name, table)
    sheets = [_sheet(table, sheet_name) for table, sheet_name in zip(tables, names, strict=True)]
    return workbook_bytes(sheets, title=ladder.framework.title, creator="pmframework")


def _sheet(table: Table, name: str) -> Sheet:
    """A table as a sheet: the hidden metadata row, if any, then the header, frozen with the
    area and competency columns, filtered and printed on every page; the rows wrapped."""
    top = table.header_row
    rows = table.sheet_rows()
    styles = [*([PLAIN] if table.metadata else []), HEADER, *([WRAPPED] * len(table.rows))]
    return Sheet(
        name,
        rows,
        styles,
        _widths(table),
        hidden=frozenset([1]) if table.metadata else frozenset(),
        frozen=f"C{top + 1}",
        filter_range=f"A{top}:{column_letters(len(table.header))}{len(table.rows) + top}",
        title_row=top,
    )


def _widths(table: Table) -> list[int]:
    widths = []
    for column_number, heading in enumerate(table.header, start=1):
        texts = [heading, *(row[column_number - 1] for row in table.rows)]
        kind = heading if column_number <= len(FIXED_COLUMNS) else "level"
        widths.append(_width(texts, *_WIDTHS[kind]))
    return widths


def _width(texts: Sequence[str], smallest: int, largest: int) -> int:
    """Wide enough for the longest line of the column, within bounds; wrapping does the rest."""
    longest = max((len(line) for text in texts for line in text.splitlines()), default=0)
    return max(smallest, min(largest, longest + 2))


_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _check_texts(name: str, table: Table) -> None:
    """Refuse a table with a character that an .xlsx file cannot hold."""
    rows = (table.header, *table.rows)
    # One search over all the texts ("\n" is allowed), then the cell only when there is one.
    if not _ILLEGAL_IN_XLSX.search("\n".join(text for row in rows for text in row)):
        return
    for row_number, row in enumerate(rows, start=table.header_row):
        for column_number, text in enumerate(row, start=1):
            _check_text(name, table.track, text, row_number, column_number)


def _check_text(name: str, track: Track, text: str, row: int, column: int) -> None:
    bad = _ILLEGAL_IN_XLSX.search(text)
    if bad:
        raise LadderError(
            Location(name),
            f"track {track.id!r}, row {row}, column {column}: the text {text[:40]!r} holds the "
            f"control character U+{ord(bad.group()):04X}, which an .xlsx file cannot hold",
        )


# --- writing ---------------------------------------------------------------------------------


def format_of(output: str, chosen: str | None) -> str:
    """The format asked for, or the one the output's extension names."""
    if chosen is not None:
        if chosen not in FORMATS:
            raise UsageError(f"no export format {chosen!r}; formats are: {', '.join(FORMATS)}")
        return chosen
    suffix = Path(output).suffix.casefold().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError(
        f"{output}: cannot tell the format from the extension; "
        "name the file .csv or .xlsx, or pass --format csv or --format xlsx"
    )


def export_ladder(
    spec: str,
    output: str,
    output_format: str | None = None,
    *,
    resolved: bool = False,
    track: str | None = None,
) -> list[str]:
    """Export the ladder ``spec`` to ``output``; return the paths written."""
    chosen = format_of(output, output_format)
    checked = load_checked(spec)
    ladder = checked.ladder
    # The ladder as checked, for the row of metadata: composed already, so no longer extending.
    data = {key: value for key, value in checked.data.items() if key not in ("extends", "$schema")}
    tracks = list(ladder.tracks)
    if track is not None:
        tracks = [t for t in ladder.tracks if t.id == track]
        if not tracks:
            known = ", ".join(t.id for t in ladder.tracks)
            raise UsageError(f"{spec} has no track {track!r}; its tracks are: {known}")
    tables = [track_table(ladder, t, resolved=resolved, data=data) for t in tracks]
    if chosen == "xlsx":
        write_output(output, xlsx_bytes(ladder, tables, spec), inputs=[spec])
        return [output]
    if len(tables) == 1:
        write_output(output, csv_bytes(tables[0]), inputs=[spec])
        return [output]
    if output == STDOUT:
        known = ", ".join(t.track.id for t in tables)
        raise UsageError(
            f"{spec} has {len(tables)} tracks, a CSV file one: "
            f"choose one for standard output with --track ({known})"
        )
    target = Path(output)
    paths = [
        str(target.with_name(f"{target.stem}-{table.track.id}{target.suffix}")) for table in tables
    ]
    for path, table in zip(paths, tables, strict=True):
        write_output(path, csv_bytes(table), inputs=[spec])
    return paths
