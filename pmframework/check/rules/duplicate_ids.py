"""Ids are unique.

Every id names one thing: level ids are unique across all tracks (so ``inherits: senior-pm``
is never ambiguous), competency ids across all areas, and the ids of sources, scales, the steps
of one scale, dimensions, specialties, areas, tracks and the sub-grades of one level each among
their kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder

ID = "PMF101"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "References (inherits, equivalents, expectations, sources) are by id; a repeated "
    "id makes a reference point at two things, and diffs match by id."
)
FAILS = """\
levels:
  - {id: senior-pm, title: Senior Product Manager, rank: 4}
  - {id: senior-pm, title: Principal Product Manager, rank: 5}
"""
PASSES = """\
levels:
  - {id: senior-pm, title: Senior Product Manager, rank: 4}
  - {id: principal-pm, title: Principal Product Manager, rank: 5}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    yield from _unique("source", ladder.sources)
    yield from _unique("scale", ladder.scales)
    for scale in ladder.scales:
        yield from _unique(f"step of scale {scale.id!r}", scale.steps)
    yield from _unique("dimension", ladder.dimensions)
    yield from _unique("specialty", ladder.specialties)
    yield from _unique("area", ladder.areas)
    yield from _unique("competency", ladder.competencies)
    yield from _unique("track", ladder.tracks)
    yield from _unique("level", ladder.levels)
    for level in ladder.levels:
        yield from _unique(f"sub-grade of level {level.id!r}", level.sub_grades)


def _unique(kind: str, items: Iterable[Any]) -> Iterator[Violation]:
    first: dict[str, Any] = {}
    for item in items:
        if item.id in first:
            yield Violation(
                (*item.path, "id"),
                f"{kind} id {item.id!r} is used twice",
                related=(*first[item.id].path, "id"),
            )
        else:
            first[item.id] = item
