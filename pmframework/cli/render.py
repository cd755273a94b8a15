"""``pmframework render``: publish a ladder as HTML, PDF or Markdown."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, TextIO

import click

from pmframework.cli.options import (
    document_options,
    output_option,
    quiet,
    verbosity_options,
    wrote,
)
from pmframework.render import FORMATS

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


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
@click.option(
    "--specialty",
    metavar="ID",
    help="The ladder as this specialty reads it: the common competencies and its own.",
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
    specialty: str | None,
    css: str | None,
    logo: str | None,
) -> None:
    """Publish LADDER as a web page, a PDF or Markdown, inheritance applied.

    The HTML is one self-contained file; the PDF has a cover, contents with page numbers and
    bookmarks; the Markdown suits wikis and READMEs.
    """
    from pmframework.render.output import render_to_file

    with stage_bar(sys.stderr) as progress:
        chosen = render_to_file(
            ladder,
            output,
            output_format=output_format,
            template_dir=template_dir,
            tracks=tracks,
            levels=levels,
            specialty=specialty,
            css=css,
            logo=logo,
            progress=progress,
        )
    wrote(output, f" ({chosen})")


@contextmanager
def stage_bar(stream: TextIO) -> Iterator[Callable[[str], None] | None]:
    """A progress bar on ``stream`` moved by the stages a render reports, shown only from the
    first stage (an HTML page reports none) and only on a terminal: a log or a pipe gets
    nothing."""
    if quiet() or not stream.isatty():
        yield None
        return
    from pmframework.render.output import PDF_STAGES

    with ExitStack() as stack:
        bars: list[ProgressBar[int]] = []

        def report(stage: str) -> None:
            label = f"PDF: {stage:<18}"
            if not bars:
                bar = click.progressbar(
                    length=len(PDF_STAGES), label=label, file=stream, show_eta=False, width=20
                )
                bars.append(stack.enter_context(bar))
            else:
                bars[0].label = label
                bars[0].update(1)

        yield report
        if bars:
            bars[0].update(len(PDF_STAGES) - bars[0].pos)
