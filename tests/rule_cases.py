"""Helpers for rule tests in the style of yamllint's ``RuleTestCase.check(conf, problem1=(5, 5))``:
run every rule on a ladder's text and compare the findings' ``(rule, line, column)``."""

from __future__ import annotations

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.findings import Finding
from pmframework.load.document import parse_document
from pmframework.model import Ladder


def edited(text: str, *changes: tuple[str, str]) -> str:
    """``text`` with each ``(old, new)`` applied; ``old`` must occur exactly once."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the ladder"
        text = text.replace(old, new)
    return text


def check(text: str, *expected: tuple[str, int, int]) -> list[Finding]:
    """Run every rule on ``text``; assert the findings are exactly ``expected``."""
    document = parse_document("test.yaml", text)
    findings, _ = check_loaded(document, RULES.values())
    assert sorted((f.rule, f.line, f.column) for f in findings) == sorted(expected), "\n".join(
        f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings
    )
    return sorted(findings)


def load(text: str) -> Ladder:
    """The model of ``text``, which must have no findings at all."""
    document = parse_document("test.yaml", text)
    findings, ladder = check_loaded(document, RULES.values())
    assert findings == [], [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings]
    assert ladder is not None
    return ladder
