"""Equivalences between tracks on different rank scales keep the tracks' order.

A track numbered on a scale of its own (schema version 2: ``rank_scale``) is related to the
others only by its levels' ``equivalents``: the ladder at a glance places it by them, and a
reader takes them as the exchange rate between the scales. Going up one track, the levels they
name in the other track go up too (or stay): if Staff Engineer is equivalent to Engineering
Manager, the more senior Principal Engineer is not equivalent to a level below it. Tracks on
one scale are ordered by their ranks already and are not checked here.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder, Level

ID = "PMF112"
NAME = "equivalence-order"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "Equivalences are the only bridge between tracks numbered on separate scales; "
    "crossed, they put a more senior level beside a less senior one, and the ladder "
    "at a glance cannot show both tracks in order."
)
FAILS = """\
- {id: ic4, rank: 4, equivalents: [m2]}   # track ic
- {id: ic5, rank: 5, equivalents: [m1]}
- {id: m1, rank: 1, equivalents: [ic5]}   # track management, rank_scale: management
- {id: m2, rank: 2, equivalents: [ic4]}
"""
PASSES = """\
- {id: ic4, rank: 4, equivalents: [m1]}   # track ic
- {id: ic5, rank: 5, equivalents: [m2]}
- {id: m1, rank: 1, equivalents: [ic4]}   # track management, rank_scale: management
- {id: m2, rank: 2, equivalents: [ic5]}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    # Each equivalence across scales once, from the track listed first.
    order = {track.id: i for i, track in enumerate(ladder.tracks)}
    pairs: dict[tuple[str, str], list[tuple[Level, int, Level]]] = {}
    for level in ladder.levels:
        for i, other_id in enumerate(level.equivalents):
            other = ladder.level(other_id)
            if other is None or ladder.same_rank_scale(level, other):
                continue  # PMF102 reports an unknown level; one scale is ordered by rank
            if order.get(level.track, 0) < order.get(other.track, 0):
                pairs.setdefault((level.track, other.track), []).append((level, i, other))
    for found in pairs.values():
        found.sort(key=lambda pair: (pair[0].rank, pair[2].rank))
        highest: tuple[Level, Level] | None = None  # the pair whose other level ranks highest
        for level, i, other in found:
            if highest is not None and other.rank < highest[1].rank:
                yield Violation(
                    (*level.path, "equivalents", i),
                    f"{level.id!r} is above {highest[0].id!r} in its track but equivalent to "
                    f"{other.id!r}, below {highest[1].id!r} that {highest[0].id!r} is "
                    f"equivalent to; equivalences between tracks keep their order",
                    related=highest[0].path,
                )
            else:
                highest = (level, other)
