"""A rule reports at most MAX_FINDINGS_PER_RULE findings in a file; the last says how many more.

One mistake repeated through an alias, or copied to thousands of places, is reported in a page.
"""

from __future__ import annotations

from pmframework.check.engine import MAX_FINDINGS_PER_RULE, check_loaded
from pmframework.check.rules import RULES
from pmframework.findings import Severity
from pmframework.load.document import parse_document

HEAD = """\
schema_version: 1
framework: {id: f, title: F, organization: O, version: "1", status: draft}
areas: [{id: core, name: Core, competencies: [{id: judgement, name: Judgement}]}]
x-criteria: &crit
"""


def aliased(criteria: int, levels: int) -> str:
    """``levels`` levels that all use one anchor of ``criteria`` placeholder criteria."""
    anchor = "".join(f"  - TODO criterion {i}\n" for i in range(criteria))
    body = "".join(
        f"      - {{id: l{i}, title: L{i}, rank: {i + 1}, "
        "expectations: {judgement: {criteria: *crit}}}\n"
        for i in range(levels)
    )
    return (
        HEAD + anchor + "tracks:\n  - id: ic\n    name: IC\n    kind: individual-contributor\n"
        "    levels:\n" + body
    )


def test_one_placeholder_used_everywhere_is_reported_in_a_page() -> None:
    text = aliased(criteria=50, levels=40)  # 2,000 placeholders, 50 written
    findings, _ = check_loaded(parse_document("aliases.yaml", text), [RULES["PMF202"]])
    assert MAX_FINDINGS_PER_RULE == 100
    assert len(findings) == 100
    assert all(f.rule == "PMF202" and f.severity == Severity.WARNING for f in findings)
    assert findings[0].message == "placeholder 'TODO' in 'TODO criterion 0'"
    assert findings[-1].message == (
        "placeholder 'TODO' in 'TODO criterion 49' (and 1,900 more PMF202 findings not shown)"
    )


def test_each_rule_is_capped_on_its_own_and_a_few_findings_are_not_touched() -> None:
    text = aliased(criteria=50, levels=3)
    findings, _ = check_loaded(parse_document("aliases.yaml", text), RULES.values())
    by_rule = {rule: [f for f in findings if f.rule == rule] for rule in {f.rule for f in findings}}
    assert len(by_rule["PMF202"]) == 100
    assert "(and 50 more PMF202 findings not shown)" in by_rule["PMF202"][-1].message
    assert len(by_rule["PMF203"]) == 100  # 2 × 50 copies, exactly the cap: nothing more to say
    assert not any("not shown" in f.message for f in by_rule["PMF203"])
