"""``import --map`` for the columns layout: a row per level, a column per competency. The map says
which column names the levels, which holds their summaries, which are competencies (and their
names), which to ignore, and the level rows' titles and ranks; a wrong map is one line naming
the map file, its line and column.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import CliResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sheets_v2 import imported, write_csv

from pmframework.model import Ladder
from pmframework.sheets.grid import Grid
from pmframework.sheets.importer import import_grids

RunCli = Callable[..., CliResult]

# A PM ladder as people keep it: a banner, the level column headed "Career stage" (which no
# detection knows), a summary column, an area row, and a Notes column that is no competency.
PM_SHEET = [
    ["Product Management Ladder 2025", "", "", "", "", ""],
    ["Career stage", "Overview", "Discovery", "Delivery", "Stakeholders", "Notes"],
    ["Pillar", "", "Craft", "Craft", "People", ""],
    ["APM", "Learns the craft.", "Joins interviews.", "Ships a fix.", "Keeps the team informed.",
     "Hiring paused"],
    ["PM", "Owns a feature area.", "Runs interviews.", "Ships a feature.", "Aligns partners.", ""],
    ["", "", "", "", "", "Senior roles reviewed in Q3"],
    ["Senior PM", "Owns a product area.", "Plans research.", "Ships a roadmap.",
     "Influences leaders.", "See the appendix"],
]  # fmt: skip

MAP = """\
level: Career stage
summary: Overview
ignore: [Notes]
levels:
  - {name: APM, title: Associate Product Manager, rank: 1}
  - {name: PM, rank: 2}
  - {name: senior pm, rank: 3.5}
