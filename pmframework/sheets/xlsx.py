"""The sheets of XLSX workbooks as grids: read with openpyxl in read-only mode, within the
limits of pmframework.sheets.grid, checked before anything is inflated."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pmframework.errors import LadderError, Location
from pmframework.sheets.grid import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_XML_ELEMENTS,
    Grid,
    SheetLimits,
    normalize_breaks,
)
from pmframework.text import one_line

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


def xlsx_grids(
    path: str, data: bytes, sheets: Sequence[str] | None, *, first_only: bool = False
) -> list[Grid]:
    """The sheets of a workbook named in ``sheets`` (every sheet of cells when None), in the
    workbook's order; a workbook is opened once however many are read."""
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook(path, data)
    workbook = _open_workbook(path, data)
    grids = []
    with workbook.archive:
        names = tuple(workbook.parts)
        if sheets is None:
            chosen = [n for n in names if not workbook.parts[n][1]] or list(names[:1]) or [""]
            chosen = chosen[:1] if first_only else chosen
        else:
            chosen = list(sheets)
        for name in chosen:
            if name not in names:
                listed = ", ".join(repr(n) for n in names)
                raise LadderError(Location(path), f"no sheet {name!r}; the sheets are: {listed}")
            part, chart = workbook.parts[name]
            if chart:
                raise LadderError(
                    Location(path), f"sheet {name!r} is a chart, not a sheet of cells"
                )
            where = Grid(path, name, {}, names)  # for errors while reading cells
            _check_dimension(where, workbook.archive, part)
            cells, merged = _sheet_cells(where, workbook, part)
            grids.append(Grid(path, name, cells, names, merged))
    return grids


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
    limits = SheetLimits(where)
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
            reader = _CellReader(parser, workbook.shared_strings)
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
                    row, column, value, data_type = reader.read(element)
                    text = _cell_text(where, row, column, value, data_type)
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


class _CellReader:
    """(row, column, value, data type) of each cell element. A text cell that says where it
    stands (nearly all: Excel, LibreOffice and export write them so) is read here, in a third
    of the time openpyxl's parser takes; any other goes to that parser."""

    def __init__(self, parser: Any, shared_strings: list[Any]) -> None:
        # Imported once here, not per cell: an import statement costs a look-up each time.
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG

        self.parser, self.shared_strings = parser, shared_strings
        self.position = coordinate_to_tuple
        self.formula, self.inline, self.value = FORMULA_TAG, INLINE_STRING, VALUE_TAG

    def read(self, element: Any) -> tuple[int, int, Any, str]:
        kind, reference = element.get("t"), element.get("r")
        if reference and kind in ("s", "inlineStr") and element.find(self.formula) is None:
            row, column = self.position(reference)
            self.parser.col_counter = column  # for a next cell that does not say where it is
            if kind == "s":
                index = element.findtext(self.value)
                return row, column, self.shared_strings[int(index)] if index else None, "s"
            text = element.find(self.inline)
            return row, column, None if text is None else _text_of(text), "s"
        cell = self.parser.parse_cell(element)
        return cell["row"], cell["column"], cell["value"], cell["data_type"]


def _text_of(element: Any) -> str:
    """The text of a string element (a shared string's ``si``, an inline string's ``is``) as
    openpyxl reads it: its plain text, then its formatted runs' text; not phonetic guides."""
    plain, runs = "", []
    for child in element:
        if child.tag == _TEXT_TAG:
            plain = child.text or ""
        elif child.tag == _RUN_TAG:
            run = child.find(_TEXT_TAG)
            if run is not None and run.text:
                runs.append(run.text)
    return plain + "".join(runs)


_TEXT_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"
_RUN_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}r"

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
                strings.append(_text_of(element).replace("x005F_", ""))
                element.clear()
    return strings


def _cell_text(grid: Grid, row: int, column: int, value: Any, data_type: str) -> str:
    if data_type == "s" and type(value) is str:  # nearly every cell: text, not a formula
        return normalize_breaks(value)
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
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"
