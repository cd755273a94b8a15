"""A blank assessment for a level and the next one, as YAML, a Markdown checklist, CSV or XLSX.

The blank lists every criterion of the level and of the next level in its track (inheritance
resolved), each with the level that lists it, and the next level's promotion criteria; a
competency for which the levels give only a proficiency gets one entry for the competency as a
whole. The CSV and XLSX read back with ``assess check`` and ``assess report`` as they are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from pmframework.assess import TEMPLATE_FORMATS
from pmframework.assess.checks import expected_criteria
from pmframework.assess.loader import ASSESSMENT_VERSION, SHEET_COLUMNS
from pmframework.assess.model import DIMENSION, PROMOTION
from pmframework.errors import LadderError, Location, UsageError
from pmframework.model.ladder import Ladder, Level
from pmframework.model.resolve import resolve_expectations
from pmframework.resources import BUILTIN_PREFIX
from pmframework.text import did_you_mean

FORMAT_BY_EXTENSION = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".csv": "csv",
    ".xlsx": "xlsx",
}


@dataclass(frozen=True)
class Row:
    competency: str
    name: str  # the competency's name, or "Promotion"
    level: str | None
    criterion: str | None
    proficiency: str | None = None


@dataclass(frozen=True)
class Blank:
    ladder_spec: str
    ladder: Ladder
    current: Level
    target: Level
    rows: tuple[Row, ...]


def next_level(ladder: Ladder, level: Level) -> Level:
    """The level above ``level`` in its track, or ``level`` itself at the top."""
    track = ladder.track(level.track)
    above = sorted(
        (lv for lv in (track.levels if track else ()) if lv.rank > level.rank),
        key=lambda lv: lv.rank,
    )
    return above[0] if above else level


def blank(ladder_spec: str, ladder: Ladder, level_id: str, target_id: str | None = None) -> Blank:
    """The entries of a blank assessment of ``level_id`` towards ``target_id`` (default: the
    next level)."""
    levels = {level.id: level for level in ladder.levels}
    for wanted in (level_id, target_id):
        if wanted is not None and wanted not in levels:
            raise LadderError(
                Location(ladder_spec),
                f"no level {wanted!r} in {ladder.framework.id}{did_you_mean(wanted, levels)}",
            )
    current = levels[level_id]
    target = levels[target_id] if target_id else next_level(ladder, current)
    names = {c.id: c.name for c in ladder.competencies}
    names.update({DIMENSION + d.id: d.name for d in ladder.dimensions})
    by_level = {lv.id: expected_criteria(ladder, lv) for lv in (current, target)}
    proficiency = {lv.id: resolve_expectations(ladder, lv) for lv in (current, target)}
    rows: list[Row] = []
    groups = [DIMENSION + d.id for d in ladder.dimensions] + [c.id for c in ladder.competencies]
    for competency in [*groups, PROMOTION]:
        seen: set[str] = set()
        listed = False
        for lv in (current, target):
            if competency == PROMOTION and lv is not target:
                continue
            for text in by_level[lv.id].get(competency, []):
                if text not in seen:
                    seen.add(text)
                    listed = True
                    rows.append(Row(competency, names.get(competency, "Promotion"), lv.id, text))
        resolved = proficiency[target.id].get(competency) or proficiency[current.id].get(competency)
        if not listed and resolved is not None:
            rows.append(Row(competency, names[competency], target.id, None, resolved.proficiency))
    return Blank(ladder_spec, ladder, current, target, tuple(rows))


def _data(b: Blank) -> dict[str, Any]:
    data: dict[str, Any] = {
        "assessment_version": ASSESSMENT_VERSION,
        "ladder": b.ladder_spec,
        "ladder_version": b.ladder.framework.version,
        "current_level": b.current.id,
        "target_level": b.target.id,
        "assessor": {"role": "self"},
    }
    criteria: list[dict[str, Any]] = []
    promotion: list[dict[str, Any]] = []
    for row in b.rows:
        entry: dict[str, Any] = {}
        if row.competency.startswith(DIMENSION):
            entry["dimension"] = row.competency.removeprefix(DIMENSION)
            entry["level"] = row.level
        elif row.competency != PROMOTION:
            entry["competency"] = row.competency
            entry["level"] = row.level
        if row.criterion is not None:
            entry["criterion"] = row.criterion
        if row.proficiency is not None:
            entry["x-proficiency"] = row.proficiency
        entry["status"] = None
        entry["evidence"] = []
        (promotion if row.competency == PROMOTION else criteria).append(entry)
    data["criteria"] = criteria
    if promotion:
        data["promotion"] = promotion
    return data


def template_yaml(b: Blank) -> str:
    import yaml

    head = (
        f"# Assessment against {b.ladder.framework.title} {b.ladder.framework.version}:\n"
        f"# {b.current.title} ({b.current.id}) towards {b.target.title} ({b.target.id}).\n"
        "# For each entry set status to met, partly, not-yet or not-applicable; met and partly\n"
        "# need evidence: a list of {text, link, date}. Dates are YYYY-MM-DD.\n"
        "# Check it with: pmframework assess check FILE\n"
    )
    body = yaml.safe_dump(_data(b), sort_keys=False, allow_unicode=True, width=100)
    return head + body.replace(
        "status: null", "status: null  # met | partly | not-yet | not-applicable"
    )


def template_markdown(b: Blank) -> str:
    from pmframework.markdown import escape

    lines = [
        f"# {escape(b.current.title)} → {escape(b.target.title)}",
        "",
        f"Self-assessment checklist against {escape(b.ladder.framework.title)} "
        f"{escape(b.ladder.framework.version)}. Tick what you meet and note the evidence.",
    ]
    last = None
    for row in b.rows:
        if row.competency != last:
            lines += ["", f"## {escape(row.name)}", ""]
            last = row.competency
        if row.criterion is None:
            step = f" (proficiency: {escape(row.proficiency)})" if row.proficiency else ""
            lines.append(f"- [ ] {escape(row.name)} as a whole{step}")
        else:
            lines.append(f"- [ ] {escape(row.criterion)} *({escape(row.level or b.target.id)})*")
        lines.append("  - Evidence:")
    return "\n".join(lines) + "\n"


def _sheet_rows(b: Blank) -> list[list[str]]:
    rows = [
        ["ladder", b.ladder_spec],
        ["ladder_version", b.ladder.framework.version],
        ["current_level", b.current.id],
        ["target_level", b.target.id],
        ["assessor", "self"],
        [],
        [*SHEET_COLUMNS],
    ]
    for row in b.rows:
        level = "" if row.competency == PROMOTION else row.level or ""
        rows.append([row.competency, level, row.criterion or "", "", "", "", "", ""])
    return rows


def template_csv(b: Blank) -> bytes:
    from pmframework.sheets.grid import neutralize_formula

    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    for row in _sheet_rows(b):
        writer.writerow(neutralize_formula(text) for text in row)
    return stream.getvalue().encode("utf-8-sig")


def template_xlsx(b: Blank) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Assessment"
    workbook.properties.creator = "pmframework"
    rows = _sheet_rows(b)
    header = rows.index([*SHEET_COLUMNS]) + 1
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column, value=text or None)
            if text.startswith("="):
                cell.data_type = "s"  # text, not a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if number == header or (number < header and column == 1):
                cell.font = Font(bold=True)
    statuses = DataValidation(
        type="list", formula1='"met,partly,not-yet,not-applicable"', allow_blank=True
    )
    sheet.add_data_validation(statuses)
    statuses.add(f"D{header + 1}:D{max(len(rows), header + 1)}")
    for letter, width in zip("ABCDEFGH", (22, 16, 70, 14, 50, 30, 12, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header + 1}"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def template_format(output: str, explicit: str | None) -> str:
    if explicit is not None:
        return explicit
    from pathlib import Path

    if output == "-":
        return "yaml"
    suffix = Path(output).suffix.lower()
    if suffix not in FORMAT_BY_EXTENSION:
        raise UsageError(
            f"cannot tell the format of {output} from its extension "
            f"({', '.join(FORMAT_BY_EXTENSION)}); give --format"
        )
    return FORMAT_BY_EXTENSION[suffix]


def write_template(
    spec: str,
    output: str,
    *,
    output_format: str | None = None,
    target: str | None = None,
    force: bool = False,
) -> Blank:
    """``spec`` is ``LADDER#LEVEL``; writes the blank to ``output`` (``-``: standard output)."""
    from pmframework.check.engine import load_ladder
    from pmframework.files import refuse_to_replace, write_output

    ladder_part, _, level_id = spec.rpartition("#")
    if not ladder_part or not level_id:
        raise UsageError(
            f"{spec}: name a level: LADDER#LEVEL (such as builtin:product-management#pm)"
        )
    chosen = template_format(output, output_format)
    if chosen not in TEMPLATE_FORMATS:
        known = ", ".join(TEMPLATE_FORMATS)
        raise UsageError(f"no template format {chosen!r}; formats are: {known}")
    refuse_to_replace(output, force=force)
    ladder = load_ladder(ladder_part)
    result = blank(_as_seen_from(ladder_part, output), ladder, level_id, target)
    write_output(output, TEMPLATE_FORMATS[chosen](result), inputs=[ladder_part])
    return result


def _as_seen_from(ladder_spec: str, output: str) -> str:
    """The ladder as the assessment names it: a path relative to the assessment's folder."""
    import os
    from pathlib import Path

    if ladder_spec.startswith(BUILTIN_PREFIX) or ladder_spec == "-" or output == "-":
        return ladder_spec
    folder = Path(output).parent
    return Path(os.path.relpath(Path(ladder_spec).absolute(), folder.absolute())).as_posix()
