"""The ``pmframework`` command: parses options, calls the library, maps results to exit codes.

One module per command (validate, diff, render, sheets for import and export, init, migrate,
list, rules, schema, assess); what they share is in pmframework.cli.options, and every choice of a
format or layout is built from its package's registry. Library modules are imported inside the
commands so that ``pmframework --help`` starts fast. Every error pmframework knows about is
caught in one place, ``_Group.invoke``, and printed as one line; exit codes are documented in
pmframework.errors.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

import click

from pmframework._version import __version__
from pmframework.cli.assess import assess
from pmframework.cli.diff import diff
from pmframework.cli.init import init
from pmframework.cli.list import list_builtins
from pmframework.cli.migrate import migrate
from pmframework.cli.options import verbosity_options
from pmframework.cli.render import render
from pmframework.cli.rules import rules
from pmframework.cli.schema import schema
from pmframework.cli.sheets import export, import_command
from pmframework.cli.validate import validate
from pmframework.errors import PmframeworkError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PmframeworkError as error:
            click.echo(f"pmframework: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # The reader went away (`pmframework schema | head`): nothing more to say.
            sys.stderr.close()
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmframework")
@verbosity_options
def main() -> None:
    """Career ladders as versioned, checked, publishable files.

    Exit codes: 0 success, 1 findings or unreadable input, 2 usage error;
    diff, like diff(1): 0 equal, 1 different, 2 any error.
    A LADDER is a path, - for standard input, or builtin:NAME (see `pmframework list`).
    An output (-o) is a file or - for standard output; it is never one of the inputs.
    """
    # A large ladder is millions of small objects (values, positions, model) that live until
    # the command ends. With Python's default thresholds the collector scans them again each
    # time they grow by a quarter, a quarter of a 50,000-expectation diff. Young garbage is
    # still collected; the older generations, nearly never in a command's life.
    gc.set_threshold(100_000, 50, 100)


for _command in (
    validate,
    diff,
    render,
    import_command,
    export,
    init,
    migrate,
    list_builtins,
    rules,
    schema,
    assess,
):
    main.add_command(_command)
