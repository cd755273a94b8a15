"""``pmframework import`` and ``pmframework export``: ladders to and from spreadsheets."""

from __future__ import annotations

import click

from pmframework.cli.options import (
    choice,
    force_option,
    format_option,
    output_option,
    quiet,
    verbosity_options,
    wrote,
)
from pmframework.sheets import EXPORT_FORMATS, LAYOUTS


@click.command("import")
@click.argument("sheets", nargs=-1, required=True, metavar="SHEET...")
@output_option(metavar="LADDER.yaml", help="The ladder to write, or - for standard output.")
@click.option(
    "--layout",
    type=choice(LAYOUTS),
    default="auto",
    show_default=True,
    help="rows: a row per competency, a column per level; columns: the transposed one.",
)
@click.option(
    "--sheet",
    "sheet_names",
    metavar="NAME",
    multiple=True,
    help="A sheet of a workbook to read (repeatable; default: every sheet).",
)
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    metavar="N",
    help="The row that names the columns (default: detected).",
)
@click.option(
    "--map",
    "column_map",
    metavar="FILE",
    help="A YAML file saying which column is which when the header cannot tell: area, "
    "competency and level columns; or, with a row per level, the level, summary and "
    "competency columns; levels with their titles and ranks.",
)
@click.option("--organization", help="Your organization's name (default: Unnamed organization).")
@click.option("--title", help="The ladder's title (default: a banner above the header).")
@force_option("the output")
@verbosity_options
def import_command(
    sheets: tuple[str, ...],
    output: str,
    layout: str,
    sheet_names: tuple[str, ...],
    header_row: int | None,
    column_map: str | None,
    organization: str | None,
    title: str | None,
    force: bool,
) -> None:
    """Turn a spreadsheet ladder (SHEET.csv or SHEET.xlsx) into a ladder file.

    Reads competencies in rows and levels in columns (with optional Area and Description
    columns), or the transposed layout; writes a draft ladder that validates, each statement
    marked with the cell it came from. Several CSV files, or a workbook's sheets, become one
    ladder with a track each.
    """
    from pmframework.files import is_standard_output
    from pmframework.sheets.importer import write_import

    imported = write_import(
        sheets,
        output,
        force=force,
        layout=layout,
        sheets=sheet_names,
        header_row=header_row,
        column_map=column_map,
        organization=organization,
        title=title,
    )
    wrote(output, f": {imported.summary()}")
    if imported.schema:
        wrote(imported.schema, " (for editors: the ladder's first line points at it)")
    if imported.warnings and not quiet():
        count = len(imported.warnings)
        click.echo(
            f"{count} warning{'s' * (count > 1)}; see: pmframework validate {output}",
            err=is_standard_output(output),
        )


@click.command()
@click.argument("ladder")
@output_option()
@format_option(EXPORT_FORMATS, default=None, help="Default: from the extension of OUT.")
@click.option(
    "--resolved",
    is_flag=True,
    help="Cells show all a level expects after inheritance, inherited text marked (for "
    "reading; import the default export instead).",
)
@click.option("--track", metavar="ID", help="Export only this track.")
@verbosity_options
def export(
    ladder: str, output: str, output_format: str | None, resolved: bool, track: str | None
) -> None:
    """Write LADDER as a spreadsheet: a row per competency, a column per level.

    XLSX has one sheet per track; CSV one file per track (OUT-TRACK.csv when there are several).
    """
    from pmframework.sheets.exporter import export_ladder

    for path in export_ladder(ladder, output, output_format, resolved=resolved, track=track):
        wrote(path)
