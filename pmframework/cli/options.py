"""Options and helpers shared by the commands: output, overwrite, colour, quiet and verbose.

Each command module builds its own options from the registries; what several commands share is
declared here once so that it reads and behaves the same in every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from pmframework.registry import Registry

F = TypeVar("F", bound=Callable[..., Any])

COLOR_CHOICES = ("auto", "always", "never")

# Verbosity of the messages around a command's output (never the output itself):
# -1 quiet (errors only), 0 normal, 1 verbose.
_VERBOSITY = "pmframework_verbosity"


def choice(registry: Registry) -> click.Choice[str]:
    """A ``click.Choice`` of a registry's names, so that a new format is one registry line."""
    return click.Choice(registry.names())


def format_option(registry: Registry, *, default: str | None, help: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=choice(registry),
        default=default,
        show_default=default is not None,
        help=help,
    )


def document_options(registry: Registry) -> Callable[[F], F]:
    """``--format`` and ``--template-dir`` of the commands that write a document (HTML, PDF,
    Markdown) through the render templates: render and assess report."""

    def decorate(function: F) -> F:
        function = click.option(
            "--template-dir",
            type=click.Path(exists=True, file_okay=False),
            metavar="DIR",
            help="Templates that replace the default ones of the same name.",
        )(function)
        return format_option(
            registry,
            default=None,
            help="Default: from the extension of OUT (.html/.htm, .pdf, .md/.markdown).",
        )(function)

    return decorate


def output_option(
    *, metavar: str = "OUT", help: str = "The file to write, or - for standard output."
) -> Callable[[F], F]:
    return click.option("-o", "--output", required=True, metavar=metavar, help=help)


def force_option(what: str) -> Callable[[F], F]:
    return click.option("--force", is_flag=True, help=f"Replace {what} if it exists.")


def color_option() -> Callable[[F], F]:
    return click.option(
        "--color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help="Colour text output; auto colours only on a terminal and honours NO_COLOR.",
    )


def _set_verbosity(level: int) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta[_VERBOSITY] = level

    return callback


def verbosity_options(function: F) -> F:
    """``-q/--quiet`` and ``-v/--verbose``, accepted by the group and by every command."""
    function = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(1),
        help="Say more about what is done (on standard error).",
    )(function)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(-1),
        help="Print only results and errors, no progress or summaries.",
    )(function)


def verbosity() -> int:
    ctx = click.get_current_context(silent=True)
    return 0 if ctx is None else int(ctx.meta.get(_VERBOSITY, 0))


def quiet() -> bool:
    return verbosity() < 0


def note(message: str) -> None:
    """A message shown with --verbose only, on standard error."""
    if verbosity() > 0:
        click.echo(message, err=True)


def wrote(output: str, detail: str = "") -> None:
    """``wrote OUT``; on standard error when OUT is standard output, so as not to mix in."""
    from pmframework.files import is_standard_output
    from pmframework.text import printable

    if not quiet():
        click.echo(f"wrote {printable(output)}{detail}", err=is_standard_output(output))


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


# Fewer inputs than this are checked too fast for a progress bar to help.
PROGRESS_FROM = 20
T = TypeVar("T")


def progress(label: str) -> Callable[[Iterable[T]], Iterable[T]]:
    """A wrapper showing a progress bar over a list of work, on standard error when it is a
    terminal (never in a pipe, a log or with --quiet), and only when there is much to do."""

    def wrap(items: Iterable[T]) -> Iterable[T]:
        work = list(items)
        if quiet() or len(work) < PROGRESS_FROM or not sys.stderr.isatty():
            return work
        return _bar(work, label)

    return wrap


def _bar(work: list[T], label: str) -> Iterator[T]:
    with click.progressbar(work, label=label, file=sys.stderr) as bar:
        yield from bar
