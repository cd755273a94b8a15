"""Inheritance resolved once per ladder: long chains, cycles in them, and the same results as
walking each level's chain.

The shapes are those of ``benchmarks/hostile.py`` at an ordinary size; the benchmark, not these
tests, measures the cost.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.load.document import parse_document
from pmframework.model import Area, Competency, Expectation, FrameworkInfo, Ladder, Level, Track
from pmframework.model import Statement as S
from pmframework.model.resolve import Reach, _resolve_directly, inheritance_chain

HEAD = """\
schema_version: 1
framework: {id: chain, title: Chain, organization: Acme, version: "1", status: draft}
scales:
  - {id: s, name: Scale, steps: [{id: low, name: Low}, {id: high, name: High}]}
areas:
  - id: core
    name: Core
    competencies:
      - {id: judgement, name: Judgement, scale: s}
      - {id: delivery, name: Delivery, scale: s}
tracks:
  - id: ic
    name: IC
    kind: individual-contributor
    levels:
"""


def chain_text(count: int, *, parent: dict[int, int] | None = None, low: int = -1) -> str:
    """``count`` levels, each inheriting the one below (or ``parent[i]``); level ``low``
    expects less judgement than the levels below it; only level 0 leaves delivery out."""
    lines = [HEAD]
    for i in range(count):
        inherits = (parent or {}).get(i, i - 1)
        lines.append(f"      - id: level-{i}\n        title: Level {i}\n        rank: {i + 1}\n")
        if inherits >= 0:
            lines.append(f"        inherits: level-{inherits}\n")
        step = "low" if i in (0, low) else "high"
        lines.append(f"        expectations:\n          judgement: {{proficiency: {step}}}\n")
        if i == 1:
            lines.append("          delivery: {criteria: [Ships.]}\n")
    return "".join(lines)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def findings(text: str) -> list[tuple[str, int, int, str]]:
    found, _ = check_loaded(parse_document("chain.yaml", text), RULES.values())
    return sorted((f.rule, f.line, f.column, f.message) for f in found)


def test_a_chain_of_1000_levels_has_the_findings_of_a_short_one() -> None:
    text = chain_text(1000, low=700)
    decrease = line_of(text, "id: level-700\n") + 5
    assert findings(text) == [
        (
            "PMF106",
            decrease,
            36,
            "'judgement' at 'level-700' expects 'low', below 'high' at 'level-699' lower in "
            "track 'ic'",
        ),
        (
            "PMF201",
            line_of(text, "id: level-0\n"),
            13,
            "level 'level-0' expects nothing of competency, even after inheritance: 'delivery'",
        ),
    ]


def test_the_top_of_a_long_chain_inherits_everything_below_it_in_order() -> None:
    _, ladder = check_loaded(parse_document("chain.yaml", chain_text(1000)), ())
    assert ladder is not None
    top = ladder.levels[-1]
    delivery = ladder.inheritance.expectations(top)["delivery"]
    assert [(s.statement.text, s.level, s.inherited) for s in delivery.criteria] == [
        ("Ships.", "level-1", True)
    ]
    judgement = ladder.inheritance.expectations(top)["judgement"]
    assert (judgement.proficiency, judgement.proficiency_level) == ("high", "level-999")
    assert ladder.inheritance.reach(ladder.levels[0]) == {"judgement": Reach("low", "level-0")}


def test_a_chain_that_closes_on_itself_is_one_cycle_found_at_its_line() -> None:
    text = chain_text(1000, parent={0: 999})
    cycle = [f"level-{i}" for i in (0, *range(999, 0, -1), 0)]
    assert findings(text) == [
        (
            "PMF104",
            line_of(text, "inherits: level-999\n"),
            19,
            "inheritance cycle: " + " → ".join(cycle),
        )
    ]


def test_a_cycle_in_the_middle_of_a_long_chain_is_reported_on_the_cycle() -> None:
    # level-300 inherits level-500, which leads back down to it; levels above only lead in.
    text = chain_text(1000, parent={300: 500})
    cycle = [f"level-{i}" for i in (300, *range(500, 300, -1), 300)]
    found = findings(text)
    assert [f for f in found if f[0] != "PMF201"] == [
        (
            "PMF104",
            line_of(text, "inherits: level-500\n"),
            19,
            "inheritance cycle: " + " → ".join(cycle),
        )
    ]
    # Level 0, and every level from 300 up, which no longer inherit level 1's delivery: the
    # first 100 of these 701 are shown.
    missing = [f for f in found if f[0] == "PMF201"]
    assert [f[1] for f in missing] == [
        line_of(text, f"id: level-{i}\n") for i in (0, *range(300, 399))
    ]
    assert missing[-1][3].endswith("(and 601 more PMF201 findings not shown)")


# --- the same results as walking each chain ---------------------------------------------------

IDS = st.sampled_from(["a", "b", "c", "d", "e"])  # few ids: duplicates, cycles and gaps
COMPETENCIES = ["x", "y", "z"]


@st.composite
def ladders(draw: st.DrawFn) -> Ladder:
    levels = []
    for n in range(draw(st.integers(1, 7))):
        expectations = {
            c: Expectation(
                c,
                draw(st.sampled_from([None, "low", "high"])),
                criteria=(S(f"{c} criterion {n}"),),
                examples=tuple(S(f"{c} example {n}") for _ in range(draw(st.integers(0, 1)))),
            )
            for c in draw(st.lists(st.sampled_from([*COMPETENCIES, "unknown"]), unique=True))
        }
        inherits = draw(st.one_of(st.none(), IDS, st.just("missing")))
        levels.append(
            Level(draw(IDS), f"L{n}", n, "t", inherits=inherits, expectations=expectations)
        )
    catalog = tuple(Competency(c, c, "core") for c in COMPETENCIES)
    return Ladder(
        1,
        FrameworkInfo("f", "F", "O", "1", "draft"),
        (Track("t", "T", "individual-contributor", tuple(levels)),),
        areas=(Area("core", "Core", catalog),),
    )


def old_cycles(ladder: Ladder) -> list[list[str]]:
    """Cycles as PMF104 found them by walking from every level."""
    parent = {lv.id: lv.inherits for lv in ladder.levels if lv.inherits is not None}
    reported: set[str] = set()
    cycles = []
    for level in ladder.levels:
        chain = [level.id]
        current = parent.get(level.id)
        while current is not None and current not in chain:
            chain.append(current)
            current = parent.get(current)
        if current is None:
            continue
        cycle = chain[chain.index(current) :]
        if not reported.intersection(cycle):
            reported.update(cycle)
            cycles.append(cycle)
    return cycles


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ladders(), st.randoms(use_true_random=False))
def test_resolved_once_is_the_same_as_walking_every_chain(ladder: Ladder, rng: Any) -> None:
    order = {c.id: i for i, c in enumerate(ladder.competencies)}
    levels = list(ladder.levels)
    rng.shuffle(levels)  # the results must not depend on which level is asked for first
    for level in levels:
        walked = _resolve_directly(ladder, level, order)
        assert ladder.inheritance.expectations(level) == walked, inheritance_chain(ladder, level)
        assert list(ladder.inheritance.reach(level).items()) == [
            (c, Reach(r.proficiency, r.proficiency_level)) for c, r in walked.items()
        ]
    assert ladder.inheritance.cycles == old_cycles(ladder)
