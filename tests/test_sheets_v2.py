"""Spreadsheets in schema version 2's shapes: several sheets as tracks, Markdown in cells,
anti-pattern rows, ``--map`` files, and export that imports back as the same ladder."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import EXAMPLES, REPO, CliResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import ladders

from pmframework.check.engine import load_ladder
from pmframework.diff.compare import diff_ladders
from pmframework.diff.results import Side, VersionDiff
from pmframework.model import Ladder
from pmframework.sheets.exporter import export_ladder
from pmframework.sheets.importer import write_import

RunCli = Callable[..., CliResult]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    stream = io.StringIO()
    csv.writer(stream).writerows(rows)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def imported(run_cli: RunCli, out: Path, *args: str) -> Ladder:
    result = run_cli("import", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return load_ladder(str(out))


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


IC = [
    ["Area", "Competency", "Associate PM", "PM"],
    ["Craft", "Discovery", "Joins interviews.", "Runs interviews."],
    ["Craft", "Delivery", "Ships a fix.", "Ships a feature."],
]
LEADS = [
    ["Area", "Competency", "Group PM", "Director"],
    ["Craft", "Discovery", "Coaches interviews.", "Sets the research plan."],
    ["People", "Hiring", "Interviews PMs.", "Builds the team."],
]


# --- 1. schema version 2 ---------------------------------------------------------------------


def test_import_writes_a_version_2_ladder(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "ladder.yaml"
    ladder = imported(run_cli, out, str(write_csv(tmp_path / "ic.csv", IC)))
    assert raw(out)["schema_version"] == 2 and ladder.schema_version == 2
    assert run_cli("validate", str(out)).exit_code == 0


# --- 2. several sheets, a track each ---------------------------------------------------------


def test_two_csv_files_are_two_tracks_sharing_competencies(run_cli: RunCli, tmp_path: Path) -> None:
    ic = write_csv(tmp_path / "ic.csv", IC)
    leads = write_csv(tmp_path / "leadership.csv", LEADS)
    ladder = imported(run_cli, tmp_path / "ladder.yaml", str(ic), str(leads))
    assert [(t.id, t.kind, [lv.title for lv in t.levels]) for t in ladder.tracks] == [
        ("ic", "individual-contributor", ["Associate PM", "PM"]),
        ("leadership", "management", ["Group PM", "Director"]),
    ]
    # "Discovery" in both sheets is one competency; "Hiring" only applies where it is written.
    assert [(c.id, c.tracks) for c in ladder.competencies] == [
        ("discovery", None),
        ("delivery", ("ic",)),
        ("hiring", ("leadership",)),
    ]
    director = ladder.level("director")
    assert director is not None
    assert director.expectations["discovery"].criteria[0].text == "Sets the research plan."


def test_every_sheet_of_a_workbook_is_a_track_unless_one_is_chosen(
    run_cli: RunCli, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Product Manager"
    for row in IC:
        book.active.append(row)
    leads = book.create_sheet("Management")
    for row in LEADS:
        leads.append(row)
    path = tmp_path / "ladder.xlsx"
    book.save(path)
    both = imported(run_cli, tmp_path / "both.yaml", str(path))
    assert [t.id for t in both.tracks] == ["product-manager", "management"]
    one = imported(run_cli, tmp_path / "one.yaml", str(path), "--sheet", "Management")
    assert [t.id for t in one.tracks] == ["ic"]
    assert [lv.title for lv in one.levels] == ["Group PM", "Director"]


def test_an_error_in_the_second_file_names_it(run_cli: RunCli, tmp_path: Path) -> None:
    ic = write_csv(tmp_path / "ic.csv", IC)
    bad = write_csv(tmp_path / "bad.csv", [["Competency", "PM", "PM"], ["Discovery", "a", "b"]])
    out = tmp_path / "ladder.yaml"
    result = run_cli("import", str(ic), str(bad), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"pmframework: error: {bad}:1:3: sheet 'bad', cell C1: duplicate level name 'PM'"
    )
    assert len(result.stderr.splitlines()) == 1 and not out.exists()


# --- 3. Markdown in cells ---------------------------------------------------------------------

GITLAB_URL = "https://handbook.example.com/job-families/product/product-manager/"
GITLAB = [
    [
        "",
        f"[Product Manager]({GITLAB_URL}#product-manager-intermediate)",
        f"[**Senior Product Manager**]({GITLAB_URL}#senior-product-manager)",
        f"[Principal Product Manager]({GITLAB_URL}#principal-product-manager-with-a-long-anchor)",
    ],
    [
        "**Validation track skills**",
        "Runs [problem validation](https://handbook.example.com/validation) with support.",
        "Runs problem validation *independently*.",
        "Teaches problem validation to the section.",
    ],
    [
        "**Build track skills**",
        "Breaks down work with engineering.",
        "Plans a milestone.",
        "Plans a release across groups.",
    ],
]


def test_a_gitlab_table_saved_as_csv(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "ladder.yaml"
    ladder = imported(run_cli, out, str(write_csv(tmp_path / "gitlab.csv", GITLAB)))
    assert [lv.title for lv in ladder.levels] == [
        "Product Manager",
        "Senior Product Manager",
        "Principal Product Manager",
    ]
    assert [c.name for c in ladder.competencies] == [
        "Validation track skills",
        "Build track skills",
    ]
    first = ladder.levels[0].expectations["validation-track-skills"].criteria[0]
    # Statements keep their links and emphasis: rich text renders them.
    assert first.text == GITLAB[1][1]
    senior = ladder.levels[1].expectations["validation-track-skills"].criteria[0]
    assert senior.text == "Runs problem validation *independently*."


def test_a_bold_header_and_bold_area_names(run_cli: RunCli, tmp_path: Path) -> None:
    rows = [
        ["**Category**", "**Competency**", "**Senior PM**", "_Principal PM_"],
        ["**Craft**", "`Discovery`", "Runs it.", "Teaches it."],
    ]
    ladder = imported(run_cli, tmp_path / "l.yaml", str(write_csv(tmp_path / "b.csv", rows)))
    assert [(a.id, a.name) for a in ladder.areas] == [("craft", "Craft")]
    assert [lv.title for lv in ladder.levels] == ["Senior PM", "Principal PM"]
    assert [c.name for c in ladder.competencies] == ["Discovery"]


# --- 4. anti-pattern rows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["Potential Misalignments", "ANTI-PATTERNS", "Watch-outs", "red flags"]
)
def test_anti_pattern_rows_become_anti_patterns(
    run_cli: RunCli, tmp_path: Path, heading: str
) -> None:
    rows = [
        ["Category", "Parameter", "PM", "Senior PM"],
        ["Core", "Execution", "Ships on time.", "Ships the roadmap."],
        [heading, "Execution", "Misses dates silently.", ""],
        [heading, "", "May work in isolation, unaware of cross-functional implications.", ""],
        ["", "Collaboration", "", "Works alone."],
    ]
    out = tmp_path / "ladder.yaml"
    ladder = imported(run_cli, out, str(write_csv(tmp_path / "lumapps.csv", rows)))
    # Not competencies, and not expectations: what falls short.
    assert [c.name for c in ladder.competencies] == ["Execution"]
    pm, senior = ladder.levels
    execution = pm.expectations["execution"]
    assert [s.text for s in execution.criteria] == ["Ships on time."]
    assert [s.text for s in execution.anti_patterns] == ["Misses dates silently."]
    assert [s.text for s in pm.anti_patterns] == [
        "May work in isolation, unaware of cross-functional implications."
    ]
    # A row under the heading naming no competency: the level's, its name kept.
    assert [s.text for s in senior.anti_patterns] == ["Collaboration: Works alone."]
    assert run_cli("validate", str(out)).exit_code == 0


# --- 6. export, import: the same ladder -------------------------------------------------------

HAND_WRITTEN = sorted(
    [
        *(REPO / "frameworks").glob("*.yaml"),
        *(EXAMPLES / "valid").glob("*.yaml"),
        *(EXAMPLES / "valid" / "v2").glob("*.yaml"),
    ]
)


def round_trip(source: Path, folder: Path, sheet_format: str) -> Path:
    """``source`` exported in ``sheet_format`` and imported again; the imported ladder."""
    (folder / "sheets").mkdir()
    sheets = export_ladder(str(source), str(folder / "sheets" / f"ladder.{sheet_format}"))
    out = folder / "back.yaml"
    write_import(sheets, str(out))
    return out


@pytest.mark.parametrize("sheet_format", ["csv", "xlsx"])
@pytest.mark.parametrize("source", HAND_WRITTEN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_hand_written_ladder_survives_export_and_import(
    run_cli: RunCli, tmp_path: Path, source: Path, sheet_format: str
) -> None:
    back = round_trip(source, tmp_path, sheet_format)
    result = run_cli("diff", "--ignore-provenance", str(source), str(back))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("no differences\n")


@pytest.mark.parametrize("sheet_format", ["csv", "xlsx"])
def test_the_metadata_row_and_proficiency_lines_are_not_counted_as_the_sheets_text(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sheet_format: str
) -> None:
    # The metadata row holds the whole ladder and a cell's "Proficiency:" line is not a
    # statement, so a ladder whose cells fit the sheet limits imports back whatever its size.
    from pmframework.sheets import grid, layouts

    source = EXAMPLES / "valid" / "acme-small.yaml"
    (tmp_path / "sheets").mkdir()
    sheets = export_ladder(str(source), str(tmp_path / "sheets" / f"ladder.{sheet_format}"))
    cells = [g for path in sheets for g in grid.read_grids(path)]
    texts = [t for g in cells for (row, _), t in g.cells.items() if row > 1]
    statements = [
        p for t in texts for p in layouts.paragraphs(t) if not layouts.PROFICIENCY_PREFIX.match(p)
    ]
    metadata = sum(len(t) for g in cells for (row, _), t in g.cells.items() if row == 1)
    assert metadata > sum(len(t) for t in texts)  # the limit below would refuse the metadata
    monkeypatch.setattr(grid, "MAX_SHEET_CHARS", sum(len(t) for t in texts))
    monkeypatch.setattr(layouts, "MAX_STATEMENTS", len(statements))
    back = tmp_path / "back.yaml"
    write_import(sheets, str(back))
    result = run_cli("diff", "--ignore-provenance", str(source), str(back))
    assert result.stdout.endswith("no differences\n"), result.stdout


@pytest.mark.parametrize("sheet_format", ["csv", "xlsx"])
def test_a_level_titled_like_another_levels_rank_keeps_its_column(
    run_cli: RunCli, tmp_path: Path, sheet_format: str
) -> None:
    # "Level 4" is the title of the second level and the rank of the first: the column goes to
    # the level of that title.
    source = tmp_path / "ranks.yaml"
    source.write_text(
        """schema_version: 2
