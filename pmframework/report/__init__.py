"""Findings formats: one function per ``--format`` of ``pmframework validate``.

A formatter takes a ValidationReport and returns text; it never imports the checks. To add a
format, write its function in pmframework.report.formats (or a module of its own, as SARIF)
and name it here.
"""

from __future__ import annotations

from pmframework.registry import Registry

FORMATTERS = Registry(
    "findings format",
    {
        "text": "pmframework.report.formats:format_text",
        "json": "pmframework.report.formats:format_json",
        "github": "pmframework.report.formats:format_github",
        "junit": "pmframework.report.formats:format_junit",
        "sarif": "pmframework.report.sarif:format_sarif",
    },
)
