"""Formatters: they print findings and decide nothing.

``FORMATTERS`` maps a format name (as ``--format`` takes it) to a function of a report. Each
first makes file names and messages printable (``text.printable``): a file name may hold a
control character or bytes that are not UTF-8, and none of the formats may break on it.
"""

from __future__ import annotations

import dataclasses
from xml.etree import ElementTree

from pmframework._version import __version__
from pmframework.findings import Finding, Severity, ValidationReport
from pmframework.text import json_text, plural, printable

JSON_FORMAT_VERSION = 1

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def printable_report(report: ValidationReport) -> ValidationReport:
    """The report with every file name and message as ``text.printable`` shows it."""
    return ValidationReport(
        [
            dataclasses.replace(f, file=printable(f.file), message=printable(f.message))
            for f in report.findings
        ],
        [printable(name) for name in report.inputs],
        report.rules,
    )


def summary_line(report: ValidationReport) -> str:
    files = plural(len(report.inputs), "file")
    if not report.findings:
        return f"{files} valid"
    errors = plural(report.count(Severity.ERROR), "error")
    warnings = plural(report.count(Severity.WARNING), "warning")
    with_findings = len({f.file for f in report.findings})
    return f"{errors}, {warnings} in {with_findings} of {files}"


def format_text(
    report: ValidationReport, *, color: bool = False, strict: bool = False, quiet: bool = False
) -> str:
    """``file:line:column: RULE severity message``, one finding a line, then a summary."""
    report = printable_report(report)
    lines = []
    for f in report.findings:
        if color:
            where = f"{_BOLD}{f.location()}{_RESET}"
            severity = f"{_COLORS[f.severity]}{f.severity}{_RESET}"
            lines.append(f"{where}: {_DIM}{f.rule}{_RESET} {severity} {f.message}")
        else:
            lines.append(f"{f.location()}: {f.rule} {f.severity} {f.message}")
    if not quiet:
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


def _finding_json(f: Finding) -> dict[str, object]:
    return {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "json_path": f.json_path,
    }


def format_json(
    report: ValidationReport, *, color: bool = False, strict: bool = False, quiet: bool = False
) -> str:
    """A JSON object; its shape is documented in the README and versioned by ``format_version``."""
    report = printable_report(report)
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": f"pmframework {__version__}",
        "valid": not report.failed(),
        "summary": {
            "files": len(report.inputs),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
        },
        "findings": [_finding_json(f) for f in report.findings],
    }
    return json_text(document)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(
    report: ValidationReport, *, color: bool = False, strict: bool = False, quiet: bool = False
) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    report = printable_report(report)
    lines = []
    for f in report.findings:
        level = "error" if f.severity == Severity.ERROR else "warning"
        props = [f"file={_github_escape(f.file, property_value=True)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={f.rule}")
        lines.append(f"::{level} {','.join(props)}::{_github_escape(f.message)}")
    return "".join(line + "\n" for line in lines)


def format_junit(
    report: ValidationReport, *, color: bool = False, strict: bool = False, quiet: bool = False
) -> str:
    """JUnit XML: a test case per input file. A test case fails as the run does: on an error,
    or with ``strict`` on a warning too; other findings are in its ``system-out``, so a CI
    that shows the file red has also failed."""
    report = printable_report(report)
    by_file: dict[str, list[Finding]] = {name: [] for name in report.inputs}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    suite = ElementTree.Element(
        "testsuite",
        name="pmframework validate",
        tests=str(len(by_file)),
        failures=str(sum(1 for fs in by_file.values() if any(f.severity in failing for f in fs))),
        errors="0",
    )
    for name, findings in by_file.items():
        case = ElementTree.SubElement(suite, "testcase", classname="pmframework", name=name)
        passing = []
        for f in findings:
            line = f"{f.location()}: {f.rule} {f.severity} {f.message}"
            if f.severity in failing:
                failure = ElementTree.SubElement(
                    case, "failure", type=f"{f.rule} {f.severity}", message=f.message
                )
                failure.text = line
            else:
                passing.append(line)
        if passing:
            ElementTree.SubElement(case, "system-out").text = "\n".join(passing)
    ElementTree.indent(suite)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(suite, encoding="unicode")
        + "\n"
    )
