"""A level stands no lower on a dimension's scale than the levels below it in its track.

A dimension with a ``scale`` (schema version 2) orders what its values mean; a level that
names a ``step`` places itself on it. Going up a track, the step a level names is at least the
one the levels below it name: a promotion never narrows scope. A step a level inherits (its
dimension says ``inherited: true``) counts as the level's own.
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
            # The steps a reader sees: an inherited dimension's step counts where it shows.
            for dimension_id, value in ladder.inheritance.dimensions(level).items():
                step = value.step
                dimension = ladder.dimension(dimension_id)
                scale = ladder.scale(dimension.scale) if dimension and dimension.scale else None
                index = scale.step_index(step) if scale and step is not None else None
                if step is None or index is None:
                    continue  # PMF102 reports an unknown step
                before = highest.get(dimension_id)
                if before is not None and index < before[0]:
                    where = (
                        (*level.path, "inherits")
                        if value.inherited
                        else (*level.path, "dimensions", dimension_id, "step")
                    )
                    shown = f" (inherited from {value.level!r})" if value.inherited else ""
                    yield Violation(
                        where,
                        f"{dimension_id!r} at {level.id!r} is {step!r}{shown}, below "
                        f"{before[1]!r} at {before[2]!r} lower in track {track.id!r}",
                    )
                else:
                    highest[dimension_id] = (index, step, level.id)
