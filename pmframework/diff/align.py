"""Aligning two different ladders: which levels and competencies correspond, how sure that is,
and where the two ladders set their bars at different levels.

Levels (pmframework.align_levels): each level is placed on the common scale by its titles
(not by its raw rank), pairs only with levels of the same track kind and job family within
``SPAN`` places, and pairs form per pair of tracks by the best order-keeping assignment; a
level spanning a band may take two. Competencies (pmframework.align_text): their whole text —
name, aliases, description, criteria, examples and the steps of their own scale — is read as
stems and thesaurus synonyms, weighted by TF-IDF; the score is the mean of the names' and the
texts' cosines (``COMPETENCY_WEIGHTS``); they pair one to one, best pairs first, above
``COMPETENCY_CUTOFF``. Each pair keeps its evidence as signals: where each level sits and why,
shared stems, synonyms used, track kinds and families.

Fixed pairs come first: the ``--map`` file's (confidence 1), then the calibrations ladders
declare (``corresponds_to`` on a level: which level of another framework it corresponds to,
directly, or through a framework both name); inference fills in the rest.

Bars differ when one ladder expects something at a lower level than the other: a competency
that starts at a different level (``entry``), or a criterion whose closest counterpart in the
other ladder (at least ``CRITERION_OVERLAP`` word overlap, in a matched competency) is first
written at a different level (``criterion``). A level of B counts at the rank of the level of
A it pairs with (the lowest, if two), or of the level of A placed closest to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

import yaml

from pmframework.diff.align_levels import (
    LEVEL_CUTOFF,
    LEVEL_WEIGHTS,
    SPAN,
    Place,
    band_extras,
    kinds_factor,
    monotone_pairs,
    ordinal_score,
    ordinal_text,
    place_levels,
    title_overlap,
    track_family,
)
from pmframework.diff.align_text import Corpus, Document, candidates, cosine, shared_evidence
from pmframework.diff.textdiff import content_words, word_overlap
from pmframework.model import Competency, Ladder, Level
from pmframework.model.resolve import ResolvedExpectation, resolve_expectations

COMPETENCY_WEIGHTS = {"name": 0.5, "text": 0.5}
COMPETENCY_CUTOFF = 0.25
CRITERION_OVERLAP = 0.5
# Kept for callers of the earlier API: the title overlap of two names.
name_overlap = title_overlap

# The --map file and declared pairs: {section: {id in B: id(s) in A, or None for none}}.
MapValue = str | Sequence[str] | None
Crosswalk = Mapping[str, Mapping[str, MapValue]]


def map_targets(value: MapValue) -> tuple[str, ...]:
    """A ``--map`` value as a tuple of ids of A: ``()`` for no counterpart."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an alignment: its score (0–1), weight and what it saw."""

    name: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True)
class Match:
    """A level or competency of A and its counterpart in B; either is None when it has none."""

    kind: Literal["level", "competency"]
    a: str | None
    b: str | None
    a_label: str | None
    b_label: str | None
    confidence: float
    signals: tuple[Signal, ...] = ()
    a_rank: float | None = None
    b_rank: float | None = None

    @property
    def evidence(self) -> str:
        """The signals in words, strongest contribution first."""
        ordered = sorted(self.signals, key=lambda s: (-s.score * s.weight, s.name))
        return "; ".join(s.detail for s in ordered)


@dataclass(frozen=True)
class BarDifference:
    """Something one ladder expects at a lower level than the other does.

    ``kind`` is ``entry`` (where a competency starts to be expected; no texts) or ``criterion``
    (a criterion and its closest counterpart). ``b_position`` is the rank B's level counts
    at: its own, or that of the A level the ``--map`` file maps it to.
    """

    kind: Literal["entry", "criterion"]
    competency_a: str
    competency_b: str
    label: str
    a_level: str
    a_rank: float
    b_level: str
    b_rank: float
    b_position: float
    a_text: str | None = None
    b_text: str | None = None
    overlap: float = 1.0

    @property
    def lower(self) -> Literal["a", "b"]:
        """Which ladder expects it at the lower level."""
        return "a" if self.a_rank < self.b_position else "b"


