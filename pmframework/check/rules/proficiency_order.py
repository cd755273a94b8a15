"""Proficiency never decreases up a track.

Going up a track, the proficiency a level expects in a competency (after inheritance) is at
least the one the levels below it expect, on the competency's scale.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model import Ladder

ID = "PMF106"
NAME = "proficiency-decrease"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A promotion never asks for less: a higher level that expects a lower proficiency "
    "is almost always a typo, and it makes the ladder contradict itself."
)
FAILS = """\
- {id: pm, rank: 1, expectations: {strategy: {proficiency: solid}}}
- {id: senior-pm, rank: 2, expectations: {strategy: {proficiency: basic}}}
"""
PASSES = """\
- {id: pm, rank: 1, expectations: {strategy: {proficiency: basic}}}
- {id: senior-pm, rank: 2, expectations: {strategy: {proficiency: solid}}}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    # Each competency's scale, found once rather than at every level that reaches it.
    scales = {
        competency.id: ladder.scale_of(competency) for competency in reversed(ladder.competencies)
    }
    for track in ladder.tracks:
        highest: dict[str, tuple[int, str, str]] = {}  # competency → (step index, step, level)
        for level in track.levels:
            for competency_id, resolved in ladder.inheritance.reach(level).items():
                if competency_id not in scales or resolved.proficiency is None:
                    continue
                scale = scales[competency_id]
                index = scale.step_index(resolved.proficiency) if scale else None
                if index is None:
                    continue  # PMF102 reports it
                before = highest.get(competency_id)
                if before is not None and index < before[0]:
                    yield Violation(
                        (*level.expectations[competency_id].path, "proficiency")
                        if competency_id in level.expectations
                        else level.path,
                        f"{competency_id!r} at {level.id!r} expects {resolved.proficiency!r}, "
                        f"below {before[1]!r} at {before[2]!r} lower in track {track.id!r}",
                    )
                else:
                    highest[competency_id] = (index, resolved.proficiency, level.id)
