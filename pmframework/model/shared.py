"""Shared statements (schema version 2): written once, added to every level they cover.

A shared entry about a competency adds its criteria, examples and anti-patterns to that
competency's expectation at each level covered; one about a dimension gives the dimension's
text at each level covered that does not write its own; one about neither adds criteria and
anti-patterns of the whole level. Every statement keeps the path of the entry it is written in,
so that a finding about it points there, and render and diff can tell it was written once.

Criteria and examples are inherited (``inherits``): a level whose ancestor is covered too
receives them from the ancestor, not a second time. Dimensions, anti-patterns and criteria of
the whole level are not inherited, so every level covered receives them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pmframework.findings import JsonPath
from pmframework.model.ladder import Expectation, Level, Statement, Track


@dataclass(frozen=True)
class Shared:
    """Statements written once for every level they apply to (version 2): about a competency,
    a dimension, or (neither named) the whole level.

    A level is covered when it meets each of ``levels``, ``tracks`` and ``min_rank`` given.
    The model adds the statements to every level covered, each keeping the path of the entry,
    so that rules, render and diff read them where they apply and findings point here.
    """

    competency: str | None = None
    dimension: str | None = None
    levels: tuple[str, ...] | None = None
    tracks: tuple[str, ...] | None = None
    min_rank: float | None = None
    text: Statement | None = None
    criteria: tuple[Statement, ...] = ()
    examples: tuple[Statement, ...] = ()
    anti_patterns: tuple[Statement, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)

    def covers(self, level: Level) -> bool:
        return (
            (self.levels is None or level.id in self.levels)
            and (self.tracks is None or level.track in self.tracks)
            and (self.min_rank is None or level.rank >= self.min_rank)
        )


def apply_shared(tracks: tuple[Track, ...], shared: tuple[Shared, ...]) -> tuple[Track, ...]:
    """The tracks with every shared entry added to the levels it covers."""
    if not shared:
        return tracks
    levels = {lv.id: lv for track in tracks for lv in track.levels}
    return tuple(
        dataclasses.replace(
            track,
            levels=tuple(_with_shared(lv, shared, levels) for lv in track.levels),
        )
        for track in tracks
    )


def _ancestors(level: Level, levels: Mapping[str, Level]) -> list[Level]:
    """The levels ``level`` inherits from, nearest first; stops at a cycle or a gap."""
    found: list[Level] = []
    seen = {level.id}
    current = levels.get(level.inherits) if level.inherits is not None else None
    while current is not None and current.id not in seen:
        found.append(current)
        seen.add(current.id)
        current = levels.get(current.inherits) if current.inherits is not None else None
    return found


def _with_shared(level: Level, shared: tuple[Shared, ...], levels: Mapping[str, Level]) -> Level:
    covering = [entry for entry in shared if entry.covers(level)]
    if not covering:
        return level
    ancestors = _ancestors(level, levels)
    expectations = dict(level.expectations)
    dimensions = dict(level.dimensions)
    criteria, anti_patterns = level.criteria, level.anti_patterns
    for entry in covering:
        if entry.dimension is not None and entry.text is not None:
            dimensions.setdefault(entry.dimension, entry.text)
        elif entry.competency is None:
            criteria += entry.criteria
            anti_patterns += entry.anti_patterns
        else:
            inherited = any(entry.covers(ancestor) for ancestor in ancestors)
            if inherited and not entry.anti_patterns:
                continue  # all of it arrives through inherits
            own = expectations.get(entry.competency) or Expectation(
                entry.competency, path=entry.path
            )
            expectations[entry.competency] = dataclasses.replace(
                own,
                criteria=own.criteria + (() if inherited else entry.criteria),
                examples=own.examples + (() if inherited else entry.examples),
                anti_patterns=own.anti_patterns + entry.anti_patterns,
            )
    return dataclasses.replace(
        level,
        expectations=expectations,
        dimensions=dimensions,
        criteria=criteria,
        anti_patterns=anti_patterns,
    )
