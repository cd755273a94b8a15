"""``pmframework validate``: check ladders and print the findings in the chosen format."""

from __future__ import annotations

import sys

import click

from pmframework.cli.options import (
    color_option,
    format_option,
    note,
    progress,
    quiet,
    use_color,
    verbosity_options,
)
from pmframework.report import FORMATTERS


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(FORMATTERS, default="text", help="How to print findings.")
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Run only these rules (ids or prefixes such as PMF2).",
)
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not run these rules.")
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Leave out files matching this gitignore pattern (added to the configuration's).",
)
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@color_option()
@verbosity_options
def validate(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    strict: bool,
    color: str,
) -> None:
    """Check ladder files, folders of them, - or builtin:NAME (builtin:* for all).

    Prints file:line:column: RULE severity message for each finding.
    Exits 1 on any error (with --strict, any warning), 0 otherwise. Defaults come from
    .pmframework.toml or [tool.pmframework] in pyproject.toml, found from the current folder up.
    """
    from pmframework.check.discovery import FileSelection
    from pmframework.check.engine import validate_paths
    from pmframework.config import find_config

    config = find_config()
    if config.source:
        note(f"configuration: {config.source}")
    strict = strict or config.strict
    selection = FileSelection(config.root, config.include, (*config.exclude, *exclude))
    report = validate_paths(
        paths,
        select=select or config.select,
        ignore=(*config.ignore, *ignore),
        selection=selection,
        progress=progress("checking"),
    )
    colored = use_color(color)
    text = FORMATTERS[output_format](report, color=colored, strict=strict, quiet=quiet())
    # color=colored: click would otherwise strip the codes of `--color always` off a pipe.
    click.echo(text, nl=False, color=colored)
    sys.exit(1 if report.failed(strict=strict) else 0)