framework: {id: r, title: R, organization: O, version: "1", status: draft}
scales: [{id: s, name: S, steps: [{id: a, name: A}, {id: b, name: B}]}]
areas: [{id: x, name: X, competencies: [{id: c, name: C, scale: s}]}]
tracks:
  - id: t
    name: T
    kind: other
    levels:
      - {id: l1, title: Level 3, rank: 4}
      - {id: l2, title: Level 4, rank: 5, expectations: {c: {proficiency: a}}}
""",
        encoding="utf-8",
    )
    back = round_trip(source, tmp_path, sheet_format)
    result = run_cli("diff", "--ignore-provenance", str(source), str(back))
    assert result.stdout.endswith("no differences\n"), result.stdout


def test_a_ladder_of_proficiencies_exports_them(tmp_path: Path) -> None:
    # A level whose expectation is a step on the competency's scale says so in its cell.
    out = tmp_path / "acme.csv"
    export_ladder(str(EXAMPLES / "valid" / "acme-small.yaml"), str(out), track="mgmt")
    _metadata, header, *rows = csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert header[3:] == ["Group Product Manager"]
    assert rows[2][1:] == [
        "Influence",
        "",
        "Proficiency: inventing\n\nAligns the group with company goals.",
    ]


def test_what_the_cells_say_wins(tmp_path: Path) -> None:
    source = EXAMPLES / "valid" / "acme-small.yaml"
    path = tmp_path / "acme.xlsx"
    export_ladder(str(source), str(path))
    book = openpyxl.load_workbook(path)
    sheet = book["Individual contributor"]
    assert sheet["B3"].value == "Prioritization" and sheet["D2"].value == "Product Manager"
    sheet["D3"] = "Proficiency: learning\n\nOrders a backlog by cost of delay."
    sheet.append(["Craft", "Writing", "", "Writes specs.", ""])
    book.save(path)
    out = tmp_path / "back.yaml"
    ladder = write_import([str(path)], str(out)).ladder
    original = load_ladder(str(source))
    assert [t.id for t in ladder.tracks] == [t.id for t in original.tracks]
    pm = ladder.level("pm")
    assert pm is not None and pm.rank == original.levels[0].rank
    assert [s.text for s in pm.expectations["prioritization"].criteria] == [
        "Orders a backlog by cost of delay."
    ]
    assert pm.expectations["writing"].criteria[0].text == "Writes specs."
    assert "writing" in [c.id for c in ladder.competencies]


def test_a_damaged_metadata_row_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "x.csv", [["pmframework ladder", '{"track": "ic"'], *IC])
    out = tmp_path / "x.yaml"
    result = run_cli("import", str(sheet), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.startswith(f"pmframework: error: {sheet}:1:1: sheet 'x', cell A1: ")
    assert "delete the row to import the sheet as a new ladder" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ladder=ladders(), sheet_format=st.sampled_from(["csv", "xlsx"]))
def test_every_generated_ladder_survives_export_and_import(
    ladder: dict[str, Any], sheet_format: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "ladder.yaml"
        source.write_text(yaml.safe_dump(ladder, sort_keys=False), encoding="utf-8")
        back = round_trip(source, Path(folder), sheet_format)
        sides = (Side(str(p), load_ladder(str(p))) for p in (source, back))
        result = diff_ladders(*sides, provenance=False)
        assert isinstance(result.body, VersionDiff) and result.equal, result.summary()


# --- 5. --map: which column is which ----------------------------------------------------------

UNKNOWN_HEADERS = [
    ["Pillar of work", "Thing", "Notes", "Band 1", "Band 2"],
    ["Craft", "Discovery", "ignore me", "Joins interviews.", "Runs interviews."],
    ["Craft", "Delivery", "", "Ships a fix.", "Ships a feature."],
]


def test_a_map_says_which_column_is_which(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "odd.csv", UNKNOWN_HEADERS)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "area: Pillar of work\n"
        "competency: B\n"
        "levels:\n"
        "  - {column: D, title: Associate PM, rank: 1}\n"
        "  - {column: '**Band 2**', title: Product Manager, rank: 2.5}\n",
        encoding="utf-8",
    )
    ladder = imported(run_cli, tmp_path / "l.yaml", str(sheet), "--map", str(mapping))
    assert [(lv.title, lv.rank) for lv in ladder.levels] == [
        ("Associate PM", 1),
        ("Product Manager", 2.5),
    ]
    assert [(c.area, c.name) for c in ladder.competencies] == [
        ("craft", "Discovery"),
        ("craft", "Delivery"),
    ]
    assert ladder.levels[1].expectations["discovery"].criteria[0].text == "Runs interviews."


def test_a_map_can_leave_columns_out(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "odd.csv", UNKNOWN_HEADERS)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("area: A\ncompetency: Thing\nignore: [Notes]\n", encoding="utf-8")
    ladder = imported(run_cli, tmp_path / "l.yaml", str(sheet), "--map", str(mapping))
    assert [lv.title for lv in ladder.levels] == ["Band 1", "Band 2"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("competency: B\nlevels:\n  - column: Band 9\n", "3:13", "no column headed 'Band 9'"),
        ("competences: B\n", "1:1", "unknown key 'competences'"),
        ("levels:\n  - {column: D, rank: high}\n", "2:23", "a level's rank is a number"),
        ("levels:\n  - {column: D, titel: x}\n", "2:17", "unknown key 'titel'"),
        ("header_row: 0\n", "1:13", "header_row is a row number"),
        ("- B\n", "1:1", "the top level is a list"),
    ],
)
def test_a_wrong_map_names_its_file_and_line(
    run_cli: RunCli, tmp_path: Path, text: str, where: str, message: str
) -> None:
    sheet = write_csv(tmp_path / "odd.csv", UNKNOWN_HEADERS)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(text, encoding="utf-8")
    out = tmp_path / "l.yaml"
    result = run_cli("import", str(sheet), "--map", str(mapping), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.startswith(f"pmframework: error: {mapping}:{where}: {message}")
    assert len(result.stderr.splitlines()) == 1
