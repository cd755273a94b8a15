"""The ladder at a glance: the tracks side by side, one row (rung) per rank, highest first.

Where tracks fork, a track has no level at some ranks; each cell says where its rank lies on
the track (``Rung.spans``) so that the template draws no rung there, and ``LadderView.reach``
says in words where each track starts and stops.

Ranks are compared only on one scale (schema version 2: a track's ``rank_scale``). The first
track's scale sets the rows; a track numbered on another scale stands beside them by its
levels' equivalents (pmframework.model.rank_scales, a row without a rank label where a level
has none); a scale with no equivalent there is shown apart, in a table of its own
(``LadderView.separate``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pmframework.model import Track
from pmframework.model.rank_scales import place_tracks
from pmframework.render.views import LadderView, LevelView, Rung, TrackReach, TrackView
from pmframework.text import number_text


def ladder_view(
    tracks: Sequence[tuple[Track, TrackView]], level_views: Mapping[str, LevelView]
) -> LadderView:
    """Each track beside its view, and every level's view by id: the ladder at a glance."""
    views = {id(track): view for track, view in tracks}
    placement = place_tracks([track for track, _ in tracks])
    shown = {id(t) for t in (*placement.first, *placement.by_equivalents)}
    view = _rungs(
        [pair for pair in tracks if id(pair[0]) in shown],
        placement.positions,
        level_views,
        labelled={lv.rank for t in placement.first for lv in t.levels},
    )
    # Where a track starts and stops is said in ranks of the first scale: its tracks only.
    first = {views[id(t)].name for t in placement.first}
    return LadderView(
        view.tracks,
        view.rungs,
        tuple(r for r in view.reach if r.track in first),
        by_equivalents=tuple(views[id(t)].name for t in placement.by_equivalents),
        separate=tuple(
            _rungs(
                [(t, views[id(t)]) for t in group],
                {lv.id: lv.rank for t in group for lv in t.levels},
                level_views,
            )
            for group in placement.apart
        ),
    )


def _rungs(
    tracks: Sequence[tuple[Track, TrackView]],
    positions: Mapping[str, float],
    level_views: Mapping[str, LevelView],
    labelled: set[float] | None = None,
) -> LadderView:
    """The rows of ``tracks`` with each level at its position; a row shows its rank only when
    it is one of ``labelled`` (every row when None)."""
    ranks = sorted({positions[lv.id] for track, _ in tracks for lv in track.levels}, reverse=True)
    held = [[positions[lv.id] for lv in track.levels] for track, _ in tracks]
    rungs = tuple(
        Rung(
            rank,
            number_text(rank) if labelled is None or rank in labelled else "",
            tuple(
                tuple(level_views[lv.id] for lv in track.levels if positions[lv.id] == rank)
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
    scale = tracks[0][0].rank_scale if tracks else None
    return LadderView(tuple(view for _, view in tracks), rungs, reach, scale=scale)


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
