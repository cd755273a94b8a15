"""Diff formats: one function per ``--format`` of ``pmframework diff``, from a DiffResult.

To add a format, write a module beside this one with its function (the text, Markdown and
HTML formats print the shared ``layout``) and name it here.
"""

from __future__ import annotations

from pmframework.registry import Registry

FORMATTERS = Registry(
    "diff format",
    {
        "text": "pmframework.diff.report.text:format_text",
        "markdown": "pmframework.diff.report.markdown:format_markdown",
        "json": "pmframework.diff.report.json:format_json",
        "html": "pmframework.diff.report.html:format_html",
    },
)