"""


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "PM ladder"
    for row in rows:
        sheet.append([cell or None for cell in row])
    sheet.merge_cells("A1:F1")  # the banner spans the table, as in a real sheet
    workbook.save(path)
    return path


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


def _sheet(tmp_path: Path, kind: str, rows: list[list[str]] = PM_SHEET) -> str:
    return str(WRITERS[kind](tmp_path / f"ladder.{kind}", rows))


def _map(tmp_path: Path, text: str = MAP) -> str:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _shape(ladder: Ladder) -> list[tuple[str, float, str | None, dict[str, list[str]]]]:
    return [
        (
            level.title or "",
            level.rank,
            level.summary.text if level.summary else None,
            {c: [s.text for s in e.criteria] for c, e in level.expectations.items()},
        )
        for level in ladder.levels
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_map_reads_a_sheet_of_levels_in_rows(run_cli: RunCli, tmp_path: Path, kind: str) -> None:
    sheet = _sheet(tmp_path, kind)
    ladder = imported(run_cli, tmp_path / "l.yaml", sheet, "--map", _map(tmp_path))
    assert _shape(ladder) == [
        (
            "Associate Product Manager",
            1,
            "Learns the craft.",
            {
                "discovery": ["Joins interviews."],
                "delivery": ["Ships a fix."],
                "stakeholders": ["Keeps the team informed."],
            },
        ),
        (
            "PM",
            2,
            "Owns a feature area.",
            {
                "discovery": ["Runs interviews."],
                "delivery": ["Ships a feature."],
                "stakeholders": ["Aligns partners."],
            },
        ),
        (
            "Senior PM",
            3.5,
            "Owns a product area.",
            {
                "discovery": ["Plans research."],
                "delivery": ["Ships a roadmap."],
                "stakeholders": ["Influences leaders."],
            },
        ),
    ]
    assert [(c.area, c.name) for c in ladder.competencies] == [
        ("craft", "Discovery"),
        ("craft", "Delivery"),
        ("people", "Stakeholders"),
    ]
    written = (tmp_path / "l.yaml").read_text(encoding="utf-8")
    assert "Notes" not in written and "appendix" not in written and "Hiring" not in written


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_without_the_map_the_sheet_cannot_be_read(
    run_cli: RunCli, tmp_path: Path, kind: str
) -> None:
    result = run_cli("import", _sheet(tmp_path, kind), "-o", str(tmp_path / "l.yaml"))
    assert result.exit_code == 1
    assert "cannot tell which way round the sheet is" in result.stderr
    # Told the layout, the Notes column is read as a competency and the note row as a level's.
    told = run_cli(
        "import", _sheet(tmp_path, kind), "--layout", "columns", "-o", str(tmp_path / "l.yaml")
    )
    assert told.exit_code == 1 and "row 6 has text but no level name" in told.stderr


def test_a_map_names_the_competency_columns_and_their_names(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # Notes first, so the level column is not the first: the map names it by its letter.
    rows = [[row[5], *row[:5]] for row in PM_SHEET]
    mapping = _map(
        tmp_path,
        "layout: columns\nlevel: B\ncompetencies:\n"
        "  - {column: F, name: Stakeholder management}\n  - Discovery\n",
    )
    ladder = imported(run_cli, tmp_path / "l.yaml", _sheet(tmp_path, "csv", rows), "--map", mapping)
    assert [c.name for c in ladder.competencies] == ["Stakeholder management", "Discovery"]
    assert [(lv.title, lv.rank) for lv in ladder.levels] == [
        ("APM", 1),
        ("PM", 2),
        ("Senior PM", 3),
    ]
    assert ladder.levels[0].summary is not None  # the Overview column, by its header
    assert ladder.levels[2].expectations["stakeholder-management"].criteria[0].text == (
        "Influences leaders."
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("level: Stage\n", "1:8", "no column headed 'Stage' in row 2 of "),
        ("layout: columns\ncompetencies: [C, Z]\n", "2:19", "no column Z in "),
        (
            "level: A\nignore: [F]\nlevels: [{name: Staff PM}]\n",
            "3:17",
            "no level named 'Staff PM' in column A",
        ),
        ("level: A\nignore: [F]\nlevels: [PM, pm]\n", "3:14", "level 'pm' is listed twice"),
        ("area: A\nlevel: B\n", "2:1", "'level' is a key of the columns layout's map, but 'area'"),
        ("layout: diagonal\n", "1:9", "layout is rows or columns"),
        ("level: A\nlevels: [{column: A}]\n", "2:10", "expected {name: ..., title: ..., rank"),
        ("competencies:\n  - {column: C, nam: x}\n", "2:17", "unknown key 'nam'"),
        ("competencies: C\n", "1:15", "expected a list of competency columns"),
        ("level: A\nlevels:\n  - {name: PM, rank: high}\n", "3:22", "a level's rank is a number"),
    ],
)
def test_a_wrong_map_is_one_line_naming_the_map_file_and_line(
    run_cli: RunCli, tmp_path: Path, text: str, where: str, message: str
) -> None:
    mapping = _map(tmp_path, text)
    out = tmp_path / "l.yaml"
    result = run_cli("import", _sheet(tmp_path, "csv"), "--map", mapping, "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.startswith(f"pmframework: error: {mapping}:{where}: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_a_map_for_one_layout_and_layout_for_the_other_disagree(
    run_cli: RunCli, tmp_path: Path
) -> None:
    mapping = _map(tmp_path)
    result = run_cli(
        "import", _sheet(tmp_path, "csv"), "--map", mapping, "--layout", "rows", "-o", "-"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"pmframework: error: {mapping}:1:1: this map is for the columns layout, "
        "but --layout says rows\n"
    )


def test_a_rows_map_naming_a_column_beyond_the_sheet(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["Competency", "PM"], ["Discovery", "Runs interviews."]])
    mapping = _map(tmp_path, "competency: A\nlevels: [B, AB]\n")
    result = run_cli("import", str(sheet), "--map", mapping, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == (
        f"pmframework: error: {mapping}:2:13: no column AB in {sheet}, sheet 's': "
        "its last column is B\n"
    )


def _grid(rows: list[list[str]]) -> Grid:
    cells = {
        (r, c): text
        for r, row in enumerate(rows, start=1)
        for c, text in enumerate(row, start=1)
        if text
    }
    return Grid("ladder.csv", "ladder", cells)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000))
def test_where_the_columns_stand_does_not_change_what_a_map_reads(
    tmp_path: Path, seed: int
) -> None:
    # The map names columns by their headers, so moving the columns around (the Notes column
    # too) reads the same ladder, competencies in the sheet's new order.
    order = list(range(6))
    random.Random(seed).shuffle(order)
    moved = [[row[i] for i in order] for row in PM_SHEET]
    mapping = _map(tmp_path)
    ladder = import_grids([_grid(moved)], column_map=mapping).ladder
    expected = import_grids([_grid(PM_SHEET)], column_map=mapping).ladder
    assert _shape(ladder) == _shape(expected)
    assert sorted(c.name for c in ladder.competencies) == sorted(
        c.name for c in expected.competencies
    )
