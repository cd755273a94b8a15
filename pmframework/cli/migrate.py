"""``pmframework migrate``: a ladder rewritten at the newest schema version."""

from __future__ import annotations

import click

from pmframework.cli.options import note, verbosity_options, wrote


@click.command()
@click.argument("ladder")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="OUT",
    help="The file to write (LADDER itself to rewrite it in place), or - for standard output.",
)
@verbosity_options
def migrate(ladder: str, output: str) -> None:
    """Rewrite LADDER at the newest schema version, keeping its comments and layout.

    LADDER must have no errors. Written whole or not at all.
    """
    from pmframework.check.upgrade import upgrade_input
    from pmframework.files import write_output

    upgraded = upgrade_input(ladder)
    if not upgraded.changed:
        note(f"{ladder} is at schema version {upgraded.target} already")
    write_output(output, upgraded.text)
    wrote(output, f" (schema version {upgraded.version} → {upgraded.target})")
