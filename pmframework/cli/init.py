"""``pmframework init``: an editable ladder started from a built-in framework."""

from __future__ import annotations

import click

from pmframework.cli.options import force_option, verbosity_options, wrote


@click.command()
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
@force_option("PATH")
@verbosity_options
def init(path: str, source: str, organization: str, force: bool) -> None:
    """Start an editable ladder for your organization at PATH, from a built-in framework.

    The copy keeps every level, competency, statement and source, is marked draft, and
    validates at once.
    """
    from pmframework.reference.scaffold import write_scaffold

    schema = write_scaffold(path, source, organization, force=force)
    wrote(path, f"; next: pmframework validate {path}")
    if schema:
        wrote(schema, " (for editors: the ladder's first line points at it)")
