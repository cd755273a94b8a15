"""Checking: the engine, the JSON Schema versions and the semantic rules (rules/)."""

from __future__ import annotations

from pmframework.registry import Registry

# The forms of ``pmframework rules --format``.
RULE_TABLE_FORMATS = Registry(
    "rule table format",
    {
        "text": "pmframework.check.rulebook:rule_table_text",
        "markdown": "pmframework.check.rulebook:rule_table_markdown",
    },
)
