"""The workbooks export writes (pmframework.sheets.xlsx_writer): every text is read back by
openpyxl, and so by Excel's other readers, exactly as written, and as text."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from pmframework.sheets.xlsx_writer import HEADER, PLAIN, WRAPPED, Sheet, workbook_bytes

# What XML 1.0 can hold: no C0 controls but tab and line breaks (export refuses the others),
# no surrogates, no U+FFFE or U+FFFF.
TEXTS = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)]
        + ["\ufffe", "\uffff"],
    )
)


def read_back(sheets: list[Sheet]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(sheets, title="T", creator="me")))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(TEXTS, min_size=1, max_size=4), min_size=1, max_size=4))
def test_every_text_reads_back_exactly_and_as_text(rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    sheet = Sheet("Ladder", rows, [WRAPPED] * len(rows), [20] * width)
    read = read_back([sheet])["Ladder"]
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = read.cell(number, column)
            # Text that reads as a formula, a number or a date stays text; "\r" stays "\r".
            assert (cell.value or "", cell.data_type) == (text, "s" if text else "n")


def test_a_sheet_keeps_its_layout() -> None:
    rows = [["pmframework ladder", "{}"], ["Area", "Competency", "L1"], ["A", "B", ""]]
    sheet = Sheet(
        "Eng's <ladder> & more",
        rows,
        [PLAIN, HEADER, WRAPPED],
        [16, 18, 30],
        hidden=frozenset([1]),
        frozen="C3",
        filter_range="A2:C3",
        title_row=2,
    )
    book = read_back([sheet, Sheet("Second", [["x"]], [WRAPPED], [10])])
    assert book.sheetnames == ["Eng's <ladder> & more", "Second"]
    assert book.properties.title == "T" and book.properties.creator == "me"
    read = book["Eng's <ladder> & more"]
    assert read.row_dimensions[1].hidden and not read.row_dimensions[2].hidden
    assert read.freeze_panes == "C3"
    assert read.auto_filter.ref == "A2:C3"
    assert read.print_title_rows == "$2:$2"
    assert [read.column_dimensions[c].width for c in "ABC"] == [16, 18, 30]
    assert all(c.font.bold and c.fill.fgColor.rgb == "FFDDE3EA" for c in read[2])
    assert not read["A1"].font.bold and not read["A1"].alignment.wrap_text
    # The empty cell under the header is wrapped too, for what is typed into it.
    assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in read[3])
    assert read["C3"].value is None


def test_no_part_holds_a_formula() -> None:
    sheet = Sheet("S", [["=1+1", "+A1", "@SUM(A1)"]], [WRAPPED], [10, 10, 10])
    with zipfile.ZipFile(io.BytesIO(workbook_bytes([sheet], title="T", creator="me"))) as book:
        part = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in part and part.count('t="inlineStr"') == 3
