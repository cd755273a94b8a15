"""``pmframework assess``: a person's assessment against a ladder — template, check, report, diff.

Options only; the work is in pmframework.assess. Errors reach the main group's handler, which
prints them as one line with the exit code of their class.
"""

from __future__ import annotations

import sys

import click

from pmframework.assess import PROGRESS_FORMATS, REPORT_FORMATS, TEMPLATE_FORMATS
from pmframework.cli.options import (
    color_option,
    document_options,
    force_option,
    format_option,
    output_option,
    quiet,
    use_color,
    verbosity_options,
    wrote,
)
from pmframework.errors import PmframeworkError
from pmframework.report import FORMATTERS as FINDINGS_FORMATS


@click.group()
@verbosity_options
def assess() -> None:
    """A person's standing against a ladder: template, check, report, diff.

    An ASSESSMENT is a YAML or JSON file (or the CSV/XLSX `assess template` writes) naming a
    ladder, the current and target level and, per criterion, a status (met, partly, not-yet,
    not-applicable) with evidence. It is personal data: nothing is sent anywhere.
    """


@assess.command()
@click.argument("spec", metavar="LADDER#LEVEL")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT", help="File, or -.")
@format_option(
    TEMPLATE_FORMATS,
    default=None,
    help="Default: from the extension of OUT (.yaml, .md, .csv, .xlsx); yaml on standard output.",
)
@click.option("--target", metavar="LEVEL", help="The target level (default: the next one up).")
@force_option("OUT")
@verbosity_options
def template(
    spec: str, output: str, output_format: str | None, target: str | None, force: bool
) -> None:
    """Write a blank assessment of LEVEL towards the next level of its track.

    It lists every criterion of both levels (inheritance applied) and the promotion criteria,
    each with a blank status; CSV and XLSX read back as they are.
    """
    from pmframework.assess.template import write_template

    made = write_template(spec, output, output_format=output_format, target=target, force=force)
    wrote(output, f": {made.current.id} → {made.target.id}, {len(made.rows)} entries")


@assess.command()
@click.argument("paths", nargs=-1, required=True, metavar="ASSESSMENT...")
@format_option(FINDINGS_FORMATS, default="text", help="How to print findings, as validate does.")
@click.option(
    "--since",
    metavar="LADDER",
    help="The ladder the assessment was made for (a path, builtin:NAME or REV:path): "
    "report what changed since for its levels.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@color_option()
@verbosity_options
def check(
    paths: tuple[str, ...], output_format: str, since: str | None, strict: bool, color: str
) -> None:
    """Check assessments against their ladder: file:line:column: RULE severity message.

    Exits 1 on any error (with --strict, any warning), 0 otherwise.
    """
    from pmframework.assess.checks import check_paths

    old = None
    if since is not None:
        from pmframework.diff.inputs import load_side

        old = load_side(since).ladder
    report = check_paths(list(paths), since=old, since_name=since or "")
    colored = use_color(color)
    text = FINDINGS_FORMATS[output_format](report, color=colored, strict=strict, quiet=quiet())
    click.echo(text, nl=False, color=colored)
    sys.exit(1 if report.failed(strict=strict) else 0)


@assess.command()
@click.argument("paths", nargs=-1, required=True, metavar="ASSESSMENT...")
@output_option()
@document_options(REPORT_FORMATS)
@verbosity_options
def report(
    paths: tuple[str, ...], output: str, output_format: str | None, template_dir: str | None
) -> None:
    """Write the readiness report of one or several assessments of one person.

    Per competency what is met, partly met and missing for the target level, the promotion
    criteria and the evidence cited; several assessments (self, manager, peers) side by side,
    with where they agree and differ.
    """
    from pmframework.assess.readiness import write_report

    chosen = write_report(
        list(paths), output, output_format=output_format, template_dir=template_dir
    )
    wrote(output, f" ({chosen})")


@assess.command("diff")
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@format_option(PROGRESS_FORMATS, default="text", help="How to print the progress.")
@verbosity_options
def diff_command(old: str, new: str, output_format: str) -> None:
    """Progress from assessment A to a later assessment B of the same person: criteria whose
    status moved, evidence added and dropped.

    Exit codes, as diff(1): 0 nothing moved, 1 something did, 2 trouble.
    """
    from pmframework.assess.checks import load_assessment
    from pmframework.assess.progress import compare
    from pmframework.diff.compare import DiffError

    try:
        a, _ = load_assessment(old)
        b, _ = load_assessment(new)
    except PmframeworkError as error:
        raise DiffError(str(error)) from error  # exit 2: as diff(1), 1 means "different"
    progress = compare(a, b)
    click.echo(PROGRESS_FORMATS[output_format](progress), nl=False)
    sys.exit(0 if progress.equal else 1)
