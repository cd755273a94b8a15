"""The rule table users read: ids, names, severities and the first line of each rule's doc.

The README's rule table is this module's Markdown output; a test keeps the two equal.
"""

from __future__ import annotations

import textwrap

from pmframework.check.core_rules import CORE_RULES
from pmframework.check.rules import RULES
from pmframework.findings import RuleInfo, Severity
from pmframework.text import did_you_mean


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


def explain(rule_id: str) -> str:
    """A rule's page, as ``pmframework rules ID`` prints it: what it checks, the whole text,
    why it matters, and an example that fails and one that passes. ``rule_id`` is an id or a
    name (``PMF103``, ``pmf103`` or ``rank-order``)."""
    wanted = rule_id.strip()
    pages = {
        rid: (core.name, "error", core.summary, core.why, core.fails, core.passes)
        for rid, core in CORE_RULES.items()
    }
    for rule in RULES.values():
        doc = (rule.__doc__ or "").strip()
        pages[rule.ID] = (rule.NAME, rule.SEVERITY.value, doc, rule.WHY, rule.FAILS, rule.PASSES)
    by_name = {page[0]: rid for rid, page in pages.items()}
    found = wanted.upper() if wanted.upper() in pages else by_name.get(wanted.lower())
    if found is None:
        from pmframework.errors import UsageError

        hint = did_you_mean(wanted.upper(), pages) or did_you_mean(wanted.lower(), by_name)
        raise UsageError(f"no rule {wanted!r}{hint} (the rules: pmframework rules)")
    name, severity, text, why, fails, passes = pages[found]
    text = text[0].upper() + text[1:]
    text = text if text.endswith(".") else text + "."
    return (
        f"{found} {name} ({severity})\n\n{text}\n\n"
        f"Why it matters\n\n{textwrap.fill(why, 96)}\n\n"
        f"Fails\n\n{_indented(fails)}\n"
        f"Passes\n\n{_indented(passes)}"
    )


def _indented(example: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in example.splitlines())
