"""``pmframework rules``: the table of validation rules."""

from __future__ import annotations

import click

from pmframework.check import RULE_TABLE_FORMATS
from pmframework.cli.options import format_option, verbosity_options


@click.command()
@format_option(RULE_TABLE_FORMATS, default="text", help="markdown is the README's table.")
@verbosity_options
def rules(output_format: str) -> None:
    """List the validation rules with their ids and severities."""
    click.echo(RULE_TABLE_FORMATS[output_format](), nl=False)
