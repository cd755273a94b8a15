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

from pmframework import __version__
from pmframework.errors import PmframeworkError

FORMAT_NAMES = ("text", "json", "github", "junit")


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


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmframework")
def main() -> None:
    """Career ladders as versioned, checked, publishable files.

    Exit codes: 0 success, 1 findings or unreadable input, 2 usage error.
    A LADDER is a path, - for standard input, or builtin:NAME (see `pmframework list`).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
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
    from pmframework.report import FORMATTERS
    from pmframework.validate import validate_paths

    report = validate_paths(paths, select=select, ignore=ignore)
    click.echo(FORMATTERS[output_format](report, color=_use_color(color)), nl=False)
    sys.exit(1 if report.failed(strict=strict) else 0)


@main.command()
@click.option("--version", "version", type=int, help="Schema version (default: the latest).")
def schema(version: int | None) -> None:
    """Print the JSON Schema of ladders (for editors and other validators)."""
    from pmframework.errors import UsageError
    from pmframework.schema import known_versions, latest_version, schema_text

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
    from pmframework.rulebook import rule_table

    click.echo(rule_table(markdown=output_format == "markdown"), nl=False)


@main.command("list")
def list_builtins() -> None:
    """List the built-in reference frameworks."""
    from pmframework.catalog import builtin_summaries

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
    from pmframework.scaffold import write_scaffold

    write_scaffold(path, source, organization, force=force)
    click.echo(f"wrote {path}; next: pmframework validate {path}")
