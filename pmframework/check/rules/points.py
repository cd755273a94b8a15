"""Points and ratings are consistent.

A range (a level's ``points``, a competency's ``rating``) runs from its ``min`` up to its
``max``. Within a track, the point ranges of levels climb with their rank and do not overlap,
so that a total of points places someone at one level. A criterion is worth no more points than
the most its level's range allows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from pmframework.findings import JsonPath, Severity, Violation
from pmframework.model.ladder import Ladder, Level, Range
from pmframework.text import number_text

ID = "PMF111"
NAME = "points"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A level is found from a total of points; ranges that run backwards or overlap place "
    "one total at two levels, or at none."
)
FAILS = """\
levels:
  - {id: eng-1, rank: 1, points: {min: 0, max: 12}}
  - {id: eng-2, rank: 2, points: {min: 10, max: 29}}
"""
PASSES = """\
levels:
  - {id: eng-1, rank: 1, points: {min: 0, max: 9}}
  - {id: eng-2, rank: 2, points: {min: 10, max: 29}}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for competency in ladder.competencies:
        if competency.rating is not None:
            yield from _backwards(competency.rating, "rating")
    reported: set[JsonPath] = set()  # a shared criterion stands at several levels
    for track in ladder.tracks:
        ranged = [level for level in track.levels if level.points is not None]
        for level in ranged:
            yield from _backwards(_range(level), "points")
            for violation in _criteria_within(level):
                if violation.path not in reported:
                    reported.add(violation.path)
                    yield violation
        for below, level in itertools.pairwise(ranged):
            low, high = _range(below), _range(level)
            if low.min <= low.max and high.min <= low.max:
                yield Violation(
                    (*high.path, "min"),
                    f"level {level.id!r} starts at {number_text(high.min)} points, within the "
                    f"range of {below.id!r} listed before it (up to {number_text(low.max)}); "
                    "let each level's points start above the one before",
                    related=(*low.path, "max"),
                )


def _range(level: Level) -> Range:
    assert level.points is not None  # only levels with a range are asked
    return level.points


def _backwards(value: Range, what: str) -> Iterator[Violation]:
    if value.min > value.max:
        yield Violation(
            (*value.path, "min"),
            f"{what} run from {number_text(value.min)} down to {number_text(value.max)}; "
            "write the lower number as min",
        )


def _criteria_within(level: Level) -> Iterator[Violation]:
    top = _range(level).max
    criteria = (*(c for e in level.expectations.values() for c in e.criteria), *level.criteria)
    for criterion in criteria:
        if criterion.points is not None and criterion.points > top:
            yield Violation(
                (*criterion.path, "points"),
                f"this criterion is worth {number_text(criterion.points)} points, more "
                f"than level {level.id!r} allows in all ({number_text(top)})",
            )
