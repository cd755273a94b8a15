"""Diff formats: one function per ``--format`` of ``pmframework diff``, from a DiffResult.

To add a format, write its function in pmframework.diff.report.formats and name it here.
"""

from __future__ import annotations

from pmframework.registry import Registry

FORMATTERS = Registry(
    "diff format",
    {
        "text": "pmframework.diff.report.formats:format_text",
        "markdown": "pmframework.diff.report.formats:format_markdown",
        "json": "pmframework.diff.report.formats:format_json",
        "html": "pmframework.diff.report.formats:format_html",
    },
)