@dataclass(frozen=True)
class CompanyComparison:
    levels: tuple[Match, ...]
    competencies: tuple[Match, ...]
    bars: tuple[BarDifference, ...]
    equal: bool = False

    def summary(self) -> str:
        if self.equal:
            return "no differences"
        pairs = [m for m in self.levels if m.a is not None and m.b is not None]
        matched = [m for m in self.competencies if m.a is not None and m.b is not None]
        levels_a = len({m.a for m in self.levels if m.a is not None})
        competencies_a = len({m.a for m in self.competencies if m.a is not None})
        bars = len(self.bars)
        return (
            f"{len({m.a for m in pairs})} of {levels_a} levels aligned, "
            f"{len(matched)} of {competencies_a} competencies aligned, "
            f"{bars} {'bar differs' if bars == 1 else 'bars differ'}"
        )


# --- scores ---------------------------------------------------------------------------------


def _confidence(signals: Iterable[Signal]) -> float:
    signals = list(signals)
    weight = sum(s.weight for s in signals)
    return round(sum(s.score * s.weight for s in signals) / weight, 2) if weight else 0.0


def _fixed(detail: str) -> tuple[Signal, ...]:
    return (Signal("map", 1.0, 1.0, detail),)


@dataclass(frozen=True)
class _Scored:
    confidence: float
    signals: tuple[Signal, ...]


# --- levels ----------------------------------------------------------------------------------


@cache
def _builtin_ranks(name: str) -> dict[str, float]:
    """The ranks of a built-in's levels (the common scale), for declared calibrations."""
    from pmframework.check.engine import load_ladder
    from pmframework.errors import PmframeworkError
    from pmframework.resources import BUILTIN_PREFIX, builtin_path

    if builtin_path(name) is None:
        return {}
    try:
        return {lv.id: lv.rank for lv in load_ladder(BUILTIN_PREFIX + name).levels}
    except PmframeworkError:
        return {}


def _declared_places(ladder: Ladder) -> dict[str, float]:
    """Levels that declare a level of a built-in sit where it sits."""
    places: dict[str, float] = {}
    for level in ladder.levels:
        for framework, targets in sorted(level.corresponds_to.items()):
            ranks = [r for t in targets if (r := _builtin_ranks(framework).get(t)) is not None]
            if ranks and level.id not in places:
                places[level.id] = min(ranks)
    return places


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
        self.places = place_levels(ladder, _declared_places(ladder))
        self.track_of = {lv.id: t for t in ladder.tracks for lv in t.levels}
        self.index = {
            lv.id: k for t in ladder.tracks for k, lv in enumerate(sorted(t.levels, key=_rank))
        }
        self.families = {t.id: track_family(ladder, t) for t in ladder.tracks}
        self.documents = {}
        for level in ladder.levels:
            texts = [s.text for s in (level.summary, *level.dimensions.values()) if s is not None]
            for expectation in resolved[level.id].values():
                texts.extend(
                    s.statement.text for s in (*expectation.criteria, *expectation.examples)
                )
            self.documents[level.id] = Document.of(texts)


def _rank(level: Level) -> float:
    return level.rank


def _place_detail(place: Place) -> str:
    how = {"title": "by title", "track": "between its track's levels", "rank": "by rank"}
    return f"{place.text()} ({how.get(place.how, place.how)})"


def _level_score(
    x: Level, y: Level, sa: _LevelSide, sb: _LevelSide, vectors: Mapping[str, dict[str, float]]
) -> _Scored | None:
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
    confidence = round(_confidence(signals) * kinds, 2)
    return _Scored(confidence, tuple(signals)) if confidence >= LEVEL_CUTOFF else None


