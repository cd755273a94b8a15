"""Ranks on more than one scale (schema version 2's ``rank_scale``): where each level stands on
the scale of the first track, for whoever needs one axis (the ladder at a glance, diff's bars).

Tracks that share the first track's scale stand by their ranks. A track on another scale stands
by its levels' equivalents in those tracks: a level sits at the rank of the level it is
equivalent to, and a level with none is placed from the nearest equivalent by its own ranks
(between two, in proportion), half way to the next rank up where it would land on a rank a
level holds, so that it stands beside no level it was not declared equal to. A scale with no
equivalent there stands apart: its numbers say nothing about the first scale's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pmframework.model.ladder import Level, Track


@dataclass(frozen=True)
class Placement:
    """Where the levels of some tracks stand on the first track's scale of ranks."""

    positions: Mapping[str, float]  # level id → place; none for a level of a scale apart
    first: tuple[Track, ...]  # the tracks on the first track's scale
    by_equivalents: tuple[Track, ...]  # tracks of other scales, placed by equivalents
    apart: tuple[tuple[Track, ...], ...]  # the tracks of each scale with no equivalent there


def place_tracks(tracks: Sequence[Track]) -> Placement:
    """Where each level of ``tracks`` stands on the scale of the first of them."""
    if not tracks:
        return Placement({}, (), (), ())
    scale = tracks[0].rank_scale
    first = tuple(t for t in tracks if t.rank_scale == scale)
    ranks = {lv.id: lv.rank for t in first for lv in t.levels}
    held = sorted(set(ranks.values()))
    positions = dict(ranks)
    placed: list[Track] = []
    apart: list[tuple[Track, ...]] = []
    for other in dict.fromkeys(t.rank_scale for t in tracks if t.rank_scale != scale):
        group = tuple(t for t in tracks if t.rank_scale == other)
        found = {k: v for t in group for k, v in _by_equivalents(t.levels, ranks, held).items()}
        if found:
            positions.update(found)
            placed.extend(group)
        else:
            apart.append(group)
    return Placement(positions, first, tuple(placed), tuple(apart))


def _by_equivalents(
    levels: Sequence[Level], ranks: Mapping[str, float], held: Sequence[float]
) -> dict[str, float]:
    """Where the levels of one track on another scale stand among ``ranks`` (by level id;
    ``held``, those ranks in order); empty when no level has an equivalent there."""
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
    """A place for a level that has no equivalent: on no rank a level of the first scale holds
    (that would read as an equivalence nobody declared), so half way to the next rank up."""
    if place not in held:
        return place
    higher = [rank for rank in held if rank > place]
    return (place + higher[0]) / 2 if higher else place + 0.5
