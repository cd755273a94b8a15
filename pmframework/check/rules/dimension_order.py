"""A level stands no lower on a dimension's scale than the levels below it in its track.

A dimension with a ``scale`` (schema version 2) orders what its values mean; a level that
names a ``step`` places itself on it. Going up a track, the step a level names is at least the
one the levels below it name: a promotion never narrows scope.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model import Ladder

ID = "PMF110"
NAME = "dimension-decrease"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A higher level whose scope, autonomy or influence is a lower step than the level "
    "below it contradicts the ladder; it is almost always a typo."
)
FAILS = """\
- {id: pm, rank: 1, dimensions: {influence: {step: group, text: A group of teams.}}}
- {id: senior-pm, rank: 2, dimensions: {influence: {step: team, text: Their team.}}}
"""
PASSES = """\
- {id: pm, rank: 1, dimensions: {influence: {step: team, text: Their team.}}}
- {id: senior-pm, rank: 2, dimensions: {influence: {step: group, text: A group of teams.}}}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for track in ladder.tracks:
        highest: dict[str, tuple[int, str, str]] = {}  # dimension → (step index, step, level)
        for level in track.levels:
            for dimension_id, step in level.dimension_steps.items():
                dimension = ladder.dimension(dimension_id)
                scale = ladder.scale(dimension.scale) if dimension and dimension.scale else None
                index = scale.step_index(step) if scale else None
                if index is None:
                    continue  # PMF102 reports it
                before = highest.get(dimension_id)
                if before is not None and index < before[0]:
                    yield Violation(
                        (*level.path, "dimensions", dimension_id, "step"),
                        f"{dimension_id!r} at {level.id!r} is {step!r}, below {before[1]!r} "
                        f"at {before[2]!r} lower in track {track.id!r}",
                    )
                else:
                    highest[dimension_id] = (index, step, level.id)
