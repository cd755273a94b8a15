"""Spreadsheet files as grids of text: CSV files, and the sheets of XLSX workbooks.

This module knows files and cells, not ladders (pmframework.sheets.layouts reads a ladder out
of a grid); it reads CSV itself, and workbooks through pmframework.sheets.xlsx. Every problem is
a LadderError at the file, row and column, with the sheet's name and the cell as a person would
find it in Excel ("sheet 'Ladder', cell D7").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pmframework.errors import LadderError, Location, UsageError
from pmframework.load.document import MAX_FILE_BYTES, MAX_TEXT_CHARS, decode

SHEET_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
# Limits that fit the largest real ladders (5,000 competencies written at 10 levels, with an
# area and a description each: 65,000 cells with text, about 6 million characters) and bound
# what a sheet costs: its import takes time and memory in proportion to its cells and
# characters, about 30 microseconds and 3 KiB a cell with text (2 s and 180 MiB for the
# largest sheet within them). Each is checked while cells are read, never after.
MAX_ROWS = 10_000  # rows with text: a ladder sheet has a few dozen to a few thousand
MAX_COLUMNS = 1_000  # columns with text: a ladder has a few dozen levels or competencies
MAX_CELLS = 150_000  # cells read, empty ones too: what reading a sheet costs
# Cells with text: each becomes part of the ladder that is checked. 5,000 competencies with an
# area, a description and 10 levels, and a header, is 65,013.
MAX_TEXT_CELLS = 66_000
# Characters in all cells: 5,000 x 10 levels of about 130 characters is 6.5 million.
MAX_SHEET_CHARS = 7_000_000
MAX_XML_ELEMENTS = 500_000  # in a sheet of an .xlsx: a cell is two or three
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # what an .xlsx may inflate to


def column_letters(column: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB``: the column as a spreadsheet names it."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """``(7, 4)`` → ``D7``."""
    return f"{column_letters(column)}{row}"


_CELL_NAME = re.compile(r"([A-Z]+)([0-9]+)")


def cell_position(name: str) -> tuple[int, int] | None:
    """``D7`` → ``(7, 4)``, the inverse of ``cell_name``; None for what is not a cell name."""
    found = _CELL_NAME.fullmatch(name)
    if found is None:
        return None
    letters, row = found.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return (int(row), column)


def quote_sheet(name: str) -> str:
    """A sheet name as it stands in a cell reference: ``Ladder``, ``'Eng ladder'``."""
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) and not re.fullmatch(
        r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*", name
    )
    return name if plain else "'" + name.replace("'", "''") + "'"


def normalize_breaks(text: str) -> str:
    """Line breaks as ``\\n``, whichever program wrote the file."""
    if "\r" not in text:  # most texts: nothing to replace, and no copy made
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Grid:
    """The text of one sheet, cell by cell, and where it came from. Rows and columns count from 1.

    Only filled cells are kept: a sheet with one stray cell far to the right costs nothing.
    """

    file: str
    sheet: str
    cells: dict[tuple[int, int], str]
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, for hints
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (first row, first col, last row, last col)

    @cached_property
    def rows(self) -> int:
        """The last row that holds any text."""
        return max((row for row, _ in self.cells), default=0)

    @cached_property
    def columns(self) -> list[int]:
        """The columns that hold any text, left to right."""
        return sorted({column for _, column in self.cells})

    def text(self, row: int, column: int) -> str:
        return self.cells.get((row, column), "")

    def filled(self, row: int) -> list[int]:
        """The columns of ``row`` that hold text."""
        return list(self._filled.get(row, ()))

    @cached_property
    def _filled(self) -> dict[int, list[int]]:
        # Each row's columns, found once: finding the header asks for every row, and an
        # exported sheet's row of metadata makes hundreds of columns.
        rows: dict[int, list[int]] = {}
        for row, column in sorted(self.cells):
            rows.setdefault(row, []).append(column)
        return rows

    @cached_property
    def _quoted_sheet(self) -> str:
        return quote_sheet(self.sheet)  # once: a large sheet has tens of thousands of refs

    def ref(self, row: int, column: int) -> str:
        """``Ladder!D7``: the cell as Excel writes a reference to it."""
        column_ref = self._column_refs.get(column)
        if column_ref is None:
            column_ref = self._column_refs[column] = (
                f"{self._quoted_sheet}!{column_letters(column)}"
            )
        return f"{column_ref}{row}"

    @cached_property
    def _column_refs(self) -> dict[int, str]:
        # ``Ladder!D`` for each column, made once: a large sheet has tens of thousands of refs
        # in a few dozen columns.
        return {}

    def error(self, row: int, column: int, message: str) -> LadderError:
        """An error at a cell: ``file:7:4: sheet 'Ladder', cell D7: message``."""
        where = f"sheet {self.sheet!r}, cell {cell_name(row, column)}"
        return LadderError(Location(self.file, row, column), f"{where}: {message}{self._hint()}")

    def _hint(self) -> str:
        others = [s for s in self.sheets if s != self.sheet]
        if not others:
            return ""
        return f" (other sheets: {', '.join(repr(s) for s in others)}; choose one with --sheet)"


def read_grid(path: str, sheet: str | None = None) -> Grid:
    """The cells of a CSV file, or of one sheet of an XLSX workbook (the first by default)."""
    return read_grids(path, None if sheet is None else [sheet], first_only=True)[0]


def read_grids(
    path: str, sheets: Sequence[str] | None = None, *, first_only: bool = False
) -> list[Grid]:
    """The cells of a CSV file, or of the sheets of an XLSX workbook: those named, or every
    sheet of cells (the first only with ``first_only``)."""
    kind = SHEET_SUFFIXES.get(Path(path).suffix.casefold())
    if kind is None:
        suffix = Path(path).suffix or "a file without extension"
        extra = "; save it as .xlsx" if suffix.casefold() == ".xls" else ""
        raise UsageError(f"{path}: cannot import {suffix}: use a .csv or .xlsx file{extra}")
    data = _read_bytes(path)
    if kind == "csv":
        if sheets:
            raise UsageError(f"{path}: --sheet is for .xlsx workbooks; a CSV file has one sheet")
        return [_csv_grid(path, data)]
    from pmframework.sheets.xlsx import xlsx_grids  # openpyxl, only for workbooks

    return xlsx_grids(path, data, sheets, first_only=first_only)


# The first cell of the metadata row that export writes above a sheet's header (see
# pmframework.sheets.metadata): the rest of that row is the ladder as JSON.
METADATA_MARK = "pmframework ladder"


@dataclass
class SheetLimits:
    """The sheet limits, checked cell by cell as a sheet is read.

    The metadata row of an exported sheet holds the whole ladder, so its characters are not
    counted with the cells' but against the size of a ladder file (MAX_FILE_BYTES): a sheet
    exported from any ladder that validates imports back.
    """

    where: Grid
    read: int = 0
    filled: int = 0
    chars: int = 0
    metadata_chars: int | None = None  # None: this sheet has no metadata row

    def keep(self, row: int, column: int, text: str) -> bool:
        """Whether a cell holds text; an error as soon as a limit is passed."""
        self.read += 1
        if self.read > MAX_CELLS:
            raise self.where.error(row, column, f"more than {MAX_CELLS:,} cells; is this a ladder?")
        if not text.strip():
            return False
        if row == 1 and column == 1 and text.strip() == METADATA_MARK:
            self.metadata_chars = 0
        if row == 1 and self.metadata_chars is not None:
            self.metadata_chars += len(text)
            if self.metadata_chars > MAX_FILE_BYTES or column > MAX_COLUMNS:
                raise self.where.error(
                    row, column, "the row of pmframework metadata is larger than a ladder may be"
                )
            return True
        self.filled += 1
        # One test for the three limits (most cells pass them all), then which one it was.
        if row > MAX_ROWS or column > MAX_COLUMNS or self.filled > MAX_TEXT_CELLS:
            for count, limit, what in (
                (row, MAX_ROWS, "rows"),
                (column, MAX_COLUMNS, "columns"),
                (self.filled, MAX_TEXT_CELLS, "cells with text"),
            ):
                if count > limit:
                    raise self.where.error(
                        row, column, f"more than {limit:,} {what}; is this a ladder?"
                    )
        if len(text) > MAX_TEXT_CHARS:
            raise self.where.error(
                row,
                column,
                f"more than {MAX_TEXT_CHARS:,} characters ({len(text):,}); "
                "a ladder's statement is a paragraph or a few",
            )
        self.chars += len(text)
        if self.chars > MAX_SHEET_CHARS:
            raise self.where.error(
                row,
                column,
                f"more than {MAX_SHEET_CHARS:,} characters of text up to here; is this a ladder?",
            )
        return True


def _read_bytes(path: str) -> bytes:
    try:
        if Path(path).is_dir():
            raise LadderError(Location(path), "is a directory, not a spreadsheet")
        with Path(path).open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise LadderError(Location(path), "no such file") from None
    except OSError as error:
        raise LadderError(Location(path), f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise LadderError(Location(path), f"larger than {limit} MiB; is this a ladder?")
    return data


# --- CSV -------------------------------------------------------------------------------------

# A cell that starts with one of =+-@, a tab or a carriage return is a formula to Excel and
# LibreOffice ("=HYPERLINK(...)", "+cmd|' /C calc'!A0"): export puts a ' before it, which
# spreadsheets show as text, and import takes it off again. A text that already starts with
# ' followed by such a character gets one more ', so that import gives back exactly the text.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def neutralize_formula(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: ``=1+1`` → ``'=1+1``."""
    return "'" + text if _FORMULA_START.match(text) else text


