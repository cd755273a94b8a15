"""Equivalences are consistent in both directions.

When level A lists level B in ``equivalents``, B lists A too, and B is in another track: an
equivalence says an IC level and a management level are on a par, so it has to read the same
from either side.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder

ID = "PMF105"
NAME = "equivalence-mismatch"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "An equivalence is read from both tracks (a manager looking for the IC peer of "
    "their level, and the other way round); one-sided, it answers only one of them."
)
FAILS = """\
- {id: principal-pm, rank: 5, equivalents: [gpm]}   # track ic
- {id: gpm, rank: 5}                                # track mgmt
"""
PASSES = """\
- {id: principal-pm, rank: 5, equivalents: [gpm]}   # track ic
- {id: gpm, rank: 5, equivalents: [principal-pm]}   # track mgmt
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for level in ladder.levels:
        for i, other_id in enumerate(level.equivalents):
            other = ladder.level(other_id)
            if other is None:
                continue  # PMF102 reports it
            where = (*level.path, "equivalents", i)
            if other.track == level.track:
                yield Violation(
                    where,
                    f"{other_id!r} is in the same track {level.track!r} as {level.id!r}; "
                    "equivalents are levels of other tracks",
                )
            elif level.id not in other.equivalents:
                yield Violation(
                    where,
                    f"{level.id!r} lists {other_id!r} as equivalent, but {other_id!r} does not "
                    f"list {level.id!r}; add it to the equivalents of {other_id!r}",
                    related=other.path,
                )
