"""Shortcuts in reading cells, which change nothing: a cell of an exported sheet whose text is
what export wrote gives the metadata's expectation back without being read, and a cell of one
line is read in one step."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import ladders

from pmframework.sheets import restore
from pmframework.sheets.cells import STATEMENT_LISTS, Unread, cell_text, read_expectation
from pmframework.sheets.exporter import export_ladder
from pmframework.sheets.grid import Grid, read_grids
from pmframework.sheets.importer import ladder_data, read_sheet
from pmframework.sheets.metadata import metadata_cells, read_metadata
from pmframework.sheets.yaml_text import yaml_text

FIRST_LEVEL_COLUMN = 4  # after Area, Competency and Description
BODY_ROW = 3  # below the row of metadata and the header


def exported(source: Path, folder: Path) -> list[Grid]:
    return [
        g for path in export_ladder(str(source), str(folder / "l.csv")) for g in read_grids(path)
    ]


@contextmanager
def counting_reads() -> Iterator[list[Unread]]:
    """The cells restore reads, as they are read."""
    read: list[Unread] = []
    original = Unread.read

    def counted(self: Unread) -> dict[str, Any]:
        read.append(self)
        return original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Unread, "read", counted)
        yield read


def imported(grids: list[Grid], *, every_cell_read: bool = False) -> str:
    """The ladder the grids give, as YAML; with ``every_cell_read``, by reading every cell
    and comparing its statements with the metadata's, as restore did before the shortcut."""
    with pytest.MonkeyPatch.context() as patch:
        if every_cell_read:
            patch.setattr(restore, "exported_text", lambda _expectation: None)
        return yaml_text(ladder_data([read_sheet(g) for g in grids]))


def test_an_unedited_sheet_reads_no_cell(tmp_path: Path) -> None:
    grids = exported(EXAMPLES / "valid" / "acme-small.yaml", tmp_path)
    with counting_reads() as read:
        fast = imported(grids)
    assert read == []
    assert fast == imported(grids, every_cell_read=True)


def test_an_edited_cell_is_read_and_wins(tmp_path: Path) -> None:
    [grid, *others] = exported(EXAMPLES / "valid" / "acme-small.yaml", tmp_path)
    cell = (BODY_ROW, FIRST_LEVEL_COLUMN)
    text = "Orders a backlog by cost of delay.\n\nExample: the Q3 roadmap"
    sheets = [Grid(grid.file, grid.sheet, {**grid.cells, cell: text}, grid.sheets), *others]
    with counting_reads() as read:
        fast = imported(sheets)
    assert [(u.cell.row, u.cell.column) for u in read] == [cell]
    assert "Orders a backlog by cost of delay." in fast and "the Q3 roadmap" in fast
    assert fast == imported(sheets, every_cell_read=True)


# What an edit may write in a cell, or a statement of the metadata hold: paragraphs of words,
# marked or not, and the blank lines, spaces and line breaks that decide what a cell's
# paragraphs are.
PIECES = st.sampled_from(
    [
        "Ships", "aligns users", "Example: ", "example:", "Anti-pattern: ", "antipattern :",
        "Proficiency: ", "proficiency:", " ", "\n", "\n\n", "\r\n\r\n", "\n \n", "x", ":",
    ]
)  # fmt: skip
PROFICIENCIES = st.sampled_from(["", "x", " x", "two words", "x\n\nShips", "Example:"])


# Statements that do not read back as themselves from a cell, and some that do.
TRICKY = st.sampled_from(
    [
        "Ships", "Example: Ships", "anti-pattern:Ships", "Proficiency: x", "Proficiency: x y",
        " Ships", "Ships ", "Ships\n\nShips", "Ships\nx", "Ships\r\nx", "Ships\rx", "Example:",
        "aligns users", "Ships\u2028x", "\u00a0Ships", "Ships\n\nExample: x", "x\r\rAntipattern: x",
    ]
)  # fmt: skip


def tricky(draw: st.DrawFn) -> str:
    """A statement that may not read back as itself from its cell."""
    if draw(st.integers(0, 3)):
        return draw(TRICKY)
    before, after = (draw(st.lists(PIECES, max_size=4)) for _ in range(2))
    return "".join([*before, "Ships", *after])


