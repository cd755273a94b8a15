"""``pmframework schema``: print the JSON Schema of ladders."""

from __future__ import annotations

import click

from pmframework.cli.options import verbosity_options


@click.command()
@click.option("--version", "version", type=int, help="Schema version (default: the latest).")
@verbosity_options
def schema(version: int | None) -> None:
    """Print the JSON Schema of ladders (for editors and other validators)."""
    from pmframework.check.schema import known_versions, latest_version, schema_text
    from pmframework.errors import UsageError

    chosen = latest_version() if version is None else version
    if chosen not in known_versions():
        known = ", ".join(str(v) for v in known_versions())
        raise UsageError(f"no schema version {chosen}; known: {known}")
    click.echo(schema_text(chosen), nl=False)
