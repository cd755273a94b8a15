"""'Did you mean': the same suggestion difflib would make, at a cost bounded per file."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.load.document import parse_document
from pmframework.text import Suggester, SuggestionBudget, did_you_mean

IDS = st.text(alphabet="abcde-_12", min_size=1, max_size=12)


@settings(max_examples=500, deadline=None)
@given(IDS, st.lists(IDS, max_size=30))
def test_the_suggestion_is_difflibs(wrong: str, known: list[str]) -> None:
    expected = difflib.get_close_matches(wrong, known, n=1, cutoff=0.6)
    assert Suggester(known).closest(wrong) == (expected[0] if expected else None)


def test_suggestions_of_ordinary_typos() -> None:
    assert did_you_mean("prioritisation", ["prioritization", "delivery"]) == (
        "; did you mean 'prioritization'?"
    )
    assert did_you_mean("gpm", ["pm", "senior-pm"]) == "; did you mean 'pm'?"
    assert did_you_mean("zzz", ["pm", "senior-pm"]) == ""


def test_a_spent_budget_leaves_ids_without_a_suggestion() -> None:
    known = [f"competency-{i:04d}" for i in range(100)]
    suggester = Suggester(known, SuggestionBudget(250))
    assert suggester.closest("competency-0007x") == "competency-0007"  # 100 quick, a few full
    assert suggester.closest("competency-0007x") == "competency-0007"  # answered once
    assert suggester.closest("competency-0042x") == "competency-0042"
    assert suggester.closest("competency-0043x") is None  # 100 more would pass the budget


def test_many_near_miss_references_are_reported_in_a_page() -> None:
    count = 2000
    competencies = "".join(f"      - {{id: c-{i:05d}, name: C{i}}}\n" for i in range(count))
    expectations = "".join(
        f"          c-{i:05d}x: {{criteria: [Does {i}.]}}\n" for i in range(count)
    )
    text = (
        "schema_version: 1\n"
        "framework: {id: f, title: F, organization: O, version: '1', status: draft}\n"
        f"areas:\n  - id: core\n    name: Core\n    competencies:\n{competencies}"
        "tracks:\n  - id: ic\n    name: IC\n    kind: individual-contributor\n    levels:\n"
        "      - id: pm\n        title: PM\n        rank: 1\n        expectations:\n"
        f"{expectations}"
    )
    findings = sorted(check_loaded(parse_document("near.yaml", text), [RULES["PMF102"]])[0])
    # Every one of 2,000 candidates is as long as each wrong id, so the budget gives the first
    # few dozen a suggestion; the rest are still reported, the first 100 of them shown.
    assert len(findings) == 100
    assert findings[0].message == (
        "'c-00000x' is not a competency of this ladder; did you mean 'c-00000'?"
    )
    assert all(
        f.message.startswith(f"'c-{i:05d}x' is not a competency of this ladder")
        for i, f in enumerate(findings)
    )
    assert findings[-1].message.endswith(" (and 1,900 more PMF102 findings not shown)")
