"""The ``pmframework`` command: parses options, calls the library, maps results to exit codes.

Library modules are imported inside the commands so that ``pmframework --help`` starts fast.
Every error pmframework knows about is caught in one place, ``_Group.invoke``, and printed as
one line; exit codes are documented in pmframework.errors.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from pmframework._version import __version__
from pmframework.diff.report import FORMATTERS as DIFF_FORMATS
from pmframework.errors import PmframeworkError
from pmframework.render import FORMATS as RENDER_FORMATS
from pmframework.report import FORMATTERS as FINDINGS_FORMATS
from pmframework.sheets import EXPORT_FORMATS, LAYOUTS


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PmframeworkError as error:
            click.echo(f"pmframework: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # The reader went away (`pmframework schema | head`): nothing more to say.
            sys.stderr.close()
            ctx.exit(1)


class _DiffCommand(click.Command):
    """``diff``, whose git driver arguments are never read as options: git appends a path such
    as ``-x.ladder.yaml`` to the configured command, which cannot put ``--`` before it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if _GIT_EXTERNAL in args and "--" not in args:
            from pmframework.diff.inputs import git_arguments_start

            start = max(git_arguments_start(args), args.index(_GIT_EXTERNAL) + 1)
            args = [*args[:start], "--", *args[start:]]
        return super().parse_args(ctx, args)


_GIT_EXTERNAL = "--git-external-diff"


