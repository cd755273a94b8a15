"""The ladder at a glance: the tracks side by side, one row (rung) per rank, highest first.

Where tracks fork, a track has no level at some ranks; each cell says where its rank lies on
the track (``Rung.spans``) so that the template draws no rung there, and ``LadderView.reach``
says in words where each track starts and stops.

Ranks are compared only on one scale (schema version 2: a track's ``rank_scale``). The first
track's scale sets the rows; a track numbered on another scale stands beside the tracks of the
first by its levels' equivalents: a level sits in the row of the level it is equivalent to,
and a level with none is placed from its nearest equivalent by its own ranks (between two, in
proportion). A scale with no equivalent in the first is shown apart, in a table of its own
(``LadderView.separate``): its numbers say nothing about the first scale's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pmframework.model import Level, Track
from pmframework.render.views import LadderView, LevelView, Rung, TrackReach, TrackView
from pmframework.text import number_text


def ladder_view(
    tracks: Sequence[tuple[Track, TrackView]], level_views: Mapping[str, LevelView]
) -> LadderView:
    """Each track beside its view, and every level's view by id: the ladder at a glance."""
    if not tracks:
        return LadderView((), (), ())
    first = tracks[0][0].rank_scale
    main = [(t, v) for t, v in tracks if t.rank_scale == first]
    ranks = {lv.id: lv.rank for t, _ in main for lv in t.levels}
    placed: list[tuple[Track, TrackView]] = []
    positions: dict[str, float] = dict(ranks)
    separate: list[LadderView] = []
    scales = list(dict.fromkeys(t.rank_scale for t, _ in tracks if t.rank_scale != first))
    for scale in scales:
        group = [(t, v) for t, v in tracks if t.rank_scale == scale]
        held = sorted(set(ranks.values()))
        found = {k: v for t, _ in group for k, v in _by_equivalents(t.levels, ranks, held).items()}
        if found:
            positions.update(found)
            placed.extend(group)
        else:
            separate.append(
                _rungs(group, {lv.id: lv.rank for t, _ in group for lv in t.levels}, level_views)
            )
    kept = {id(t) for t, _ in (*main, *placed)}
    shown = [pair for pair in tracks if id(pair[0]) in kept]
    view = _rungs(shown, positions, level_views, labelled=set(ranks.values()))
    return LadderView(
        view.tracks,
        view.rungs,
        # Where a track starts and stops is said in ranks of the first scale: its tracks only.
        tuple(r for r in view.reach if r.track in {v.name for _, v in main}),
        by_equivalents=tuple(v.name for _, v in placed),
        separate=tuple(separate),
    )


def _by_equivalents(
    levels: Sequence[Level], ranks: Mapping[str, float], held: Sequence[float]
) -> dict[str, float]:
    """Where the levels of a track on another scale stand among ``ranks`` (the first scale's,
    by level id; ``held``, its ranks in order): at an equivalent's rank, else placed from the
    nearest ones by their own ranks, in a row of its own. Empty when no level has an
    equivalent there."""
    ordered = sorted(levels, key=lambda lv: lv.rank)
    anchors = [
        (k, min(found))
        for k, lv in enumerate(ordered)
        if (found := [ranks[e] for e in lv.equivalents if e in ranks])
    ]
    if not anchors:
        return {}
    anchored = dict(anchors)
    places = {}
    for k, level in enumerate(ordered):
        if k in anchored:
            places[level.id] = anchored[k]
            continue
        below = [(i, p) for i, p in anchors if i < k]
        above = [(i, p) for i, p in anchors if i > k]
        if below and above:
            (i, p), (j, q) = below[-1], above[0]
            own_i, own_j = ordered[i].rank, ordered[j].rank
            share = (level.rank - own_i) / (own_j - own_i) if own_j != own_i else 0.0
            place = p + (q - p) * share
        elif below:
            i, p = below[-1]
            place = p + level.rank - ordered[i].rank
        else:
            j, q = above[0]
            place = q - (ordered[j].rank - level.rank)
        places[level.id] = _own_row(place, held)
    return places


def _own_row(place: float, held: Sequence[float]) -> float:
    """A row for a level that has no equivalent: beside no level of the first scale (that
    would read as an equivalence nobody declared), so half way to the next rank up."""
    if place not in held:
        return place
    higher = [rank for rank in held if rank > place]
    return (place + higher[0]) / 2 if higher else place + 0.5


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