def with_tricky_texts(ladder: dict[str, Any], draw: st.DrawFn) -> None:
    """Replace some statements and proficiencies of the ladder's levels with tricky ones."""
    for track in ladder["tracks"]:
        for level in track["levels"]:
            for expectation in level.get("expectations", {}).values():
                if draw(st.booleans()):
                    expectation["proficiency"] = draw(PROFICIENCIES)
                for key in STATEMENT_LISTS:
                    statements = expectation.get(key, [])
                    for index, item in enumerate(statements):
                        if isinstance(item, dict):
                            item["text"] = tricky(draw)
                        else:
                            statements[index] = tricky(draw)


def as_the_metadata_says(ladder: dict[str, Any], track_id: str, grid: Grid) -> dict[Any, str]:
    """Each level cell's text as the expectation in the metadata would be written, plainly."""
    track = next(t for t in ladder["tracks"] if t["id"] == track_id)
    levels = {level["title"]: level for level in track["levels"]}
    ids = {c["name"]: c["id"] for area in ladder["areas"] for c in area["competencies"]}
    said = {}
    for row in range(BODY_ROW, grid.rows + 1):
        for column in range(FIRST_LEVEL_COLUMN, max(grid.columns) + 1):
            level = levels.get(grid.text(BODY_ROW - 1, column), {})
            expectation = level.get("expectations", {}).get(ids.get(grid.text(row, 2)))
            if expectation:
                texts = [
                    [s["text"] if isinstance(s, dict) else s for s in expectation.get(key, [])]
                    for key in STATEMENT_LISTS
                ]
                said[row, column] = cell_text(*texts, expectation.get("proficiency"))
    return said


def edit(old: str, draw: st.DrawFn) -> str | None:
    """A person's edit of a cell's text (None: the cell emptied)."""
    kind = draw(st.sampled_from(["new", "append", "prepend", "swap", "space", "empty", "case"]))
    if kind == "new":
        return "".join(draw(st.lists(PIECES, min_size=1, max_size=8)))
    if kind == "append":
        return old + "".join(draw(st.lists(PIECES, min_size=1, max_size=4)))
    if kind == "prepend":
        return "".join(draw(st.lists(PIECES, min_size=1, max_size=4))) + old
    if kind == "swap":
        return "\n\n".join(reversed(old.split("\n\n")))
    if kind == "space":
        return old + " "
    if kind == "case":
        return old.swapcase()
    return None


def edited(grid: Grid, draw: st.DrawFn) -> Grid:
    """The grid with tricky statements in its metadata, and some of its level cells edited or
    made to say what the metadata says."""
    metadata = read_metadata(grid)
    assert metadata is not None
    with_tricky_texts(metadata["ladder"], draw)
    cells = {place: text for place, text in grid.cells.items() if place[0] != 1}
    row = metadata_cells(metadata["ladder"], metadata["track"])
    cells.update(((1, column), text) for column, text in enumerate(row, start=1))
    said = as_the_metadata_says(metadata["ladder"], metadata["track"], grid)
    for row in range(BODY_ROW, grid.rows + 1):
        for column in range(FIRST_LEVEL_COLUMN, max(grid.columns) + 1):
            change = draw(st.sampled_from(["as the metadata says", "none", "edit"]))
            if change == "none":
                continue
            if change == "edit":
                text = edit(grid.text(row, column), draw)
            else:
                text = said.get((row, column))
            if text is None or not text.strip():
                cells.pop((row, column), None)
            else:
                cells[row, column] = text
    return Grid(grid.file, grid.sheet, cells, grid.sheets)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ladder=ladders(), data=st.data())
def test_reading_only_edited_cells_gives_what_reading_every_cell_gives(
    ladder: dict[str, Any], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "ladder.yaml"
        source.write_text(yaml.safe_dump(ladder, sort_keys=False), encoding="utf-8")
        sheets = [edited(grid, data.draw) for grid in exported(source, Path(folder))]
    assert imported(sheets) == imported(sheets, every_cell_read=True)


@given(st.lists(st.sampled_from(["Example:", "anti-pattern :", " ", "\t", "x", "."])).map("".join))
def test_a_cell_of_one_line_reads_as_the_same_line_among_blank_ones(text: str) -> None:
    # A cell of one line is read in one step; it says what it says followed by blank lines.
    assert read_expectation(text, "A1", "s") == read_expectation(text + "\n\n \n", "A1", "s")
