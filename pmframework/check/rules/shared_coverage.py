"""Every shared entry applies to at least one level.

A ``shared`` entry (schema version 2) is written once and added to every level its
``applies_to`` covers: the levels listed, of the tracks listed, from ``min_rank`` up, each
condition given met. An entry that covers no level says nothing anywhere; usually a
``min_rank`` above the track's top, or a level and a track that never meet.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder

ID = "PMF205"
NAME = "shared-covers-nothing"
SEVERITY = Severity.WARNING

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A shared statement that applies to no level is never rendered, diffed or assessed; "
    "the authors believe the ladder says something it does not."
)
FAILS = """\
shared:
  - competency: strategy
    applies_to: {levels: [vp], tracks: [ic]}   # vp is a management level
    criteria: [Sets the strategy of the company's product line.]
"""
PASSES = """\
shared:
  - competency: strategy
    applies_to: {levels: [vp]}
    criteria: [Sets the strategy of the company's product line.]
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    known = {level.id for level in ladder.levels}
    tracks = {track.id for track in ladder.tracks}
    for shared in ladder.shared:
        if not set(shared.levels or ()) <= known or not set(shared.tracks or ()) <= tracks:
            continue  # an unknown level or track is PMF102's to report
        if not any(shared.covers(level) for level in ladder.levels):
            yield Violation(
                (*shared.path, "applies_to"),
                "this shared entry applies to no level of the ladder: "
                "no level meets every condition of applies_to",
            )