def _inferred_level_pairs(
    sa: _LevelSide, sb: _LevelSide, fixed_a: set[str], fixed_b: set[str]
) -> dict[tuple[str, str], _Scored]:
    corpus_docs = {f"a:{k}": d for k, d in sa.documents.items()}
    corpus_docs.update({f"b:{k}": d for k, d in sb.documents.items()})
    corpus = Corpus(corpus_docs.values())
    vectors = {k: corpus.vector(d) for k, d in corpus_docs.items()}
    found: dict[tuple[str, str], _Scored] = {}
    for ta in sa.ladder.tracks:
        levels_a = [lv for lv in sorted(ta.levels, key=_rank) if lv.id not in fixed_a]
        for tb in sb.ladder.tracks:
            levels_b = [lv for lv in sorted(tb.levels, key=_rank) if lv.id not in fixed_b]
            scores: dict[tuple[int, int], float] = {}
            scored: dict[tuple[int, int], _Scored] = {}
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
    found: dict[tuple[str, str], _Scored], sa: _LevelSide, sb: _LevelSide
) -> dict[tuple[str, str], _Scored]:
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
    pairs: dict[tuple[str | None, str | None], _Scored] = {}
    for theirs, value in mapping.items():
        targets = map_targets(value)
        detail = f"mapped in the --map file: {theirs} → {', '.join(targets) or 'none'}"
        for ours in targets or (None,):
            pairs[ours, theirs] = _Scored(1.0, _fixed(detail))
    declared = {(x, y): d for (x, y), d in declared_pairs(a, b).items() if y not in mapping}
    for pair, detail in declared.items():
        pairs[pair] = _Scored(1.0, (Signal("declared", 1.0, 1.0, detail),))
    fixed_a = {x for x, _ in declared if _declares(a, x)}
    fixed_b = set(mapping) | {y for _, y in declared if _declares(b, y)}
    for (x, y), score in _inferred_level_pairs(sa, sb, fixed_a, fixed_b).items():
        pairs[x, y] = score
    paired_a = {x for x, _ in pairs}
    paired_b = {y for _, y in pairs}
    for level in a.levels:
        if level.id not in paired_a:
            pairs[level.id, None] = _Scored(0.0, ())
    for level in b.levels:
        if level.id not in paired_b:
            pairs[None, level.id] = _Scored(0.0, ())
    levels_a, levels_b = _by_id(a.levels), _by_id(b.levels)
    matches = [
        Match(
            "level",
            x,
            y,
            levels_a[x].title if x else None,
            levels_b[y].title if y else None,
            score.confidence,
            score.signals,
            levels_a[x].rank if x else None,
            levels_b[y].rank if y else None,
        )
        for (x, y), score in pairs.items()
    ]
    return tuple(sorted(matches, key=_crosswalk_order))


def _declares(ladder: Ladder, level_id: str) -> bool:
    level = ladder.level(level_id)
    return level is not None and bool(level.corresponds_to)


def _by_id(levels: Iterable[Level]) -> dict[str, Level]:
    return {lv.id: lv for lv in levels}


def _crosswalk_order(m: Match) -> tuple[float, float, str, str]:
    rank_a = m.a_rank if m.a_rank is not None else m.b_rank
    rank_b = m.b_rank if m.b_rank is not None else m.a_rank
    assert rank_a is not None and rank_b is not None
    return (rank_a, rank_b, m.a or "", m.b or "")


# --- competencies ----------------------------------------------------------------------------


def _competency_documents(ladder: Ladder) -> tuple[dict[str, Document], dict[str, Document]]:
    """Each competency's names, and its whole text: names (twice), description, criteria,
    examples, and the steps of a scale of its own (a scale most competencies share says
    nothing about any one of them)."""
    users: dict[str, int] = defaultdict(int)
    for competency in ladder.competencies:
        scale = ladder.scale_of(competency)
        if scale is not None:
            users[scale.id] += 1
    names: dict[str, Document] = {}
    texts: dict[str, Document] = {}
    for c in ladder.competencies:
        names[c.id] = Document.of([c.name, *c.aliases])
        document = Document.of([c.name, *c.aliases], repeat=2)
        document.add([c.description.text] if c.description else [])
        scale = ladder.scale_of(c)
        if scale is not None and users[scale.id] <= 2:
            document.add(
                [s.name for s in scale.steps]
                + [s.description.text for s in scale.steps if s.description]
            )
        texts.setdefault(c.id, document)
    for level in ladder.levels:
        for competency_id, expectation in level.expectations.items():
            if competency_id in texts:
                texts[competency_id].add(
                    s.text for s in (*expectation.criteria, *expectation.examples)
                )
    return names, texts


