"""``pmframework diff``: what changed between two ladders, or two levels; git's diff driver."""

from __future__ import annotations

import sys

import click

from pmframework.cli.options import choice, format_option, note, verbosity_options
from pmframework.diff import MODES
from pmframework.diff.report import FORMATTERS
from pmframework.errors import PmframeworkError

_GIT_EXTERNAL = "--git-external-diff"


class _DiffCommand(click.Command):
    """``diff``, whose git driver arguments are never read as options: git appends a path such
    as ``-x.ladder.yaml`` to the configured command, which cannot put ``--`` before it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if _GIT_EXTERNAL in args and "--" not in args:
            from pmframework.diff.inputs import git_arguments_start

            start = max(git_arguments_start(args), args.index(_GIT_EXTERNAL) + 1)
            args = [*args[:start], "--", *args[start:]]
        return super().parse_args(ctx, args)


@click.command(cls=_DiffCommand)
@click.argument("ladders", nargs=-1, metavar="A B")
@format_option(
    FORMATTERS,
    default="text",
    help="markdown suits a pull-request comment; json's shape is in the README.",
)
@click.option(
    "--map",
    "map_path",
    metavar="MAPPING.yaml",
    help="For two different ladders: levels: {B id: A id} and competencies: {B id: A id}.",
)
@click.option(
    "--write-map",
    "write_map",
    metavar="MAPPING.yaml",
    help="For two different ladders: also write the proposed crosswalk as a --map file to edit.",
)
@click.option(
    "--mode",
    type=choice(MODES),
    default="auto",
    show_default=True,
    help="versions: one ladder's versions, matched by id; companies: aligned by evidence; "
    "auto: versions when the framework ids match or most ids are shared.",
)
@click.option("--rev", metavar="REV", help="Compare LADDER at git revision REV with the file now.")
@click.option(
    "--ignore-provenance",
    is_flag=True,
    help="Compare what the ladders say, not where it came from: ignore sources, each "
    "statement's source, quote and editorial mark, and x- keys.",
)
@click.option(
    _GIT_EXTERNAL,
    "git_external",
    is_flag=True,
    help="Be git's diff driver: take the 7 arguments git passes; exit 0 after a difference.",
)
@verbosity_options
def diff(
    ladders: tuple[str, ...],
    output_format: str,
    map_path: str | None,
    write_map: str | None,
    mode: str,
    rev: str | None,
    ignore_provenance: bool,
    git_external: bool,
) -> None:
    """Show what changed between ladders A and B, as levels and competencies.

    A and B are paths, -, builtin:NAME or REV:path (git); LADDER#LEVEL compares one level
    with another: what the second adds and raises, as a promotion checklist. Two versions of
    one ladder are matched by id; two different ladders are aligned by rank, titles and text.

    Exit codes, as diff(1): 0 equal, 1 different, 2 trouble.
    """
    from pmframework.diff.compare import DiffError
    from pmframework.diff.inputs import diff_inputs, external_diff, write_crosswalk

    try:
        if git_external:
            shown = external_diff(ladders, mode=mode, provenance=not ignore_provenance)
            text = (
                shown.message if shown.result is None else FORMATTERS[output_format](shown.result)
            )
            click.echo(text, nl=False)
            sys.exit(0)
        result = diff_inputs(
            ladders, rev=rev, mode=mode, map_path=map_path, provenance=not ignore_provenance
        )
        if write_map is not None:
            write_crosswalk(result, write_map)
    except DiffError:
        raise
    except PmframeworkError as error:
        # diff(1) keeps 1 for "different": every error of a diff exits 2.
        raise DiffError(str(error)) from error
    note(f"compared as {result.mode}: {result.reason}")
    click.echo(FORMATTERS[output_format](result), nl=False)
    sys.exit(0 if result.equal else 1)
