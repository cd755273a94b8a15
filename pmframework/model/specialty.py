"""A ladder as one specialty of its job family reads it (``render --specialty``).

A competency that names specialties belongs to those only; one that names none is common to
the whole job family. A Growth product manager reads the common competencies and Growth's own,
and nothing of the other specialties: their competencies leave the catalog, the expectations,
the shared statements and the assessment prompts about them alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pmframework.findings import JsonPath
from pmframework.model.ladder import Area, Competency, Ladder, Level, Prompt, Statement, Track


@dataclass(frozen=True)
class Specialty:
    """A specialty of the job family (Growth, Platform, ...), adding its own competencies."""

    id: str
    name: str
    description: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


def belongs_to(competency: Competency, specialty_id: str) -> bool:
    """True for a competency of that specialty and for one every specialty shares."""
    return not competency.specialties or specialty_id in competency.specialties


def for_specialty(ladder: Ladder, specialty_id: str) -> Ladder:
    """``ladder`` with only the competencies common to all and those of ``specialty_id``. The
    specialties stay, so that a competency it shares with another still names both; an id
    the ladder lacks leaves only the common competencies."""
    dropped = {c.id for c in ladder.competencies if not belongs_to(c, specialty_id)}
    if not dropped:
        return ladder
    return replace(
        ladder,
        areas=tuple(
            _area(area, dropped)
            for area in ladder.areas
            # An area of other specialties' competencies only has nothing left to say.
            if not area.competencies or any(c.id not in dropped for c in area.competencies)
        ),
        ungrouped=tuple(c for c in ladder.ungrouped if c.id not in dropped),
        tracks=tuple(_track(track, dropped) for track in ladder.tracks),
        shared=tuple(s for s in ladder.shared if s.competency not in dropped),
        assessment=_prompts(ladder.assessment, dropped),
    )


def _area(area: Area, dropped: set[str]) -> Area:
    return replace(area, competencies=tuple(c for c in area.competencies if c.id not in dropped))


def _track(track: Track, dropped: set[str]) -> Track:
    return replace(track, levels=tuple(_level(level, dropped) for level in track.levels))


def _level(level: Level, dropped: set[str]) -> Level:
    expectations = {k: e for k, e in level.expectations.items() if k not in dropped}
    return replace(level, expectations=expectations, assessment=_prompts(level.assessment, dropped))


def _prompts(prompts: Iterable[Prompt], dropped: set[str]) -> tuple[Prompt, ...]:
    """The prompts that ask about the competencies kept, or about none in particular."""
    kept = []
    for prompt in prompts:
        competencies = tuple(c for c in prompt.competencies if c not in dropped)
        if competencies or not prompt.competencies:
            kept.append(replace(prompt, competencies=competencies))
    return tuple(kept)