def restore_formula(text: str) -> str:
    """The text ``neutralize_formula`` was given: ``'=1+1`` → ``=1+1``."""
    return text[1:] if text.startswith("'") and _FORMULA_START.match(text, 1) else text


def _csv_grid(path: str, data: bytes) -> Grid:
    text = decode(path, data, save_as="the sheet as 'CSV UTF-8'")
    # Excel names the one sheet of a CSV file after the file; so do cell references here.
    where = Grid(path, Path(path).stem, {})
    cells, widest = _csv_cells(where, text, ",")
    if widest <= 1 and ";" in text:
        where = Grid(path, Path(path).stem, {})
        cells, _ = _csv_cells(where, text, ";")  # the CSV of Excel in many European locales
    return Grid(path, where.sheet, cells)


def _csv_cells(where: Grid, text: str, delimiter: str) -> tuple[dict[tuple[int, int], str], int]:
    """The filled cells of a CSV text, and its widest row; read a row at a time, so that a file
    past the limits is refused when it passes them. Rows may be ragged (spreadsheets drop
    trailing empty cells): missing cells are empty."""
    limits = SheetLimits(where)
    lines = _bounded_lines(where.file, text, delimiter)
    # strict: a quote left open is an error, not a cell that swallows the rest of the file.
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    cells: dict[tuple[int, int], str] = {}
    widest, row, first_line = 0, 1, 1
    try:
        for fields in reader:
            widest = max(widest, len(fields))
            for column, value in enumerate(fields, start=1):
                if limits.keep(row, column, value):
                    cells[row, column] = normalize_breaks(restore_formula(value))
            row, first_line = row + 1, reader.line_num + 1
    except csv.Error as error:
        raise _csv_error(where, text, row, first_line, delimiter, str(error)) from None
    return cells, widest


