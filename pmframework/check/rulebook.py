"""The rule table users read: ids, names, severities and the first line of each rule's doc.

The README's rule table is this module's Markdown output; a test keeps the two equal.
"""

from __future__ import annotations

from pmframework.check.core_rules import CORE_RULES
from pmframework.check.rules import RULES
from pmframework.findings import RuleInfo, Severity


def rule_rows() -> list[tuple[str, str, str, str]]:
    """(id, name, severity, summary) for every rule, the core ones first."""
    rows = [
        (rule_id, core.name, "error", core.summary[0].upper() + core.summary[1:] + ".")
        for rule_id, core in CORE_RULES.items()
    ]
    for rule in RULES.values():
        doc = (rule.__doc__ or "").strip()
        paragraphs = doc.split("\n\n")
        summary = paragraphs[0].replace("\n", " ")
        detail = " ".join(p.replace("\n", " ") for p in paragraphs[1:])
        rows.append((rule.ID, rule.NAME, rule.SEVERITY.value, f"{summary} {detail}".strip()))
    return rows


def rule_infos() -> list[RuleInfo]:
    """Every rule as the findings formats describe it."""
    return [RuleInfo(i, n, Severity(s), d) for i, n, s, d in rule_rows()]


def rule_table(*, markdown: bool = False) -> str:
    return rule_table_markdown() if markdown else rule_table_text()


def rule_table_text() -> str:
    """A line per rule: id, name, severity and the first sentence of what it checks."""
    rows = rule_rows()
    return "".join(f"{i}  {n:<22} {s:<8} {d.split('.')[0]}.\n" for i, n, s, d in rows)


def rule_table_markdown() -> str:
    """The README's table: every rule with the whole of what it checks."""
    lines = ["| id | name | severity | what it checks |", "| --- | --- | --- | --- |"]
    lines += [f"| {i} | `{n}` | {s} | {d} |" for i, n, s, d in rule_rows()]
    return "\n".join(lines) + "\n"
