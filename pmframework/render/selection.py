"""Which tracks and levels a rendered document shows (``--track``, ``--level``), and the
specialty it is read by (``--specialty``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmframework.errors import LadderError, Location
from pmframework.model import Ladder, for_specialty
from pmframework.text import did_you_mean


@dataclass(frozen=True)
class Selection:
    """Which tracks and levels a document shows."""

    tracks: frozenset[str]
    levels: frozenset[str]
    filtered: bool


def _suggestion(wanted: str, known: Sequence[str], what: str) -> str:
    """``; did you mean 'ic'? tracks are: ic, mgmt``: the closest id, then all of them."""
    return f"{did_you_mean(wanted, known) or ';'} {what}: {', '.join(known)}"


def select(
    ladder: Ladder, name: str, tracks: Sequence[str] = (), levels: Sequence[str] = ()
) -> Selection:
    """The tracks and levels to render; unknown ids are an error naming ``name``."""
    track_ids = [t.id for t in ladder.tracks]
    level_ids = [lv.id for lv in ladder.levels]
    for track_id in tracks:
        if track_id not in track_ids:
            hint = _suggestion(track_id, track_ids, "tracks are")
            raise LadderError(Location(name), f"no track {track_id!r}{hint}")
    for level_id in levels:
        if level_id not in level_ids:
            hint = _suggestion(level_id, level_ids, "levels are")
            raise LadderError(Location(name), f"no level {level_id!r}{hint}")
    chosen_levels = [lv for lv in ladder.levels if lv.id in levels]
    if tracks:
        chosen_tracks = set(tracks)
    elif levels:
        chosen_tracks = {lv.track for lv in chosen_levels}
    else:
        chosen_tracks = set(track_ids)
    for level in chosen_levels:
        if level.track not in chosen_tracks:
            raise LadderError(
                Location(name),
                f"level {level.id!r} is in track {level.track!r}, which the chosen tracks "
                f"({', '.join(sorted(chosen_tracks))}) leave out",
            )
    if levels:
        chosen = {lv.id for lv in chosen_levels}
    else:
        chosen = {lv.id for lv in ladder.levels if lv.track in chosen_tracks}
    return Selection(frozenset(chosen_tracks), frozenset(chosen), bool(tracks or levels))


def narrowed(ladder: Ladder, name: str, specialty: str | None) -> Ladder:
    """``ladder`` as ``specialty`` reads it (all of it when None); an unknown id is an error
    naming ``name``, with the ids there are."""
    if specialty is None:
        return ladder
    if ladder.specialty(specialty) is None:
        known = [s.id for s in ladder.specialties]
        if not known:
            raise LadderError(Location(name), f"no specialty {specialty!r}: it has no specialties")
        hint = _suggestion(specialty, known, "specialties are")
        raise LadderError(Location(name), f"no specialty {specialty!r}{hint}")
    return for_specialty(ladder, specialty)
