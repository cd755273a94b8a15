"""Aligning two different ladders: which levels and competencies correspond, how sure that is,
and where the two ladders set their bars at different levels.

Levels (pmframework.diff.align_levels): each level is placed on the common scale by its titles
(not by its raw rank), pairs only with levels of the same track kind and job family within
``SPAN`` places, and pairs form per pair of tracks by the best order-keeping assignment; a
level spanning a band may take two. Competencies (pmframework.diff.align_competencies, reading
text with pmframework.diff.align_text): their whole text —
name, aliases, description, criteria, examples and the steps of their own scale — is read as
stems and thesaurus synonyms, weighted by TF-IDF; the score is the mean of the names' and the
texts' cosines (``COMPETENCY_WEIGHTS``); they pair one to one, best pairs first, above
``COMPETENCY_CUTOFF``. Each pair keeps its evidence as signals: where each level sits and why,
shared stems, synonyms used, track kinds and families.

Fixed pairs come first: the ``--map`` file's (confidence 1), then the calibrations ladders
declare (``corresponds_to`` on a level: which level of another framework it corresponds to,
directly, or through a framework both name); inference fills in the rest.

Bars differ (pmframework.diff.align_bars) when one ladder expects something at a lower level
than the other: a competency that starts at a different level (``entry``), or a criterion whose
closest counterpart in the other ladder (at least ``CRITERION_OVERLAP`` word overlap, in a
matched competency) is first written at a different level (``criterion``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import yaml

from pmframework.diff.align_bars import CRITERION_OVERLAP, compare_bars
from pmframework.diff.align_base import (
    BarDifference,
    CompanyComparison,
    Crosswalk,
    MapValue,
    Match,
    Scored,
    Signal,
    confidence_of,
    fixed_signals,
    map_targets,
)
from pmframework.diff.align_competencies import (
    COMPETENCY_CUTOFF,
    COMPETENCY_WEIGHTS,
    align_competencies,
)
from pmframework.diff.align_levels import (
    LEVEL_CUTOFF,
    LEVEL_WEIGHTS,
    SPAN,
    Place,
    band_extras,
    declared_places,
    kinds_factor,
    monotone_pairs,
    ordinal_score,
    ordinal_text,
    place_levels,
    title_overlap,
    track_family,
)
from pmframework.diff.align_text import Corpus, TextFeatures, cosine, shared_evidence
from pmframework.model import Ladder, Level
from pmframework.model.ladder import by_id
from pmframework.model.rank_scales import place_tracks
from pmframework.model.resolve import ResolvedExpectation, resolve_expectations

# Kept for callers of the earlier API: the title overlap of two names.
name_overlap = title_overlap

__all__ = [
    "COMPETENCY_CUTOFF",
    "COMPETENCY_WEIGHTS",
    "CRITERION_OVERLAP",
    "BarDifference",
    "CompanyComparison",
    "Crosswalk",
    "MapValue",
    "Match",
    "Signal",
    "align_competencies",
    "align_levels",
    "compare_bars",
    "compare_companies",
    "crosswalk_map",
    "map_targets",
    "name_overlap",
]


# --- levels ----------------------------------------------------------------------------------


def declared_pairs(a: Ladder, b: Ladder) -> dict[tuple[str, str], str]:
    """Level pairs the two ladders declare, with why: A's level names B's, B's names A's, or
    both name one level of a third framework. Ids that do not exist on the other side are
    left out (a ladder cannot check another ladder's ids)."""
    ids_a, ids_b = {lv.id for lv in a.levels}, {lv.id for lv in b.levels}
    pairs: dict[tuple[str, str], str] = {}
    fa, fb = a.framework.id, b.framework.id
    for level in a.levels:
        for target in level.corresponds_to.get(fb, ()):
            if target in ids_b:
                detail = f"declared: {fa} {level.id} corresponds to {fb} {target}"
                pairs.setdefault((level.id, target), detail)
    for level in b.levels:
        for target in level.corresponds_to.get(fa, ()):
            if target in ids_a:
                detail = f"declared: {fb} {level.id} corresponds to {fa} {target}"
                pairs.setdefault((target, level.id), detail)
    through: dict[tuple[str, str], list[str]] = defaultdict(list)
    for level in b.levels:
        for framework, targets in level.corresponds_to.items():
            for target in targets:
                through[framework, target].append(level.id)
    for x in a.levels:
        for framework, targets in sorted(x.corresponds_to.items()):
            if framework in (fa, fb):
                continue
            for target in targets:
                for y_id in through.get((framework, target), ()):
                    detail = f"declared: both correspond to {framework} {target}"
                    pairs.setdefault((x.id, y_id), detail)
    return pairs


class _LevelSide:
    """What level alignment reads of one ladder: places, tracks, families and texts."""

    def __init__(
        self, ladder: Ladder, resolved: Mapping[str, Mapping[str, ResolvedExpectation]]
    ) -> None:
        self.ladder = ladder
        self.places = place_levels(ladder, declared_places(ladder))
        self.track_of = {lv.id: t for t in ladder.tracks for lv in t.levels}
        self.index = {
            lv.id: k for t in ladder.tracks for k, lv in enumerate(sorted(t.levels, key=_rank))
        }
        self.families = {t.id: track_family(ladder, t) for t in ladder.tracks}
        self.documents = {}
        for level in ladder.levels:
            shown = ladder.inheritance.dimensions(level).values()
            texts = [s.text for s in (level.summary, *(d.statement for d in shown)) if s]
            for expectation in resolved[level.id].values():
                texts.extend(
                    s.statement.text for s in (*expectation.criteria, *expectation.examples)
                )
            self.documents[level.id] = TextFeatures.of(texts)


def _rank(level: Level) -> float:
    return level.rank


def _place_detail(place: Place) -> str:
    how = {
        "title": "by title",
        "track": "between its track's levels",
        "rank": "by rank",
        "equivalent": "by its equivalent in another track",
    }
    return f"{place.text()} ({how.get(place.how, place.how)})"


def _level_score(
    x: Level, y: Level, sa: _LevelSide, sb: _LevelSide, vectors: Mapping[str, dict[str, float]]
) -> Scored | None:
    ta, tb = sa.track_of[x.id], sb.track_of[y.id]
    kinds = kinds_factor(ta.kind, tb.kind)
    fa, fb = sa.families[ta.id], sb.families[tb.id]
    pa, pb = sa.places[x.id], sb.places[y.id]
    gap = pa.gap(pb)
    if not kinds or (fa and fb and fa != fb) or gap >= SPAN:
        return None
    sign = "=" if gap == 0 else "vs"
    signals = [
        Signal(
            "position",
            round(1 - gap / SPAN, 2),
            LEVEL_WEIGHTS["position"],
            f"place {_place_detail(pa)} {sign} {_place_detail(pb)}",
        )
    ]
    title, ta_text, tb_text = max(
        ((title_overlap(p, q), p, q) for p in x.titles for q in y.titles), key=lambda t: t[0]
    )
    signals.append(
        Signal(
            "title",
            round(title, 2),
            LEVEL_WEIGHTS["title"],
            f"title “{ta_text}” ≈ “{tb_text}” ({title:.2f})" if title else "no title words shared",
        )
    )
    family = f" of {fa.replace('-', ' ')}" if fa and fa == fb else ""
    kind_text = (
        f"both {ta.kind} tracks{family}"
        if ta.kind == tb.kind
        else (f"{ta.kind} vs {tb.kind} track{family}")
    )
    if ta.kind == tb.kind == "management":
        i, j = sa.index[x.id] + 1, sb.index[y.id] + 1
        signals.append(
            Signal(
                "ordinal",
                ordinal_score(i, j),
                LEVEL_WEIGHTS["ordinal"],
                f"{kind_text}; {ordinal_text(i)} and {ordinal_text(j)} management level",
            )
        )
    else:
        signals.append(Signal("track", 1.0, 0.0, kind_text))
    va, vb = vectors[f"a:{x.id}"], vectors[f"b:{y.id}"]
    if va and vb:
        content = cosine(va, vb)
        shared = shared_evidence(va, vb, sa.documents[x.id], sb.documents[y.id])
        detail = f"texts share {shared} ({content:.2f})" if shared else "no text shared"
        signals.append(Signal("content", round(content, 2), LEVEL_WEIGHTS["content"], detail))
    confidence = round(confidence_of(signals) * kinds, 2)
    return Scored(confidence, tuple(signals)) if confidence >= LEVEL_CUTOFF else None


def _inferred_level_pairs(
    sa: _LevelSide, sb: _LevelSide, fixed_a: set[str], fixed_b: set[str]
) -> dict[tuple[str, str], Scored]:
    corpus_docs = {f"a:{k}": d for k, d in sa.documents.items()}
    corpus_docs.update({f"b:{k}": d for k, d in sb.documents.items()})
    corpus = Corpus(corpus_docs.values())
    vectors = {k: corpus.vector(d) for k, d in corpus_docs.items()}
    found: dict[tuple[str, str], Scored] = {}
    for ta in sa.ladder.tracks:
        levels_a = [lv for lv in sorted(ta.levels, key=_rank) if lv.id not in fixed_a]
        for tb in sb.ladder.tracks:
            levels_b = [lv for lv in sorted(tb.levels, key=_rank) if lv.id not in fixed_b]
            scores: dict[tuple[int, int], float] = {}
            scored: dict[tuple[int, int], Scored] = {}
            inside: set[tuple[int, int]] = set()
            for i, x in enumerate(levels_a):
                place = sa.places[x.id]
                for j, y in enumerate(levels_b):
                    if place.gap(sb.places[y.id]) >= SPAN:
                        continue
                    result = _level_score(x, y, sa, sb, vectors)
                    if result is not None:
                        scores[i, j], scored[i, j] = result.confidence, result
                        if place.gap(sb.places[y.id]) == 0:
                            inside.add((i, j))
            pairs = monotone_pairs(scores, len(levels_a), len(levels_b))
            spans_a = [sa.places[lv.id].low < sa.places[lv.id].high for lv in levels_a]
            spans_b = [sb.places[lv.id].low < sb.places[lv.id].high for lv in levels_b]
            pairs += band_extras(pairs, inside, spans_a, spans_b)
            for i, j in pairs:
                found[levels_a[i].id, levels_b[j].id] = scored[i, j]
    return _best_track_only(found, sa, sb)


def _best_track_only(
    found: dict[tuple[str, str], Scored], sa: _LevelSide, sb: _LevelSide
) -> dict[tuple[str, str], Scored]:
    """A level paired on two tracks of the other ladder keeps the track of its best pair."""
    best_a: dict[str, tuple[float, str]] = {}
    best_b: dict[str, tuple[float, str]] = {}
    for (x, y), score in found.items():
        track_b, track_a = sb.track_of[y].id, sa.track_of[x].id
        if (score.confidence, track_b) > best_a.get(x, (-1.0, "")):
            best_a[x] = (score.confidence, track_b)
        if (score.confidence, track_a) > best_b.get(y, (-1.0, "")):
            best_b[y] = (score.confidence, track_a)
    return {
        (x, y): s
        for (x, y), s in found.items()
        if best_a[x][1] == sb.track_of[y].id and best_b[y][1] == sa.track_of[x].id
    }


def align_levels(
    a: Ladder,
    b: Ladder,
    mapping: Mapping[str, MapValue],
    resolved_a: Mapping[str, Mapping[str, ResolvedExpectation]],
    resolved_b: Mapping[str, Mapping[str, ResolvedExpectation]],
) -> tuple[Match, ...]:
    """The crosswalk of levels: every level of either ladder with its counterparts, or none.

    ``mapping`` is ``{b_level: a_level(s)}`` from the ``--map`` file (None: no counterpart).
    """
    sa, sb = _LevelSide(a, resolved_a), _LevelSide(b, resolved_b)
    # A level of B in the map, and a level that declares its counterparts, is fixed; the
    # levels they name stay free to pair with others too.
    pairs: dict[tuple[str | None, str | None], Scored] = {}
    for theirs, value in mapping.items():
        targets = map_targets(value)
        detail = f"mapped in the --map file: {theirs} → {', '.join(targets) or 'none'}"
        for ours in targets or (None,):
            pairs[ours, theirs] = Scored(1.0, fixed_signals(detail))
    declared = {(x, y): d for (x, y), d in declared_pairs(a, b).items() if y not in mapping}
    for pair, detail in declared.items():
        pairs[pair] = Scored(1.0, (Signal("declared", 1.0, 1.0, detail),))
    fixed_a = {x for x, _ in declared if _declares(a, x)}
    fixed_b = set(mapping) | {y for _, y in declared if _declares(b, y)}
    for (x, y), score in _inferred_level_pairs(sa, sb, fixed_a, fixed_b).items():
        pairs[x, y] = score
    paired_a = {x for x, _ in pairs}
    paired_b = {y for _, y in pairs}
    for level in a.levels:
        if level.id not in paired_a:
            pairs[level.id, None] = Scored(0.0, ())
    for level in b.levels:
        if level.id not in paired_b:
            pairs[None, level.id] = Scored(0.0, ())
    levels_a, levels_b = by_id(a.levels), by_id(b.levels)
    matches = [
        Match(
            kind="level",
            a=x,
            b=y,
            a_label=levels_a[x].title if x else None,
            b_label=levels_b[y].title if y else None,
            confidence=score.confidence,
            signals=score.signals,
            a_rank=levels_a[x].rank if x else None,
            b_rank=levels_b[y].rank if y else None,
        )
        for (x, y), score in pairs.items()
    ]
    # In order of seniority: a level of a track on its own rank scale at its equivalent's rank.
    axis_a, axis_b = place_tracks(a.tracks).positions, place_tracks(b.tracks).positions
    return tuple(sorted(matches, key=lambda m: _crosswalk_order(m, axis_a, axis_b)))


def _declares(ladder: Ladder, level_id: str) -> bool:
    level = ladder.level(level_id)
    return level is not None and bool(level.corresponds_to)


def _crosswalk_order(
    m: Match, axis_a: Mapping[str, float], axis_b: Mapping[str, float]
) -> tuple[float, float, str, str]:
    rank_a = _on_axis(m.a, m.a_rank, axis_a)
    rank_b = _on_axis(m.b, m.b_rank, axis_b)
    rank_a = rank_a if rank_a is not None else rank_b
    rank_b = rank_b if rank_b is not None else rank_a
    assert rank_a is not None and rank_b is not None
    return (rank_a, rank_b, m.a or "", m.b or "")


def _on_axis(level: str | None, rank: float | None, axis: Mapping[str, float]) -> float | None:
    """A level's rank on its ladder's first scale, else its own (a scale apart)."""
    return axis.get(level, rank) if level is not None else rank


def compare_companies(a: Ladder, b: Ladder, mapping: Crosswalk) -> CompanyComparison:
    """Align two different ladders and compare where they set their bars."""
    resolved_a = {lv.id: resolve_expectations(a, lv) for lv in a.levels}
    resolved_b = {lv.id: resolve_expectations(b, lv) for lv in b.levels}
    levels = align_levels(a, b, mapping.get("levels", {}), resolved_a, resolved_b)
    competencies = align_competencies(a, b, mapping.get("competencies", {}))
    bars = compare_bars(a, b, levels, competencies, resolved_a, resolved_b)
    return CompanyComparison(levels, competencies, bars, equal=a == b)


# --- the crosswalk as a --map file -----------------------------------------------------------


def crosswalk_map(comparison: CompanyComparison, name_a: str, name_b: str) -> str:
    """The proposed crosswalk as a ``--map`` file to edit and read back: each id of B with the
    id of A it pairs with (a list for two, null for none), its confidence and evidence in a
    comment."""
    lines = [
        f"# The crosswalk pmframework proposes from {name_a} (A) to {name_b} (B).",
        "# Keys are ids of B, values ids of A: a list where one of B's pairs with two of A's,",
        "# null for no counterpart. Edit it, then read it back with",
        f"#   pmframework diff --map THIS-FILE {name_a} {name_b}",
    ]
    for section, matches in (
        ("levels", comparison.levels),
        ("competencies", comparison.competencies),
    ):
        targets: dict[str, list[Match]] = {}
        for m in matches:
            if m.b is not None:
                targets.setdefault(m.b, [])
                if m.a is not None:
                    targets[m.b].append(m)
        lines.append(f"{section}:")
        for b_id, found in targets.items():
            ids = [m.a for m in found if m.a is not None]
            value = ids[0] if len(ids) == 1 else (ids or None)
            text = yaml.safe_dump({b_id: value}, default_flow_style=True, width=10_000)
            entry = text.strip().removeprefix("{").removesuffix("}")
            why = "; ".join(f"{m.confidence:.2f}: {m.evidence}" for m in found)
            lines.append(f"  {entry}" + (f"  # {why}" if why else "  # no counterpart found"))
        unpaired = [m.a for m in matches if m.a is not None and m.b is None]
        if unpaired:
            lines.append(f"  # no counterpart in B for A's {', '.join(unpaired)}")
    return "\n".join(lines) + "\n"
