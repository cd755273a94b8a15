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
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pmframework.errors import LadderError, Location, UsageError
from pmframework.loader import MAX_FILE_BYTES, decode

SHEET_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
MAX_ROWS = 10_000  # a ladder sheet has a few dozen
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # what an .xlsx may inflate to


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
    if grid.rows > MAX_ROWS:
        raise grid.error(
            grid.rows, grid.columns[0], f"more than {MAX_ROWS:,} rows; is this a ladder?"
        )
    return grid


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
    rows = _parse_csv(path, text, ",")
    if all(len(row) <= 1 for row in rows) and ";" in text:
        rows = _parse_csv(path, text, ";")  # the CSV of Excel in many European locales
    cells = {
        (r, c): normalize_breaks(restore_formula(value))
        for r, row in enumerate(rows, start=1)
        for c, value in enumerate(row, start=1)
        if value.strip()
    }
    # Excel names the one sheet of a CSV file after the file; so do cell references here.
    return Grid(path, Path(path).stem, cells)


def _parse_csv(path: str, text: str, delimiter: str) -> list[list[str]]:
    # Rows may be ragged (spreadsheets drop trailing empty cells): missing cells are empty.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as error:
        raise LadderError(
            Location(path, reader.line_num, 1), f"cannot read as CSV: {error}"
        ) from None


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


def _xlsx_grid(path: str, data: bytes, sheet: str | None) -> Grid:
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook(path, data)
    workbook = _open_workbook(path, data)
    names = tuple(workbook.sheetnames)
    chosen = names[0] if sheet is None else sheet
    if chosen not in names:
        listed = ", ".join(repr(n) for n in names)
        raise LadderError(Location(path), f"no sheet {chosen!r}; the sheets are: {listed}")
    worksheet = workbook[chosen]
    if not hasattr(worksheet, "merged_cells"):
        raise LadderError(Location(path), f"sheet {chosen!r} is a chart, not a sheet of cells")
    merged = tuple(
        (r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges
    )
    where = Grid(path, chosen, {}, names)  # for errors while reading cells
    cells = {}
    # Only the cells the file holds: iterating the sheet's range would create every empty one.
    for (row, column), cell in sorted(worksheet._cells.items()):
        text = _cell_text(where, row, column, cell)
        if text.strip():
            cells[row, column] = text
    return Grid(path, chosen, cells, names, merged)


def _open_workbook(path: str, data: bytes) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_a_workbook(path, data) from None
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise LadderError(Location(path), f"inflates to {inflated:,} bytes; is this a zip bomb?")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, conditional
            # formatting, ...); none of them carries ladder text.
            warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,  # a zip without the parts of a workbook
        ValueError,
        TypeError,
        SyntaxError,  # xml.etree.ElementTree.ParseError: a part that is not XML
        EOFError,
        OSError,
    ) as error:
        reason = str(error).strip("\"'") or type(error).__name__
        raise LadderError(
            Location(path), f"not a readable Excel workbook (.xlsx): {reason}"
        ) from None


def _cell_text(grid: Grid, row: int, column: int, cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    # A formula: its text starts with '=' (data type f), or it is an array or table formula.
    # Text that merely starts with '=' is stored as a string (data type s) and is kept.
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        formula = value if isinstance(value, str) else getattr(value, "text", None) or "="
        raise grid.error(
            row,
            column,
            f"holds a formula ({_snippet(str(formula))}); pmframework imports text, not "
            "formulas: copy the sheet and paste values only",
        )
    if cell.data_type == "e":
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
