"""``pmframework export``: a ladder as a spreadsheet (CSV or XLSX) for people who live in one.

The sheet has the rows layout that ``pmframework import`` reads: columns Area, Competency,
Description, then one column per level of the track, lowest first; one row per competency that
applies to the track. A cell holds the level's criteria, one paragraph each, then its examples as
paragraphs starting with ``Example:``.

By default a cell holds what the level writes itself (its expectations *as written*), so that
export and import round-trip. ``resolved=True`` gives the reader's view instead: each cell holds
everything the level expects after inheritance, inherited paragraphs marked
``(from <level title>)``; such a sheet is for reading, not for importing back.

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

from pmframework.check.engine import load_ladder
from pmframework.errors import LadderError, Location, UsageError
from pmframework.files import STDOUT, write_output
from pmframework.model.ladder import Ladder, Level, Track
from pmframework.model.resolve import Sourced, resolve_expectations
from pmframework.sheets import EXPORT_FORMATS as FORMATS
from pmframework.sheets.grid import neutralize_formula

FIXED_COLUMNS = ("Area", "Competency", "Description")
EXAMPLE_LABEL = "Example: "
# (smallest, largest) width of each kind of column, in characters.
_WIDTHS = {"Area": (16, 28), "Competency": (18, 32), "Description": (30, 50), "level": (30, 50)}
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Table:
    """One track as a sheet: its name, the header and the rows of text."""

    track: Track
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def track_table(ladder: Ladder, track: Track, *, resolved: bool = False) -> Table:
    """The rows layout of one track: a row per competency that applies to it."""
    header = (*FIXED_COLUMNS, *(level.title for level in track.levels))
    cell = _resolved_cells(ladder, track) if resolved else _written_cell
    rows = [
        (
            area.name,
            competency.name,
            competency.description.text if competency.description else "",
            *(cell(level, competency.id) for level in track.levels),
        )
        for area in ladder.areas
        for competency in area.competencies
        if competency.applies_to(track.id)
    ]
    return Table(track, header, tuple(rows))


def _join(criteria: Sequence[str], examples: Sequence[str]) -> str:
    return "\n\n".join([*criteria, *(EXAMPLE_LABEL + text for text in examples)])


def _written_cell(level: Level, competency_id: str) -> str:
    """What the level itself writes for the competency."""
    expectation = level.expectations.get(competency_id)
    if expectation is None:
        return ""
    return _join([s.text for s in expectation.criteria], [s.text for s in expectation.examples])


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
        return _join(
            [marked(s) for s in expectation.criteria], [marked(s) for s in expectation.examples]
        )

    return cell


# --- CSV -------------------------------------------------------------------------------------


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte order mark, so that Excel reads it as UTF-8; a text
    that a spreadsheet would run as a formula starts with ``'`` (see ``neutralize_formula``)."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    for row in (table.header, *table.rows):
        writer.writerow(neutralize_formula(text) for text in row)
    return stream.getvalue().encode("utf-8-sig")


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
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    # Write-only: each row goes straight to the file instead of into a grid of cells held until
    # saving, which is faster on a large ladder. So the sheet's settings come before its rows,
    # and every text is checked before any is written: a sheet left half-written cannot be
    # closed cleanly.
    workbook = openpyxl.Workbook(write_only=True)
    workbook.properties.title = ladder.framework.title
    workbook.properties.creator = "pmframework"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor="DDE3EA")
    names = sheet_names([t.track for t in tables])
    for table, name in zip(tables, names, strict=True):
        _check_texts(name, table)
    for table, name in zip(tables, names, strict=True):
        sheet = workbook.create_sheet(name)
        _set_up(sheet, table)
        for row_number, row in enumerate((table.header, *table.rows), start=1):
            cells = []
            for text in row:
                cell = WriteOnlyCell(sheet, text or None)
                if text.startswith("="):
                    cell.data_type = "s"  # text, not a formula
                cell.alignment = wrap
                if row_number == 1:
                    cell.font = bold
                    cell.fill = shade
                cells.append(cell)
            sheet.append(cells)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _set_up(sheet: Any, table: Table) -> None:
    """Frozen header and first columns, a filter, printing, and column widths."""
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "C2"  # the header row, and the area and competency columns
    last = get_column_letter(len(table.header))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    for column_number, heading in enumerate(table.header, start=1):
        texts = [heading, *(row[column_number - 1] for row in table.rows)]
        kind = heading if column_number <= len(FIXED_COLUMNS) else "level"
        width = _width(texts, *_WIDTHS[kind])
        sheet.column_dimensions[get_column_letter(column_number)].width = width


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
    for row_number, row in enumerate(rows, start=1):
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
    ladder = load_ladder(spec)
    tracks = list(ladder.tracks)
    if track is not None:
        tracks = [t for t in ladder.tracks if t.id == track]
        if not tracks:
            known = ", ".join(t.id for t in ladder.tracks)
            raise UsageError(f"{spec} has no track {track!r}; its tracks are: {known}")
    tables = [track_table(ladder, t, resolved=resolved) for t in tracks]
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
