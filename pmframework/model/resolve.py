"""Inheritance: what a level expects once "everything that level expects, plus" is applied.

A level that ``inherits`` another expects all its criteria and examples, plus its own; its own
proficiency, where it gives one, replaces the inherited one. Validation, rendering and diffs all
read expectations through this one module.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmframework.model.ladder import Ladder, Level, Statement


@dataclass(frozen=True)
class Sourced:
    """A statement together with the level it is written at."""

    statement: Statement
    level: str
    inherited: bool


@dataclass(frozen=True)
class ResolvedExpectation:
    competency: str
    proficiency: str | None
    proficiency_level: str | None  # where the proficiency is written
    criteria: tuple[Sourced, ...]
    examples: tuple[Sourced, ...]
    # True when the level itself writes nothing for this competency: all of it is inherited.
    inherited: bool


def inheritance_chain(ladder: Ladder, level: Level) -> list[Level]:
    """``level`` and the levels it inherits from, nearest first; stops at a cycle or a gap."""
    chain = [level]
    seen = {level.id}
    current = level
    while current.inherits is not None:
        parent = ladder.level(current.inherits)
        if parent is None or parent.id in seen:
            break
        chain.append(parent)
        seen.add(parent.id)
        current = parent
    return chain


def resolve_expectations(ladder: Ladder, level: Level) -> dict[str, ResolvedExpectation]:
    """Expectations of ``level`` after inheritance, in the order of the competency catalog."""
    chain = inheritance_chain(ladder, level)
    criteria: dict[str, list[Sourced]] = {}
    examples: dict[str, list[Sourced]] = {}
    proficiency: dict[str, tuple[str, str]] = {}
    for ancestor in reversed(chain):
        inherited = ancestor is not level
        for competency, expectation in ancestor.expectations.items():
            criteria.setdefault(competency, []).extend(
                Sourced(s, ancestor.id, inherited) for s in expectation.criteria
            )
            examples.setdefault(competency, []).extend(
                Sourced(s, ancestor.id, inherited) for s in expectation.examples
            )
            if expectation.proficiency is not None:
                proficiency[competency] = (expectation.proficiency, ancestor.id)
    order = {c.id: i for i, c in enumerate(ladder.competencies)}
    resolved = {}
    for competency in sorted(criteria, key=lambda c: (order.get(c, len(order)), c)):
        step, step_level = proficiency.get(competency, (None, None))
        resolved[competency] = ResolvedExpectation(
            competency=competency,
            proficiency=step,
            proficiency_level=step_level,
            criteria=tuple(criteria[competency]),
            examples=tuple(examples[competency]),
            inherited=competency not in level.expectations,
        )
    return resolved
