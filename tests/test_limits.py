"""Limits on what a ladder may hold, checked before any rule runs (README, "Limits")."""

from __future__ import annotations

import json
from typing import Any

from pmframework.check.engine import check_loaded
from pmframework.check.limits import MAX_LEVELS
from pmframework.check.rules import RULES
from pmframework.load.document import parse_document


def chain(levels: int) -> str:
    """A ladder of ``levels`` levels over two tracks, each inheriting the one before it."""
    ids = [f"l{i}" for i in range(levels)]
    half = levels // 2

    def level(i: int) -> dict[str, Any]:
        data: dict[str, Any] = {"id": ids[i], "title": f"Level {i}", "rank": i + 1}
        if i:
            data["inherits"] = ids[i - 1]
        data["expectations"] = {"c": {"criteria": [f"Does thing number {i} well"]}}
        return data

    ladder = {
        "schema_version": 1,
        "framework": {
            "id": "f",
            "title": "F",
            "organization": "O",
            "version": "1",
            "status": "draft",
        },
        "areas": [{"id": "a", "name": "A", "competencies": [{"id": "c", "name": "C"}]}],
        "tracks": [
            {
                "id": "t1",
                "name": "T1",
                "kind": "individual-contributor",
                "levels": [level(i) for i in range(half)],
            },
            {
                "id": "t2",
                "name": "T2",
                "kind": "management",
                "levels": [level(i) for i in range(half, levels)],
            },
        ],
    }
    return json.dumps(ladder, indent=1)


def test_a_ladder_at_the_level_limit_is_checked_by_every_rule() -> None:
    findings, ladder = check_loaded(parse_document("big.json", chain(MAX_LEVELS)), RULES.values())
    assert ladder is not None
    assert not [f for f in findings if f.rule == "PMF001"]


def test_one_level_past_the_limit_is_refused_at_that_level() -> None:
    text = chain(MAX_LEVELS + 1)
    findings, ladder = check_loaded(parse_document("big.json", text), RULES.values())
    assert ladder is None
    [finding] = findings
    assert finding.rule == "PMF001"
    assert finding.message == "more than 1,000 levels in the ladder; is this a ladder?"
    # The level past the limit is the last one of the second track; the finding is at its line.
    assert text.splitlines()[finding.line - 1].strip() == "{"
    assert finding.path == ("tracks", 1, "levels", MAX_LEVELS - MAX_LEVELS // 2)