def _wrote(output: str, detail: str = "") -> None:
    """``wrote OUT``; on standard error when OUT is standard output, so as not to mix in."""
    from pmframework.files import is_standard_output
    from pmframework.text import printable

    click.echo(f"wrote {printable(output)}{detail}", err=is_standard_output(output))


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmframework")
def main() -> None:
    """Career ladders as versioned, checked, publishable files.

    Exit codes: 0 success, 1 findings or unreadable input, 2 usage error;
    diff, like diff(1): 0 equal, 1 different, 2 any error.
    A LADDER is a path, - for standard input, or builtin:NAME (see `pmframework list`).
    An output (-o) is a file or - for standard output; it is never one of the inputs.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FINDINGS_FORMATS.names()),
    default="text",
    show_default=True,
    help="How to print findings.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Run only these rules (ids or prefixes such as PMF2).",
)
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not run these rules.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour text output; auto colours only on a terminal and honours NO_COLOR.",
)
def validate(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    color: str,
) -> None:
    """Check ladder files, folders of them, - or builtin:NAME (builtin:* for all).

    Prints file:line:column: RULE severity message for each finding.
    Exits 1 on any error (with --strict, any warning), 0 otherwise.
    """
    from pmframework.check.engine import validate_paths

    report = validate_paths(paths, select=select, ignore=ignore)
    use_color = _use_color(color)
    # color=use_color: click would otherwise strip the codes of `--color always` off a pipe.
    click.echo(FINDINGS_FORMATS[output_format](report, color=use_color), nl=False, color=use_color)
    sys.exit(1 if report.failed(strict=strict) else 0)


@main.command()
@click.option("--version", "version", type=int, help="Schema version (default: the latest).")
def schema(version: int | None) -> None:
    """Print the JSON Schema of ladders (for editors and other validators)."""
    from pmframework.check.schema import known_versions, latest_version, schema_text
    from pmframework.errors import UsageError

    chosen = latest_version() if version is None else version
    if chosen not in known_versions():
        known = ", ".join(str(v) for v in known_versions())
        raise UsageError(f"no schema version {chosen}; known: {known}")
    click.echo(schema_text(chosen), nl=False)


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
)
def rules(output_format: str) -> None:
    """List the validation rules with their ids and severities."""
    from pmframework.check.rulebook import rule_table

    click.echo(rule_table(markdown=output_format == "markdown"), nl=False)


@main.command("list")
def list_builtins() -> None:
    """List the built-in reference frameworks."""
    from pmframework.reference.listing import builtin_summaries

    rows = [("NAME", "ORGANIZATION", "TRACKS", "LEVELS", "COMPETENCIES")]
    for s in builtin_summaries():
        rows.append(
            (s.name, s.organization, ", ".join(s.tracks), str(s.levels), str(s.competencies))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        click.echo("  ".join(cells).rstrip())


@main.command()
@click.argument("path")
@click.option(
    "--from",
    "source",
    default="builtin:product-management",
    show_default=True,
    metavar="LADDER",
    help="The ladder to start from.",
)
@click.option("--organization", required=True, help="Your organization's name.")
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def init(path: str, source: str, organization: str, force: bool) -> None:
    """Start an editable ladder for your organization at PATH, from a built-in framework.

    The copy keeps every level, competency, statement and source, is marked draft, and
    validates at once.
    """
    from pmframework.reference.scaffold import write_scaffold

    write_scaffold(path, source, organization, force=force)
    _wrote(path, f"; next: pmframework validate {path}")


@main.command("import")
@click.argument("sheet")
@click.option(
    "-o", "--output", required=True, metavar="LADDER.yaml", help="The ladder to write, or -."
)
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS.names()),
    default="auto",
    show_default=True,
    help="rows: a row per competency, a column per level; columns: the transposed one.",
)
@click.option(
    "--sheet", "sheet_name", metavar="NAME", help="The sheet of a workbook (default: the first)."
)
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    metavar="N",
    help="The row that names the columns (default: detected).",
)
@click.option("--organization", help="Your organization's name (default: Unnamed organization).")
@click.option("--title", help="The ladder's title (default: a banner above the header).")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def import_command(
    sheet: str,
    output: str,
    layout: str,
    sheet_name: str | None,
    header_row: int | None,
    organization: str | None,
    title: str | None,
    force: bool,
) -> None:
    """Turn a spreadsheet ladder (SHEET.csv or SHEET.xlsx) into a ladder file.

    Reads competencies in rows and levels in columns (with optional Area and Description
    columns), or the transposed layout; writes a draft ladder that validates, each statement
    marked with the cell it came from.
    """
    from pmframework.files import is_standard_output
    from pmframework.sheets.importer import write_import

    imported = write_import(
        sheet,
        output,
        force=force,
        layout=layout,
        sheet=sheet_name,
        header_row=header_row,
        organization=organization,
        title=title,
    )
    _wrote(output, f": {imported.summary()}")
    if imported.warnings:
        count = len(imported.warnings)
        click.echo(
            f"{count} warning{'s' * (count > 1)}; see: pmframework validate {output}",
            err=is_standard_output(output),
        )


@main.command()
@click.argument("ladder")
@click.option("-o", "--output", required=True, metavar="OUT", help="The file to write, or -.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS.names()),
    help="Default: from the extension of OUT.",
)
@click.option(
    "--resolved",
    is_flag=True,
    help="Cells show all a level expects after inheritance, inherited text marked (for "
    "reading; import the default export instead).",
)
@click.option("--track", metavar="ID", help="Export only this track.")
def export(
    ladder: str, output: str, output_format: str | None, resolved: bool, track: str | None
) -> None:
    """Write LADDER as a spreadsheet: a row per competency, a column per level.

    XLSX has one sheet per track; CSV one file per track (OUT-TRACK.csv when there are several).
    """
    from pmframework.sheets.exporter import export_ladder

    for path in export_ladder(ladder, output, output_format, resolved=resolved, track=track):
        _wrote(path)


@main.command(cls=_DiffCommand)
@click.argument("ladders", nargs=-1, metavar="A B")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(DIFF_FORMATS.names()),
    default="text",
    show_default=True,
    help="markdown suits a pull-request comment; json's shape is in the README.",
)
@click.option(
    "--map",
    "map_path",
    metavar="MAPPING.yaml",
    help="For two different ladders: levels: {B id: A id} and competencies: {B id: A id}.",
)
@click.option(
    "--write-map",
    "write_map",
    metavar="MAPPING.yaml",
    help="For two different ladders: also write the proposed crosswalk as a --map file to edit.",
)
@click.option(
    "--mode",
    type=click.Choice(["auto", "versions", "companies"]),
    default="auto",
    show_default=True,
    help="versions: one ladder's versions, matched by id; companies: aligned by evidence; "
    "auto: versions when the framework ids match or most ids are shared.",
)
@click.option("--rev", metavar="REV", help="Compare LADDER at git revision REV with the file now.")
@click.option(
    "--ignore-provenance",
    is_flag=True,
    help="Compare what the ladders say, not where it came from: ignore sources, each "
    "statement's source, quote and editorial mark, and x- keys.",
)
@click.option(
    _GIT_EXTERNAL,
    "git_external",
    is_flag=True,
    help="Be git's diff driver: take the 7 arguments git passes; exit 0 after a difference.",
)
def diff(
    ladders: tuple[str, ...],
    output_format: str,
    map_path: str | None,
    write_map: str | None,
    mode: str,
    rev: str | None,
    ignore_provenance: bool,
    git_external: bool,
) -> None:
    """Show what changed between ladders A and B, as levels and competencies.

    A and B are paths, -, builtin:NAME or REV:path (git); LADDER#LEVEL compares one level
    with another: what the second adds and raises, as a promotion checklist. Two versions of
    one ladder are matched by id; two different ladders are aligned by rank, titles and text.

    Exit codes, as diff(1): 0 equal, 1 different, 2 trouble.
    """
    from pmframework.diff.compare import DiffError
    from pmframework.diff.inputs import diff_inputs, external_diff, write_crosswalk

    try:
        if git_external:
            shown = external_diff(ladders, mode=mode, provenance=not ignore_provenance)
            text = (
                shown.message if shown.result is None else DIFF_FORMATS[output_format](shown.result)
            )
            click.echo(text, nl=False)
            sys.exit(0)
        result = diff_inputs(
            ladders, rev=rev, mode=mode, map_path=map_path, provenance=not ignore_provenance
        )
        if write_map is not None:
            write_crosswalk(result, write_map)
    except DiffError:
        raise
    except PmframeworkError as error:
        # diff(1) keeps 1 for "different": every error of a diff exits 2.
        raise DiffError(str(error)) from error
    click.echo(DIFF_FORMATS[output_format](result), nl=False)
    sys.exit(0 if result.equal else 1)


@main.command()
@click.argument("ladder")
@click.option("-o", "--output", required=True, metavar="OUT", help="The file to write, or -.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(RENDER_FORMATS.names()),
    help="Default: from the extension of OUT (.html/.htm, .pdf, .md/.markdown).",
)
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False),
    metavar="DIR",
    help="Templates that replace the default ones of the same name.",
)
@click.option(
    "--track", "tracks", multiple=True, metavar="ID", help="Only this track (repeatable)."
)
@click.option(
    "--level", "levels", multiple=True, metavar="ID", help="Only this level (repeatable)."
)
@click.option("--css", metavar="FILE", help="A stylesheet applied after the default one.")
@click.option("--logo", metavar="FILE", help="An image for the cover (embedded).")
def render(
    ladder: str,
    output: str,
    output_format: str | None,
    template_dir: str | None,
    tracks: tuple[str, ...],
    levels: tuple[str, ...],
    css: str | None,
    logo: str | None,
) -> None:
    """Publish LADDER as a web page, a PDF or Markdown, inheritance applied.

    The HTML is one self-contained file; the PDF has a cover, contents with page numbers and
    bookmarks; the Markdown suits wikis and READMEs.
    """
    from pmframework.render.output import render_to_file

    chosen = render_to_file(
        ladder,
        output,
        output_format=output_format,
        template_dir=template_dir,
        tracks=tracks,
        levels=levels,
        css=css,
        logo=logo,
    )
    _wrote(output, f" ({chosen})")


from pmframework.cli.assess import assess  # noqa: E402  (it uses this module's helpers)

main.add_command(assess)
