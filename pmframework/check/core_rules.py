"""The core rules: the checks that make a file usable at all, which cannot be ignored.

Their ids, names and summaries are declared here once; the engine, the schema check and the rule
table all read them from here. The semantic rules live in pmframework.check.rules, one module each.
"""

from __future__ import annotations

from typing import NamedTuple


class CoreRule(NamedTuple):
    name: str
    summary: str


PARSE_RULE = "PMF000"
SCHEMA_RULE = "PMF001"
VERSION_RULE = "PMF002"

# Rule id → its name and a summary of what it checks, in id order.
CORE_RULES: dict[str, CoreRule] = {
    PARSE_RULE: CoreRule(
        "unreadable", "the file can be read and parsed as one YAML or JSON document"
    ),
    SCHEMA_RULE: CoreRule("schema", "the file follows the JSON Schema of its version"),
    VERSION_RULE: CoreRule(
        "schema-version", "the file's schema_version is one this pmframework knows"
    ),
}