def _same_name(a: Competency, b: Competency) -> bool:
    return a.id == b.id or a.name.casefold() == b.name.casefold()


def align_competencies(a: Ladder, b: Ladder, mapping: Mapping[str, MapValue]) -> tuple[Match, ...]:
    """Competencies of A and B paired one to one, best pairs first; then those without a
    counterpart. ``mapping`` is ``{b_competency: a_competency}`` from the ``--map`` file."""
    names_a, texts_a = _competency_documents(a)
    names_b, texts_b = _competency_documents(b)
    corpus = Corpus([*texts_a.values(), *texts_b.values()])
    ids_a = [c.id for c in a.competencies if c.id in texts_a]
    ids_b = [c.id for c in b.competencies if c.id in texts_b]
    ids_a = list(dict.fromkeys(ids_a))
    ids_b = list(dict.fromkeys(ids_b))
    text_a = [corpus.vector(texts_a[x]) for x in ids_a]
    text_b = [corpus.vector(texts_b[y]) for y in ids_b]
    catalog_a = {c.id: c for c in reversed(a.competencies)}
    catalog_b = {c.id: c for c in reversed(b.competencies)}
    paired: dict[str, tuple[str, _Scored]] = {}  # a -> (b, score)
    used_b: set[str] = set(mapping)
    for y, value in mapping.items():
        for x in map_targets(value):
            paired[x] = (y, _Scored(1.0, _fixed(f"mapped in the --map file: {y} → {x}")))
    shortlist = candidates(text_a, text_b, corpus, per_item=20)
    position_b = {y: j for j, y in enumerate(ids_b)}
    for i, x in enumerate(ids_a):  # the same id is always worth scoring
        if x in position_b and position_b[x] not in shortlist[i]:
            shortlist[i] = [*shortlist[i], position_b[x]]
    found = []
    for i, x in enumerate(ids_a):
        if x in paired:
            continue
        name_x = corpus.vector(names_a[x])
        for j in shortlist[i]:
            y = ids_b[j]
            if y in used_b:
                continue
            signals = _competency_signals(
                catalog_a[x],
                catalog_b[y],
                (name_x, corpus.vector(names_b[y])),
                (text_a[i], text_b[j]),
                (texts_a[x], texts_b[y]),
            )
            confidence = _confidence(signals)
            if confidence >= COMPETENCY_CUTOFF:
                found.append((-confidence, x, y, signals))
    for negative, x, y, signals in sorted(found, key=lambda c: c[:3]):
        if x not in paired and y not in used_b:
            paired[x] = (y, _Scored(-negative, signals))
            used_b.add(y)
    matches = []
    for x in ids_a:
        ca = catalog_a[x]
        if x in paired:
            y, score = paired[x]
            name_b = catalog_b[y].name
            matches.append(
                Match("competency", x, y, ca.name, name_b, score.confidence, score.signals)
            )
        else:
            matches.append(Match("competency", x, None, ca.name, None, 0.0))
    matched_b = {y for y, _ in paired.values()}
    matches.extend(
        Match("competency", None, y, None, catalog_b[y].name, 0.0)
        for y in ids_b
        if y not in matched_b
    )
    return tuple(matches)


