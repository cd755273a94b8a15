"""Where two aligned ladders set their bars at different levels: a competency that starts at a
different level (``entry``), or a criterion whose closest counterpart in the other ladder (at
least ``CRITERION_OVERLAP`` word overlap, in a matched competency) is first written at a
different level (``criterion``). A level of B counts at the rank of the level of A it pairs
with (the lowest, if two), or of the level of A placed closest to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from pmframework.diff.align_base import BarDifference, Match
from pmframework.diff.align_levels import declared_places, place_levels
from pmframework.diff.textdiff import content_words, word_overlap
from pmframework.model import Ladder, Level
from pmframework.model.rank_scales import place_tracks
from pmframework.model.resolve import ResolvedExpectation

CRITERION_OVERLAP = 0.5


def _positions(
    a: Ladder, b: Ladder, levels: Iterable[Match], axis: Mapping[str, float]
) -> dict[str, float]:
    """Where each level of B counts on A's ranks: the rank of the (lowest) level of A it pairs
    with; unpaired, the rank of the level of A placed closest to it. A level of B that nothing
    places (a scale of its own with no equivalent) counts nowhere."""
    paired: dict[str, float] = {}
    for m in levels:
        if m.a is not None and m.b is not None and m.a in axis:
            paired[m.b] = min(paired.get(m.b, axis[m.a]), axis[m.a])
    places_a = place_levels(a, declared_places(a))
    places_b = place_levels(b, declared_places(b))
    on_axis = [lv for lv in a.levels if lv.id in axis]
    positions = {}
    for level in b.levels:
        if level.id in paired:
            positions[level.id] = paired[level.id]
            continue
        place = places_b[level.id]
        if math.isinf(place.low):
            continue
        closest = min(
            on_axis,
            key=lambda lv: (
                place.gap(places_a[lv.id]),
                abs(places_a[lv.id].low - place.low),
                axis[lv.id],
            ),
            default=None,
        )
        positions[level.id] = axis[closest.id] if closest is not None else level.rank
    return positions


def _axis(ladder: Ladder) -> Mapping[str, float]:
    """Each level's rank on the scale of the ladder's first track (its own rank, where every
    track shares one scale); a level of a scale apart has none."""
    return place_tracks(ladder.tracks).positions


def _first_levels(
    ladder: Ladder,
    resolved: Mapping[str, Mapping[str, ResolvedExpectation]],
    axis: Mapping[str, float],
) -> dict[str, Level]:
    """For each competency, the lowest-ranked level that expects it (after inheritance)."""
    first: dict[str, Level] = {}
    for level in sorted((lv for lv in ladder.levels if lv.id in axis), key=lambda lv: axis[lv.id]):
        for competency in resolved[level.id]:
            first.setdefault(competency, level)
    return first


def _first_criteria(ladder: Ladder, competency: str, axis: Mapping[str, float]) -> dict[str, Level]:
    """Each criterion of a competency and the lowest-ranked level that writes it."""
    first: dict[str, Level] = {}
    for level in sorted((lv for lv in ladder.levels if lv.id in axis), key=lambda lv: axis[lv.id]):
        expectation = level.expectations.get(competency)
        if expectation is not None:
            for statement in expectation.criteria:
                first.setdefault(statement.text, level)
    return first


def compare_bars(
    a: Ladder,
    b: Ladder,
    levels: Iterable[Match],
    competencies: Iterable[Match],
    resolved_a: Mapping[str, Mapping[str, ResolvedExpectation]],
    resolved_b: Mapping[str, Mapping[str, ResolvedExpectation]],
) -> tuple[BarDifference, ...]:
    """Where the two ladders expect the same thing at different levels."""
    axis_a, axis_b = _axis(a), _axis(b)
    positions = _positions(a, b, levels, axis_a)
    first_a = _first_levels(a, resolved_a, axis_a)
    first_b = _first_levels(b, resolved_b, axis_b)
    bars: list[BarDifference] = []
    for m in competencies:
        if m.a is None or m.b is None or m.a not in first_a or m.b not in first_b:
            continue
        label = m.a_label if m.a_label == m.b_label else f"{m.a_label} / {m.b_label}"
        level_a, level_b = first_a[m.a], first_b[m.b]
        if level_b.id in positions and axis_a[level_a.id] != positions[level_b.id]:
            bars.append(
                BarDifference(
                    kind="entry",
                    competency_a=m.a,
                    competency_b=m.b,
                    label=str(label),
                    a_level=level_a.id,
                    a_rank=level_a.rank,
                    b_level=level_b.id,
                    b_rank=level_b.rank,
                    b_position=positions[level_b.id],
                )
            )
        criteria = (_first_criteria(a, m.a, axis_a), _first_criteria(b, m.b, axis_b))
        bars.extend(_criterion_bars(m.a, m.b, str(label), positions, axis_a, criteria))
    return tuple(bars)


def _criterion_bars(
    ca: str,
    cb: str,
    label: str,
    positions: Mapping[str, float],
    axis_a: Mapping[str, float],
    criteria: tuple[dict[str, Level], dict[str, Level]],
) -> list[BarDifference]:
    criteria_a, criteria_b = criteria
    words_b = {text: content_words([text]) for text in criteria_b}
    candidates = []
    for i, text_a in enumerate(criteria_a):
        words_a = content_words([text_a])
        for j, text_b in enumerate(criteria_b):
            overlap = word_overlap(words_a, words_b[text_b])
            if overlap >= CRITERION_OVERLAP:
                candidates.append((-round(overlap, 6), i, j, text_a, text_b, overlap))
    used_a: set[int] = set()
    used_b: set[int] = set()
    bars = []
    for _, i, j, text_a, text_b, overlap in sorted(candidates, key=lambda c: c[:3]):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        level_a, level_b = criteria_a[text_a], criteria_b[text_b]
        if level_b.id not in positions:
            continue
        if axis_a[level_a.id] != positions[level_b.id]:
            bars.append(
                BarDifference(
                    kind="criterion",
                    competency_a=ca,
                    competency_b=cb,
                    label=label,
                    a_level=level_a.id,
                    a_rank=level_a.rank,
                    b_level=level_b.id,
                    b_rank=level_b.rank,
                    b_position=positions[level_b.id],
                    a_text=text_a,
                    b_text=text_b,
                    overlap=round(overlap, 2),
                )
            )
    return bars
