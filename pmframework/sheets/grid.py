"""Spreadsheet files as grids of text: CSV files, and the sheets of XLSX workbooks.

This module knows files and cells, not ladders (pmframework.import_sheet reads a ladder out of
a grid). Every problem is a LadderError at the file, row and column, with the sheet's name and
the cell as a person would find it in Excel ("sheet 'Ladder', cell D7").
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pmframework.errors import LadderError, Location, UsageError
from pmframework.load.document import MAX_FILE_BYTES, MAX_TEXT_CHARS, decode

SHEET_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
# Limits, each far above any ladder and low enough that a hostile sheet is refused within
# seconds and a few hundred MiB; each is checked while cells are read, never after.
MAX_ROWS = 10_000  # rows with text: a ladder sheet has a few dozen
MAX_COLUMNS = 1_000  # columns with text: a ladder has a few dozen levels or competencies
MAX_CELLS = 100_000  # cells read, empty ones too: what reading a sheet costs
MAX_TEXT_CELLS = 5_000  # cells with text: each becomes part of the ladder that is checked
MAX_SHEET_CHARS = 2_000_000  # characters in all cells: a long ladder has a few hundred thousand
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


def quote_sheet(name: str) -> str:
    """A sheet name as it stands in a cell reference: ``Ladder``, ``'Eng ladder'``."""
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) and not re.fullmatch(
        r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*", name
    )
    return name if plain else "'" + name.replace("'", "''") + "'"


def normalize_breaks(text: str) -> str:
    """Line breaks as ``\\n``, whichever program wrote the file."""
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
        return [c for c in self.columns if (row, c) in self.cells]

    def ref(self, row: int, column: int) -> str:
        """``Ladder!D7``: the cell as Excel writes a reference to it."""
        return f"{quote_sheet(self.sheet)}!{cell_name(row, column)}"

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
    kind = SHEET_SUFFIXES.get(Path(path).suffix.casefold())
    if kind is None:
        suffix = Path(path).suffix or "a file without extension"
        extra = "; save it as .xlsx" if suffix.casefold() == ".xls" else ""
        raise UsageError(f"{path}: cannot import {suffix}: use a .csv or .xlsx file{extra}")
    data = _read_bytes(path)
    if kind == "csv":
        if sheet is not None:
            raise UsageError(f"{path}: --sheet is for .xlsx workbooks; a CSV file has one sheet")
        grid = _csv_grid(path, data)
    else:
        grid = _xlsx_grid(path, data, sheet)
    return grid


@dataclass
class _Limits:
    """The sheet limits, checked cell by cell as a sheet is read."""

    where: Grid
    read: int = 0
    filled: int = 0
    chars: int = 0

    def keep(self, row: int, column: int, text: str) -> bool:
        """Whether a cell holds text; an error as soon as a limit is passed."""
        self.read += 1
        if self.read > MAX_CELLS:
            raise self.where.error(row, column, f"more than {MAX_CELLS:,} cells; is this a ladder?")
        if not text.strip():
            return False
        self.filled += 1
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
    limits = _Limits(where)
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


# --- XLSX ------------------------------------------------------------------------------------

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old-style .xls workbook (or another legacy Office file); "
    "save it as .xlsx",
}


def _not_a_workbook(path: str, data: bytes) -> LadderError:
    kind = next((name for magic, name in _MAGIC.items() if data.startswith(magic)), None)
    if kind is None:
        try:
            data[:4096].decode("utf-8")
            kind = "a text file"
        except UnicodeDecodeError:
            kind = "some other kind of file"
    return LadderError(Location(path), f"not an Excel workbook (.xlsx): the file is {kind}")


@dataclass
class _Workbook:
    """What a workbook holds besides its sheets' cells, read without reading any sheet."""

    archive: zipfile.ZipFile
    parts: dict[str, tuple[str, bool]]  # sheet name -> (part in the archive, is a chart)
    shared_strings: list[Any]
    epoch: Any
    date_formats: set[int]
    timedelta_formats: set[int]


