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

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "Inheritance is resolved by following inherits until it ends; a cycle never ends, "
    "so the levels in it have no definite expectations."
)
FAILS = """\
levels:
  - {id: pm, rank: 1, inherits: senior-pm}
  - {id: senior-pm, rank: 2, inherits: pm}
"""
PASSES = """\
levels:
  - {id: pm, rank: 1}
  - {id: senior-pm, rank: 2, inherits: pm}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for cycle in ladder.inheritance.cycles:
        # Point at a level in the cycle: the level the walk started from may only lead into it.
        in_cycle = ladder.level(cycle[0])
        if in_cycle is None:
            continue  # never: every id in a cycle inherits, so names a level
        yield Violation(
            (*in_cycle.path, "inherits"),
            "inheritance cycle: " + " → ".join([*cycle, cycle[0]]),
        )
