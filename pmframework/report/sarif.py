"""SARIF 2.1.0, the format GitHub code scanning and other static-analysis viewers read.

One run of the tool ``pmframework``: its rules (id, name, descriptions, default level) and a
result per finding, placed by file, line and column. Paths are written as relative URIs when
they are relative, so a viewer resolves them against the repository it scanned.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from pmframework._version import __version__
from pmframework.findings import Finding, RuleInfo, ValidationReport
from pmframework.text import json_text, printable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(rule: RuleInfo) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "help": {
            "text": f"{rule.description}\n\nExplained with examples: pmframework rules {rule.id}"
        },
        "defaultConfiguration": {"level": rule.severity.value},
    }


def _uri(file: str) -> str:
    """The file as a URI reference: its bytes percent-encoded (a name need not be UTF-8)."""
    return quote(os.fsencode(file), safe="/")


def _result(finding: Finding, index: dict[str, int]) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": {"uri": _uri(finding.file)}}
    if finding.line:
        location["region"] = {"startLine": finding.line, "startColumn": max(finding.column, 1)}
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "level": finding.severity.value,
        "message": {"text": printable(finding.message)},
        "locations": [{"physicalLocation": location}],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def format_sarif(
    report: ValidationReport, *, color: bool = False, strict: bool = False, quiet: bool = False
) -> str:
    """A SARIF log: the rules pmframework knows and a result per finding."""
    index = {rule.id: i for i, rule in enumerate(report.rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pmframework",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in report.rules],
                    }
                },
                "results": [_result(f, index) for f in report.findings],
            }
        ],
    }
    return json_text(log)