def _xlsx_grid(path: str, data: bytes, sheet: str | None) -> Grid:
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook(path, data)
    workbook = _open_workbook(path, data)
    with workbook.archive:
        names = tuple(workbook.parts)
        chosen = names[0] if sheet is None and names else sheet or ""
        if chosen not in names:
            listed = ", ".join(repr(n) for n in names)
            raise LadderError(Location(path), f"no sheet {chosen!r}; the sheets are: {listed}")
        part, chart = workbook.parts[chosen]
        if chart:
            raise LadderError(Location(path), f"sheet {chosen!r} is a chart, not a sheet of cells")
        where = Grid(path, chosen, {}, names)  # for errors while reading cells
        _check_dimension(where, workbook.archive, part)
        cells, merged = _sheet_cells(where, workbook, part)
    return Grid(path, chosen, cells, names, merged)


def _check_dimension(where: Grid, archive: zipfile.ZipFile, part: str) -> None:
    """Refuse a sheet whose declared extent (the ``dimension`` that Excel writes before the
    cells) is past the limits, before a cell is read."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG

    extent = None
    try:
        with archive.open(part) as source:
            # The dimension comes second, after the sheet's properties (a few elements).
            for count, (_, element) in enumerate(iterparse(source, events=("start",))):
                if element.tag == DIMENSION_TAG:
                    extent = element.get("ref")
                if element.tag in (DIMENSION_TAG, DATA_TAG) or count > 20:
                    break
        if not extent:
            return
        _, _, columns, rows = range_boundaries(extent)
    except _UNREADABLE as error:
        raise _unreadable(where.file, error) from None
    for count, limit, what in ((rows, MAX_ROWS, "rows"), (columns, MAX_COLUMNS, "columns")):
        if count is not None and count > limit:
            raise LadderError(
                Location(where.file),
                f"sheet {where.sheet!r} declares that its cells span {extent}: more than "
                f"{limit:,} {what}; is this a ladder? (delete the {what} past the ladder)",
            )


def _sheet_cells(
    where: Grid, workbook: _Workbook, part: str
) -> tuple[dict[tuple[int, int], str], tuple[tuple[int, int, int, int], ...]]:
    """The filled cells and merged ranges of a sheet, read element by element (openpyxl reads
    each cell), so that a sheet past the limits is refused when it passes them."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser

    merge_tag = CELL_TAG.removesuffix("c") + "mergeCell"
    limits = _Limits(where)
    cells: dict[tuple[int, int], str] = {}
    merged: list[tuple[int, int, int, int]] = []
    elements = 0
    try:
        with workbook.archive.open(part) as source, _quiet_openpyxl():
            parser = WorkSheetParser(
                source,
                workbook.shared_strings,
                epoch=workbook.epoch,
                date_formats=workbook.date_formats,
                timedelta_formats=workbook.timedelta_formats,
            )
            open_elements: list[Any] = []  # from the root to the element being read
            cell_depth = 0  # how deep the cell being read is; 0 outside cells
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    # Every element costs time, whether or not it holds a cell.
                    elements += 1
                    if elements > MAX_XML_ELEMENTS:
                        raise LadderError(
                            Location(where.file),
                            f"sheet {where.sheet!r} is more than {MAX_XML_ELEMENTS:,} XML "
                            "elements; is this a ladder?",
                        )
                    open_elements.append(element)
                    if element.tag == ROW_TAG:
                        number = element.get("r")
                        parser.row_counter = int(number) if number else parser.row_counter + 1
                        parser.col_counter = 0
                    elif element.tag == CELL_TAG:
                        cell_depth = len(open_elements)
                    continue
                open_elements.pop()
                if cell_depth and len(open_elements) >= cell_depth:
                    continue  # part of a cell, read with it
                if element.tag == CELL_TAG:
                    cell_depth = 0
                    cell = parser.parse_cell(element)
                    row, column = cell["row"], cell["column"]
                    text = _cell_text(where, row, column, cell["value"], cell["data_type"])
                    if limits.keep(row, column, text):
                        cells[row, column] = text
                elif element.tag == merge_tag:
                    first_col, first_row, last_col, last_row = range_boundaries(element.get("ref"))
                    merged.append((first_row, first_col, last_row, last_col))
                if elements % 1_000 == 0:
                    # The parser builds a tree; cut it off above the cell being read (each
                    # event holds its own element), so that it never grows.
                    for ancestor in open_elements[: cell_depth - 1 if cell_depth else None]:
                        del ancestor[:]
    except _UNREADABLE as error:
        raise _unreadable(where.file, error) from None
    return cells, tuple(merged)


