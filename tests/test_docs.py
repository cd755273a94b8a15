"""The README says what the tool does: its rule table and examples stay true."""

from __future__ import annotations

import re

from conftest import REPO

from pmframework.check.rulebook import rule_table


def _between(text: str, marker: str) -> str:
    match = re.search(rf"<!-- {marker}:start -->\n(.*?)<!-- {marker}:end -->", text, re.S)
    assert match, f"README.md lacks the {marker} markers"
    return match.group(1)


def test_readme_rule_table_is_generated_from_the_rule_docstrings() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert _between(readme, "rules") == rule_table(markdown=True), (
        "README rule table is stale: paste `pmframework rules --format markdown` there"
    )


def test_every_rule_has_a_docstring_and_a_unique_name() -> None:
    from pmframework.check.rules import RULES

    names = [rule.NAME for rule in RULES.values()]
    assert len(names) == len(set(names))
    for rule in RULES.values():
        assert rule.__doc__ and len(rule.__doc__.strip()) > 40, rule.ID
