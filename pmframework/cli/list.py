"""``pmframework list``: the built-in reference frameworks."""

from __future__ import annotations

import click

from pmframework.cli.options import verbosity_options


@click.command("list")
@verbosity_options
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
