"""Ranks are strictly ordered within a track.

A track lists its levels from the lowest rank to the highest, each level with a rank of its
own. The rank is what aligns levels across tracks (and across companies), so two levels of one
track with the same rank, or a level listed above one it outranks, make the ladder ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder
from pmframework.text import number_text

ID = "PMF103"
NAME = "rank-order"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "Ranks align levels across tracks and across companies; two levels of one rank, "
    "or levels listed out of order, make that alignment ambiguous."
)
FAILS = """\
levels:
  - {id: senior-pm, rank: 4}
  - {id: pm, rank: 3}
"""
PASSES = """\
levels:
  - {id: pm, rank: 3}
  - {id: senior-pm, rank: 4}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for track in ladder.tracks:
        for below, level in zip(track.levels, track.levels[1:], strict=False):
            if level.rank <= below.rank:
                same = "the same rank as" if level.rank == below.rank else "a lower rank than"
                yield Violation(
                    (*level.path, "rank"),
                    f"level {level.id!r} has {same} {below.id!r} listed before it "
                    f"({number_text(level.rank)} after {number_text(below.rank)}); list the "
                    f"levels of track {track.id!r} from the lowest rank to the highest, "
                    "each rank once",
                    related=(*below.path, "rank"),
                )
