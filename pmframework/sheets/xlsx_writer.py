"""Workbooks (.xlsx) of text, written directly: the few parts of the Office Open XML format that
a sheet of wrapped text with a bold header needs.

openpyxl builds a cell object and an XML element per cell even in its write-only mode, and spent
more time on a large ladder than loading and checking it; here each row is one string of XML.
Every cell is written as an inline string (``t="inlineStr"``), never as a formula or a number,
so a text starting with ``=`` stays text, and its characters are kept exactly (a line break
``\\r`` as a character reference, which an XML reader would otherwise turn into ``\\n``). The
caller refuses the control characters that XML 1.0 cannot hold (see pmframework.sheets.exporter).
Reading workbooks stays with openpyxl (pmframework.sheets.xlsx).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from pmframework.sheets.grid import cell_position, column_letters

# The styles of styles.xml's cellXfs: plain (the metadata row), wrapped text, the header.
PLAIN, WRAPPED, HEADER = 0, 1, 2
# Deflate's fastest level: a large ladder's sheet compresses several times faster, to a file
# about a third larger than at the default level, which took as long as writing the XML.
_COMPRESSION = 1

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CARRIAGE_RETURN = {"\r": "&#13;"}


@dataclass(frozen=True)
class Sheet:
    """One sheet: its rows of text from row 1, and how it is shown."""

    name: str
    rows: Sequence[Sequence[str]]
    styles: Sequence[int]  # each row's style: PLAIN, WRAPPED or HEADER
    widths: Sequence[int]  # each column's width, in characters
    hidden: frozenset[int] = frozenset()  # rows hidden, from 1
    frozen: str | None = None  # the first cell that scrolls ("C3": rows 1-2, columns A-B stay)
    filter_range: str | None = None  # the range of the auto filter ("A2:E9")
    title_row: int | None = None  # the row printed at the top of every page


def workbook_bytes(sheets: Sequence[Sheet], *, title: str, creator: str) -> bytes:
    """A workbook of ``sheets`` as the bytes of an .xlsx file."""
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _relationships(
            [
                ("officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"),
                ("package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ]
        ),
        "docProps/core.xml": _core_properties(title, creator),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _relationships(
            [
                *(
                    ("officeDocument/2006/relationships/worksheet", f"worksheets/sheet{n}.xml")
                    for n in range(1, len(sheets) + 1)
                ),
                ("officeDocument/2006/relationships/styles", "styles.xml"),
            ]
        ),
        "xl/styles.xml": _STYLES,
    }
    for number, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{number}.xml"] = _worksheet(sheet)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSION) as book:
        for name, text in parts.items():
            book.writestr(name, text.encode("utf-8"))
    return stream.getvalue()


def _text(text: str) -> str:
    """Text as XML character data, a ``\r`` kept as a character reference."""
    return escape(text, _CARRIAGE_RETURN)


def _worksheet(sheet: Sheet) -> str:
    width = max((len(row) for row in sheet.rows), default=0)
    letters = [column_letters(column) for column in range(1, max(width, 1) + 1)]
    out = [
        _HEAD,
        f'<worksheet xmlns="{_MAIN}">',
        f'<dimension ref="A1:{letters[-1]}{max(len(sheet.rows), 1)}"/>',
        _sheet_view(sheet.frozen),
        '<sheetFormatPr defaultRowHeight="15"/>',
    ]
    if sheet.widths:
        out.append("<cols>")
        out.extend(
            f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>'
            for n, w in enumerate(sheet.widths, start=1)
        )
        out.append("</cols>")
    out.append("<sheetData>")
    for number, (row, style) in enumerate(zip(sheet.rows, sheet.styles, strict=True), start=1):
        hidden = ' hidden="1"' if number in sheet.hidden else ""
        out.append(f'<row r="{number}"{hidden}>')
        styled = f' s="{style}"' if style else ""
        for letter, text in zip(letters, row, strict=False):  # rows differ in length
            if text:
                # Spaces at either end are kept only where the text says so (as Excel writes).
                kept = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
                out.append(
                    f'<c r="{letter}{number}"{styled} t="inlineStr"><is>'
                    f"<t{kept}>{_text(text)}</t></is></c>"
                )
            elif style:  # an empty cell keeps the style of its row (wrapped, for typing in)
                out.append(f'<c r="{letter}{number}"{styled}/>')
        out.append("</row>")
    out.append("</sheetData>")
    if sheet.filter_range:
        out.append(f'<autoFilter ref="{sheet.filter_range}"/>')
    out.append(
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        '<pageSetup orientation="landscape"/></worksheet>'
    )
    return "".join(out)


def _sheet_view(frozen: str | None) -> str:
    """The sheet's view, the rows above and the columns left of ``frozen`` kept in sight."""
    if frozen is None:
        return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    row, column = cell_position(frozen) or (1, 1)
    split = (f' xSplit="{column - 1}"' if column > 1 else "") + (
        f' ySplit="{row - 1}"' if row > 1 else ""
    )
    pane = "bottomRight" if row > 1 and column > 1 else "bottomLeft" if row > 1 else "topRight"
    return (
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane{split} topLeftCell="{frozen}" activePane="{pane}" state="frozen"/>'
        f'<selection pane="{pane}" activeCell="{frozen}" sqref="{frozen}"/>'
        "</sheetView></sheetViews>"
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    listed = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, sheet in enumerate(sheets, start=1)
    )
    # Print titles are a defined name: a formula naming the sheet, quoted as in a formula.
    names = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
        + _text("'" + sheet.name.replace("'", "''") + f"'!${sheet.title_row}:${sheet.title_row}")
        + "</definedName>"
        for n, sheet in enumerate(sheets)
        if sheet.title_row is not None
    )
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{listed}</sheets>"
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + "</workbook>"
    )


def _relationships(targets: Sequence[tuple[str, str]]) -> str:
    """A relationships part: each (type, below the schemas' address; target), rId1 onwards."""
    listed = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/{kind}" '
        f'Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">{listed}</Relationships>'


def _content_types(sheets: int) -> str:
    overrides = [
        ("/xl/workbook.xml", f"{_TYPE}.sheet.main+xml"),
        ("/xl/styles.xml", f"{_TYPE}.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        *((f"/xl/worksheets/sheet{n}.xml", f"{_TYPE}.worksheet+xml") for n in range(1, sheets + 1)),
    ]
    return (
        f'{_HEAD}<Types xmlns="{_PACKAGE}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )


def _core_properties(title: str, creator: str) -> str:
    return (
        f"{_HEAD}<cp:coreProperties "
        f'xmlns:cp="{_PACKAGE}/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>{_text(creator)}</dc:creator>"
        "</cp:coreProperties>"
    )


# Fonts: normal, bold. Fills: the two every workbook has, then the header's shade. Cell formats
# (PLAIN, WRAPPED, HEADER): as is; wrapped and aligned to the top; bold and shaded too.
_WRAP = '<alignment vertical="top" wrapText="1"/>'
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE3EA"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">{_WRAP}</xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
    f'applyAlignment="1">{_WRAP}</xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