def _competency_signals(
    a: Competency,
    b: Competency,
    names: tuple[dict[str, float], dict[str, float]],
    texts: tuple[dict[str, float], dict[str, float]],
    documents: tuple[Document, Document],
) -> tuple[Signal, ...]:
    weight = COMPETENCY_WEIGHTS["name"]
    if _same_name(a, b):
        same = f"same id {a.id!r}" if a.id == b.id else f"same name “{a.name}”"
        name = Signal("name", 1.0, weight, same)
    else:
        score = cosine(*names)
        shared = shared_evidence(*names, *documents)
        detail = (
            f"names “{a.name}” and “{b.name}” share {shared} ({score:.2f})"
            if shared
            else f"names “{a.name}” and “{b.name}” share no stem or synonym"
        )
        name = Signal("name", round(score, 2), weight, detail)
    score = cosine(*texts)
    shared = shared_evidence(*texts, *documents, top=5)
    detail = f"texts share {shared} ({score:.2f})" if shared else "texts share nothing"
    return (name, Signal("text", round(score, 2), COMPETENCY_WEIGHTS["text"], detail))


# --- bars ------------------------------------------------------------------------------------


def _positions(a: Ladder, b: Ladder, levels: Iterable[Match]) -> dict[str, float]:
    """Where each level of B counts on A's ranks: the rank of the (lowest) level of A it pairs
    with; unpaired, the rank of the level of A placed closest to it."""
    paired: dict[str, float] = {}
    for m in levels:
        if m.a is not None and m.b is not None and m.a_rank is not None:
            paired[m.b] = min(paired.get(m.b, m.a_rank), m.a_rank)
    places_a = place_levels(a, _declared_places(a))
    places_b = place_levels(b, _declared_places(b))
    positions = {}
    for level in b.levels:
        if level.id in paired:
            positions[level.id] = paired[level.id]
            continue
        place = places_b[level.id]
        closest = min(
            a.levels,
            key=lambda lv: (
                place.gap(places_a[lv.id]),
                abs(places_a[lv.id].low - place.low),
                lv.rank,
            ),
            default=None,
        )
        positions[level.id] = closest.rank if closest is not None else level.rank
    return positions


def _first_levels(
    ladder: Ladder, resolved: Mapping[str, Mapping[str, ResolvedExpectation]]
) -> dict[str, Level]:
    """For each competency, the lowest-ranked level that expects it (after inheritance)."""
    first: dict[str, Level] = {}
    for level in sorted(ladder.levels, key=lambda lv: lv.rank):
        for competency in resolved[level.id]:
            first.setdefault(competency, level)
    return first


def _first_criteria(ladder: Ladder, competency: str) -> dict[str, Level]:
    """Each criterion of a competency and the lowest-ranked level that writes it."""
    first: dict[str, Level] = {}
    for level in sorted(ladder.levels, key=lambda lv: lv.rank):
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
    positions = _positions(a, b, levels)
    first_a, first_b = _first_levels(a, resolved_a), _first_levels(b, resolved_b)
    bars: list[BarDifference] = []
    for m in competencies:
        if m.a is None or m.b is None or m.a not in first_a or m.b not in first_b:
            continue
        label = m.a_label if m.a_label == m.b_label else f"{m.a_label} / {m.b_label}"
        level_a, level_b = first_a[m.a], first_b[m.b]
        if level_a.rank != positions[level_b.id]:
            bars.append(
                BarDifference(
                    "entry",
                    m.a,
                    m.b,
                    str(label),
                    level_a.id,
                    level_a.rank,
                    level_b.id,
                    level_b.rank,
                    positions[level_b.id],
                )
            )
        bars.extend(_criterion_bars(a, b, m.a, m.b, str(label), positions))
    return tuple(bars)


def _criterion_bars(
    a: Ladder, b: Ladder, ca: str, cb: str, label: str, positions: Mapping[str, float]
) -> list[BarDifference]:
    criteria_a, criteria_b = _first_criteria(a, ca), _first_criteria(b, cb)
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
        if level_a.rank != positions[level_b.id]:
            bars.append(
                BarDifference(
                    "criterion",
                    ca,
                    cb,
                    label,
                    level_a.id,
                    level_a.rank,
                    level_b.id,
                    level_b.rank,
                    positions[level_b.id],
                    text_a,
                    text_b,
                    round(overlap, 2),
                )
            )
    return bars


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
