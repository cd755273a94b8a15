"""Inheritance is acyclic.

``inherits`` says "everything that level expects, plus": a chain of such levels has to end.
A level that inherits itself, or two levels that inherit each other, expect nothing definite.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder

ID = "PMF104"
NAME = "inheritance-cycle"
SEVERITY = Severity.ERROR


def check(ladder: Ladder) -> Iterator[Violation]:
    parent = {lv.id: lv.inherits for lv in ladder.levels if lv.inherits is not None}
    reported: set[str] = set()
    for level in ladder.levels:
        chain = [level.id]
        current = parent.get(level.id)
        while current is not None and current not in chain:
            chain.append(current)
            current = parent.get(current)
        if current is None:
            continue
        cycle = chain[chain.index(current) :]
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        # Point at a level in the cycle: the level we started from may only lead into it.
        in_cycle = ladder.level(cycle[0]) or level
        yield Violation(
            (*in_cycle.path, "inherits"),
            "inheritance cycle: " + " → ".join([*cycle, current]),
        )
