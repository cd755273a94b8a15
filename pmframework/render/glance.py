"""The ladder at a glance: the tracks side by side, one row (rung) per rank, highest first.

Where tracks fork, a track has no level at some ranks; each cell says where its rank lies on
the track (``Rung.spans``) so that the template draws no rung there, and ``LadderView.reach``
says in words where each track starts and stops.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pmframework.model import Track
from pmframework.render.views import LadderView, LevelView, Rung, TrackReach, TrackView
from pmframework.text import number_text


def ladder_view(
    tracks: Sequence[tuple[Track, TrackView]], level_views: Mapping[str, LevelView]
) -> LadderView:
    """Each track beside its view, and every level's view by id: the ladder at a glance."""
    ranks = sorted({lv.rank for track, _ in tracks for lv in track.levels}, reverse=True)
    held = [[lv.rank for lv in track.levels] for track, _ in tracks]
    rungs = tuple(
        Rung(
            rank,
            number_text(rank),
            tuple(
                tuple(level_views[lv.id] for lv in track.levels if lv.rank == rank)
                for track, _ in tracks
            ),
            tuple(rank_on_track(rank, ranks_held) for ranks_held in held),
        )
        for rank in ranks
    )
    reach = tuple(
        found
        for (_, view), ranks_held in zip(tracks, held, strict=True)
        if (found := track_reach(view.name, ranks_held, ranks))
    )
    return LadderView(tuple(view for _, view in tracks), rungs, reach)


def rank_on_track(rank: float, held: Sequence[float]) -> str:
    """Where ``rank`` lies on a track whose levels hold the ranks ``held`` (see ``Rung.spans``)."""
    if rank in held:
        return "level"
    if held and min(held) < rank < max(held):
        return "gap"
    return "above" if held and rank > max(held) else "below"


def track_reach(name: str, held: Sequence[float], ranks: Sequence[float]) -> TrackReach | None:
    """Where a track holding the ranks ``held`` starts and stops, when it does not span all of
    ``ranks`` (every rank of the ladder, highest first); None when it does."""
    if not held or not ranks:
        return None
    low, high = min(held), max(held)
    starts = number_text(low) if low > ranks[-1] else None
    stops = number_text(high) if high < ranks[0] else None
    return TrackReach(name, starts, stops) if starts or stops else None