# What openpyxl and the XML parser raise for a workbook that is broken inside.
_UNREADABLE = (
    zipfile.BadZipFile,
    KeyError,  # a zip without the parts of a workbook
    IndexError,  # a shared string that is not there
    ValueError,
    TypeError,
    SyntaxError,  # xml.etree.ElementTree.ParseError: a part that is not XML
    EOFError,
    OSError,
)


def _unreadable(path: str, error: BaseException) -> LadderError:
    reason = str(error).strip("\"'") or type(error).__name__
    return LadderError(Location(path), f"not a readable Excel workbook (.xlsx): {reason}")


@contextmanager
def _quiet_openpyxl() -> Iterator[None]:
    """openpyxl warns about workbook features it drops (data validation, conditional
    formatting, ...) and dates it cannot read; none of them carries ladder text."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        yield


def _open_workbook(path: str, data: bytes) -> _Workbook:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes the archive declares; zipfile reads no member past its declared size.
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_a_workbook(path, data) from None
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise LadderError(Location(path), f"inflates to {inflated:,} bytes; is this a zip bomb?")
    try:
        with _quiet_openpyxl():
            # openpyxl's reading of a workbook, but for its sheets: load_workbook would read
            # every sheet (even read-only, one without a declared dimension is read whole).
            reader = ExcelReader(io.BytesIO(data), read_only=True, keep_links=False)
            reader.read_manifest()
            reader.shared_strings = _shared_strings(path, reader)
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            parts = {
                sheet.name: (rel.target, "chartsheet" in rel.Type)
                for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files
            }
    except (InvalidFileException, *_UNREADABLE) as error:
        raise _unreadable(path, error) from None
    wb = reader.wb
    return _Workbook(
        reader.archive,
        parts,
        reader.shared_strings,
        wb.epoch,
        wb._date_formats,
        wb._timedelta_formats,
    )


def _shared_strings(path: str, reader: Any) -> list[str]:
    """The workbook's shared strings (the text of its cells), as openpyxl reads them, but
    refused past the limits as they are read: the table serves every sheet of the workbook."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    string_tag = f"{{{SHEET_MAIN_NS}}}si"
    strings: list[str] = []
    with reader.archive.open(part.PartName[1:]) as source:
        for count, (_, element) in enumerate(iterparse(source), start=1):
            if count > MAX_XML_ELEMENTS or len(strings) >= MAX_CELLS:
                raise LadderError(
                    Location(path),
                    f"the workbook's table of texts is more than {MAX_CELLS:,} texts or "
                    f"{MAX_XML_ELEMENTS:,} XML elements; is this a ladder?",
                )
            if element.tag == string_tag:
                strings.append(Text.from_tree(element).content.replace("x005F_", ""))
                element.clear()
    return strings


def _cell_text(grid: Grid, row: int, column: int, value: Any, data_type: str) -> str:
    if value is None:
        return ""
    # A formula: its text starts with '=' (data type f), or it is an array or table formula.
    # Text that merely starts with '=' is stored as a string (data type s) and is kept.
    if data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        formula = value if isinstance(value, str) else getattr(value, "text", None) or "="
        raise grid.error(
            row,
            column,
            f"holds a formula ({_snippet(str(formula))}); pmframework imports text, not "
            "formulas: copy the sheet and paste values only",
        )
    if data_type == "e":
        raise grid.error(row, column, f"holds the error value {value}; put text in it")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # dates and times
        text: str = value.isoformat()
        return text.removesuffix("T00:00:00")
    return normalize_breaks(str(value))


def _snippet(text: str, limit: int = 40) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