def _bounded_lines(path: str, text: str, delimiter: str) -> Iterator[str]:
    """The lines of ``text``; a line that is certainly more cells than a sheet may hold is an
    error before the CSV reader makes a list of them all."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(delimiter) >= MAX_CELLS and '"' not in line:
            raise LadderError(
                Location(path, number, 1), f"more than {MAX_CELLS:,} cells; is this a ladder?"
            )
        yield line


# One field, as a spreadsheet writes it: quoted (quotes inside doubled) or not.
_QUOTED_FIELD = re.compile(r'"[^"]*(?:""[^"]*)*"')


def _csv_error(
    where: Grid, text: str, row: int, first_line: int, delimiter: str, reason: str
) -> LadderError:
    """The error for record ``row`` (from line ``first_line``) that the CSV reader refused: at
    the quote that opened its bad field, or at its over-long cell."""
    stream = io.StringIO(text, newline="")
    position = sum(len(next(stream)) for _ in range(first_line - 1))
    column = 0
    while position < len(text):
        column += 1
        start = position
        if text[position] == '"':
            closed = _QUOTED_FIELD.match(text, position)
            if closed is None or (
                closed.end() < len(text) and text[closed.end()] not in f"{delimiter}\r\n"
            ):
                return _open_quote(where.file, text, start, reason)
            position = closed.end()
        ends = [text.find(c, position) for c in (delimiter, "\r", "\n")]
        position = min((e for e in ends if e >= 0), default=len(text))
        if position - start > MAX_TEXT_CHARS:
            return where.error(row, column, f"more than {MAX_TEXT_CHARS:,} characters")
        if position < len(text) and text[position] != delimiter:
            break  # the end of the record
        position += 1
    return LadderError(Location(where.file, first_line, 1), f"cannot read as CSV: {reason}")


def _open_quote(path: str, text: str, opened: int, reason: str) -> LadderError:
    before = text[:opened]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    column = opened - max(before.rfind("\n"), before.rfind("\r"))
    problem = (
        "is never closed"
        if reason.startswith("unexpected end of data")
        else "is closed before the end of its cell"
    )
    return LadderError(
        Location(path, line, column),
        f"the quote that opens this cell {problem}, so the cell would run on into the next "
        'ones; close it (a quote inside a quoted cell is written twice: "")',
    )
