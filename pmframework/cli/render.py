"""``pmframework render``: publish a ladder as HTML, PDF or Markdown."""

from __future__ import annotations

import click

from pmframework.cli.options import (
    document_options,
    output_option,
    verbosity_options,
    wrote,
)
from pmframework.render import FORMATS


@click.command()
@click.argument("ladder")
@output_option()
@document_options(FORMATS)
@click.option(
    "--track", "tracks", multiple=True, metavar="ID", help="Only this track (repeatable)."
)
@click.option(
    "--level", "levels", multiple=True, metavar="ID", help="Only this level (repeatable)."
)
@click.option("--css", metavar="FILE", help="A stylesheet applied after the default one.")
@click.option("--logo", metavar="FILE", help="An image for the cover (embedded).")
@verbosity_options
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
    wrote(output, f" ({chosen})")
