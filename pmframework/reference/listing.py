"""The reference frameworks that ship with pmframework, as ``pmframework list`` shows them."""

from __future__ import annotations

from dataclasses import dataclass

from pmframework.check.engine import load_ladder
from pmframework.resources import BUILTIN_PREFIX, builtin_names


@dataclass(frozen=True)
class BuiltinSummary:
    name: str
    organization: str
    title: str
    tracks: tuple[str, ...]
    levels: int
    competencies: int


def builtin_summaries() -> list[BuiltinSummary]:
    """One summary per built-in framework, by name."""
    summaries = []
    for name in builtin_names():
        ladder = load_ladder(BUILTIN_PREFIX + name)
        summaries.append(
            BuiltinSummary(
                name=name,
                organization=ladder.framework.organization,
                title=ladder.framework.title,
                tracks=tuple(track.name for track in ladder.tracks),
                levels=len(ladder.levels),
                competencies=len(ladder.competencies),
            )
        )
    return summaries
