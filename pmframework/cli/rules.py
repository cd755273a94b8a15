"""``pmframework rules``: the table of validation rules."""

from __future__ import annotations

import click

from pmframework.check import RULE_TABLE_FORMATS
from pmframework.cli.options import format_option, verbosity_options


@click.command()
@click.argument("rule", required=False, metavar="[RULE]")
@format_option(RULE_TABLE_FORMATS, default="text", help="markdown is the README's table.")
@verbosity_options
def rules(rule: str | None, output_format: str) -> None:
    """List the validation rules with their ids and severities; with RULE (an id such as
    PMF102, or a name), explain it: what it checks, why, and an example that fails and one
    that passes."""
    if rule is None:
        click.echo(RULE_TABLE_FORMATS[output_format](), nl=False)
        return
    from pmframework.check.rulebook import explain

    click.echo(explain(rule), nl=False)
