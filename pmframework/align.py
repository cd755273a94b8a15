"""Aligning two different ladders: which levels and competencies correspond, how sure that is,
and where the two ladders set their bars at different levels.

Every alignment is a weighted mean of a few signals, each 0–1, over the signals that apply;
that mean is the confidence. A pair from the ``--map`` file has confidence 1.

Levels (``LEVEL_WEIGHTS``):

* ``rank`` 0.4 — 1 − |rank difference| / 2: the same rank scores 1, one apart 0.5, two or more
  0 (ranks follow a common scale: 1 associate, 2 PM, 3 senior, 4 principal or group, 5
  director, 6 head of product, 7 VP, 8 CPO);
* ``title`` 0.3 — the best word overlap between any title or alternative title of the two
  (Dice coefficient; ``Sr``, ``PM``, ``GPM``, ``CPO``... are spelled out, and seniority words
  such as senior, principal or director weigh three times as much as the others);
* ``content`` 0.2 — how alike the words of their expectations are (cosine of content-word
  counts, inheritance resolved, with summary and dimensions); left out when either level has
  no text;
* ``track`` 0.1 — 1 when both levels sit on the same kind of track (IC or management).

Competencies (``COMPETENCY_WEIGHTS``): ``name`` 0.6, the best word overlap between names,
aliases and ids (1 for the same id or name); ``content`` 0.4, how alike their descriptions,
criteria and examples are.

Levels form a crosswalk: each level's best counterpart on the other side, in both directions,
so one of their levels may match two of ours. Competencies pair one to one, the best pairs
first. Below ``MIN_CONFIDENCE`` a level or competency has no counterpart. Ties go to the lower
id, so the same inputs always give the same alignment.

Bars differ when one ladder expects something at a lower level than the other: a competency
that starts at a different level (``entry``), or a criterion whose closest counterpart in the
other ladder (at least ``CRITERION_OVERLAP`` word overlap, in a matched competency) is first
written at a different level (``criterion``). Levels are compared by rank, the common scale;
a level of B that the ``--map`` file maps to one of A counts at that level's rank.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pmframework.model import Competency, Ladder, Level
from pmframework.resolve import ResolvedExpectation, resolve_expectations
from pmframework.text import number_text
from pmframework.textdiff import content_words, shared_words, word_overlap

LEVEL_WEIGHTS = {"rank": 0.4, "title": 0.3, "content": 0.2, "track": 0.1}
COMPETENCY_WEIGHTS = {"name": 0.6, "content": 0.4}
MIN_CONFIDENCE = 0.3
CRITERION_OVERLAP = 0.5

_ABBREVIATIONS = {
    "pm": "product manager",
    "pms": "product manager",
    "apm": "associate product manager",
    "spm": "senior product manager",
    "gpm": "group product manager",
    "cpo": "chief product officer",
    "vp": "vice president",
    "svp": "senior vice president",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "dir": "director",
    "mgr": "manager",
    "ic": "individual contributor",
}
_SENIORITY = frozenset({
    "associate", "junior", "senior", "staff", "principal", "lead", "group", "director", "head",
    "vice", "president", "chief", "officer", "distinguished",
})  # fmt: skip
_TITLE_STOPWORDS = frozenset({"a", "an", "and", "of", "the", "for", "in"})
_WORD = re.compile(r"[a-z0-9]+")


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


# --- words of titles and names ----------------------------------------------------------------


def title_words(text: str) -> frozenset[str]:
    """``"Sr. PM"`` → {senior, product, manager}: lower case, abbreviations spelled out."""
    words: list[str] = []
    for word in _WORD.findall(text.casefold()):
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return frozenset(
        w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w
        for w in words
        if w not in _TITLE_STOPWORDS
    )


def _weight(word: str) -> int:
    return 3 if word in _SENIORITY else 1


def name_overlap(a: str, b: str) -> float:
    """Dice coefficient of two titles' or names' words, seniority words weighing three."""
    words_a, words_b = title_words(a), title_words(b)
    total = sum(map(_weight, words_a)) + sum(map(_weight, words_b))
    if not total:
        return 0.0
    return 2 * sum(map(_weight, words_a & words_b)) / total


def _best_name_pair(names_a: Iterable[str], names_b: Iterable[str]) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for x in names_a:
        for y in names_b:
            score = name_overlap(x, y)
            if score > best[0]:
                best = (score, x, y)
    return best


def _name_signal(name: str, weight: float, a: Iterable[str], b: Iterable[str]) -> Signal:
    score, x, y = _best_name_pair(a, b)
    if not score:
        return Signal(name, 0.0, weight, f"no {name} in common")
    if score == 1:
        return Signal(name, 1.0, weight, f"{name} “{x}” = “{y}”")
    return Signal(name, round(score, 2), weight, f"{name} “{x}” ≈ “{y}” ({score:.2f})")


def _content_signal(weight: float, a: Counter[str], b: Counter[str]) -> Signal | None:
    if not a or not b:
        return None
    score = word_overlap(a, b)
    words = shared_words(a, b)
    shared = f"shared words: {', '.join(words)}" if words else "no words in common"
    return Signal("content", round(score, 2), weight, f"{shared} ({score:.2f})")


def _confidence(signals: Iterable[Signal]) -> float:
    signals = list(signals)
    weight = sum(s.weight for s in signals)
    return round(sum(s.score * s.weight for s in signals) / weight, 2) if weight else 0.0


def _mapped(detail: str) -> tuple[Signal, ...]:
    return (Signal("map", 1.0, 1.0, detail),)


# --- levels ------------------------------------------------------------------------------------


class _LevelProfile:
    """What level alignment reads of one level: its titles, rank, track kind and words."""

    def __init__(self, ladder: Ladder, level: Level, resolved: Mapping[str, ResolvedExpectation]):
        self.level = level
        track = ladder.track(level.track)
        self.kind = track.kind if track else "other"
        texts = [s.text for s in (level.summary, *level.dimensions.values()) if s is not None]
        for expectation in resolved.values():
            texts.extend(s.statement.text for s in (*expectation.criteria, *expectation.examples))
        self.words = content_words(texts)


def _level_signals(a: _LevelProfile, b: _LevelProfile) -> tuple[Signal, ...]:
    ra, rb = a.level.rank, b.level.rank
    rank = max(0.0, 1 - abs(ra - rb) / 2)
    rank_detail = f"rank {number_text(ra)} {'=' if ra == rb else 'vs'} {number_text(rb)}"
    signals = [
        Signal("rank", rank, LEVEL_WEIGHTS["rank"], rank_detail),
        _name_signal("title", LEVEL_WEIGHTS["title"], a.level.titles, b.level.titles),
    ]
    content = _content_signal(LEVEL_WEIGHTS["content"], a.words, b.words)
    if content is not None:
        signals.append(content)
    same = a.kind == b.kind
    kinds = f"both {a.kind} tracks" if same else f"{a.kind} vs {b.kind} track"
    signals.append(Signal("track", 1.0 if same else 0.0, LEVEL_WEIGHTS["track"], kinds))
    return tuple(signals)


@dataclass(frozen=True)
class _Scored:
    confidence: float
    signals: tuple[Signal, ...]


def align_levels(
    a: Ladder,
    b: Ladder,
    mapping: Mapping[str, str | None],
    resolved_a: Mapping[str, Mapping[str, ResolvedExpectation]],
    resolved_b: Mapping[str, Mapping[str, ResolvedExpectation]],
) -> tuple[Match, ...]:
    """The crosswalk of levels: every level of either ladder with its best counterpart.

    ``mapping`` is ``{b_level: a_level}`` from the ``--map`` file (None: no counterpart).
    """
    profiles_a = {lv.id: _LevelProfile(a, lv, resolved_a[lv.id]) for lv in a.levels}
    profiles_b = {lv.id: _LevelProfile(b, lv, resolved_b[lv.id]) for lv in b.levels}
    scored: dict[tuple[str, str], _Scored] = {}
    for x, pa in profiles_a.items():
        for y, pb in profiles_b.items():
            signals = _level_signals(pa, pb)
            scored[x, y] = _Scored(_confidence(signals), signals)
    mapped_a = {target for target in mapping.values() if target is not None}
    pairs: dict[tuple[str | None, str | None], _Scored] = {}
    for theirs, ours in mapping.items():
        detail = f"mapped in the --map file: {theirs} → {ours or 'none'}"
        pairs[ours, theirs] = _Scored(1.0, _mapped(detail))
    for x in profiles_a:
        if x not in mapped_a:
            _add_pair(pairs, (x, _best({y: scored[x, y] for y in profiles_b})), scored)
    for y in profiles_b:
        if y not in mapping:
            _add_pair(pairs, (_best({x: scored[x, y] for x in profiles_a}), y), scored)
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


def _by_id(levels: Iterable[Level]) -> dict[str, Level]:
    return {lv.id: lv for lv in levels}


def _best(candidates: Mapping[str, _Scored]) -> str | None:
    """The candidate with the highest confidence (the lowest id among equals), if any is
    at least MIN_CONFIDENCE."""
    ranked = sorted(candidates, key=lambda c: (-candidates[c].confidence, c))
    if ranked and candidates[ranked[0]].confidence >= MIN_CONFIDENCE:
        return ranked[0]
    return None


def _add_pair(
    pairs: dict[tuple[str | None, str | None], _Scored],
    pair: tuple[str | None, str | None],
    scored: Mapping[tuple[str, str], _Scored],
) -> None:
    x, y = pair
    if x is not None and y is not None:
        pairs[x, y] = scored[x, y]
    elif (x, y) not in pairs:
        pairs[x, y] = _Scored(0.0, ())


def _crosswalk_order(m: Match) -> tuple[float, float, str, str]:
    rank_a = m.a_rank if m.a_rank is not None else m.b_rank
    rank_b = m.b_rank if m.b_rank is not None else m.a_rank
    assert rank_a is not None and rank_b is not None
    return (rank_a, rank_b, m.a or "", m.b or "")


# --- competencies ------------------------------------------------------------------------------


def _competency_names(competency: Competency) -> list[str]:
    return [competency.name, *competency.aliases, competency.id.replace("-", " ")]


def _competency_words(ladder: Ladder) -> dict[str, Counter[str]]:
    texts: dict[str, list[str]] = {
        c.id: [c.description.text] if c.description else [] for c in ladder.competencies
    }
    for level in ladder.levels:
        for competency, expectation in level.expectations.items():
            texts.setdefault(competency, []).extend(
                s.text for s in (*expectation.criteria, *expectation.examples)
            )
    return {competency: content_words(t) for competency, t in texts.items()}


def _competency_signals(
    a: Competency, b: Competency, words_a: Counter[str], words_b: Counter[str]
) -> tuple[Signal, ...]:
    weight = COMPETENCY_WEIGHTS["name"]
    if a.id == b.id:
        name = Signal("name", 1.0, weight, f"same id {a.id!r}")
    else:
        name = _name_signal("name", weight, _competency_names(a), _competency_names(b))
    content = _content_signal(COMPETENCY_WEIGHTS["content"], words_a, words_b)
    return (name,) if content is None else (name, content)


def align_competencies(
    a: Ladder, b: Ladder, mapping: Mapping[str, str | None]
) -> tuple[Match, ...]:
    """Competencies of A and B paired one to one, best pairs first; then those without a
    counterpart. ``mapping`` is ``{b_competency: a_competency}`` from the ``--map`` file."""
    words_a, words_b = _competency_words(a), _competency_words(b)
    catalog_a = {c.id: c for c in a.competencies}
    catalog_b = {c.id: c for c in b.competencies}
    paired: dict[str, tuple[str, _Scored]] = {}  # a -> (b, score)
    used_b: set[str] = set(mapping)
    for y, x in mapping.items():
        if x is not None:
            paired[x] = (y, _Scored(1.0, _mapped(f"mapped in the --map file: {y} → {x}")))
    candidates = []
    for x, ca in catalog_a.items():
        if x in paired:
            continue
        for y, cb in catalog_b.items():
            if y in used_b:
                continue
            signals = _competency_signals(ca, cb, words_a[x], words_b[y])
            confidence = _confidence(signals)
            if confidence >= MIN_CONFIDENCE:
                candidates.append((-confidence, x, y, signals))
    for negative, x, y, signals in sorted(candidates, key=lambda c: c[:3]):
        if x not in paired and y not in used_b:
            paired[x] = (y, _Scored(-negative, signals))
            used_b.add(y)
    matches = []
    for x, ca in catalog_a.items():
        if x in paired:
            y, score = paired[x]
            matches.append(
                Match(
                    "competency",
                    x,
                    y,
                    ca.name,
                    catalog_b[y].name,
                    score.confidence,
                    score.signals,
                )
            )
        else:
            matches.append(Match("competency", x, None, ca.name, None, 0.0))
    matched_b = {y for y, _ in paired.values()}
    matches.extend(
        Match("competency", None, y, None, cb.name, 0.0)
        for y, cb in catalog_b.items()
        if y not in matched_b
    )
    return tuple(matches)


# --- bars --------------------------------------------------------------------------------------


def _positions(a: Ladder, b: Ladder, mapping: Mapping[str, str | None]) -> dict[str, float]:
    """Where each level of B sits on the common rank scale: its rank, or the rank of the A
    level the ``--map`` file maps it to."""
    ranks_a = {lv.id: lv.rank for lv in a.levels}
    return {
        lv.id: ranks_a[mapped] if (mapped := mapping.get(lv.id)) is not None else lv.rank
        for lv in b.levels
    }


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
    level_mapping: Mapping[str, str | None],
    competencies: Iterable[Match],
    resolved_a: Mapping[str, Mapping[str, ResolvedExpectation]],
    resolved_b: Mapping[str, Mapping[str, ResolvedExpectation]],
) -> tuple[BarDifference, ...]:
    """Where the two ladders expect the same thing at different levels."""
    positions = _positions(a, b, level_mapping)
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


def compare_companies(
    a: Ladder, b: Ladder, mapping: Mapping[str, Mapping[str, str | None]]
) -> CompanyComparison:
    """Align two different ladders and compare where they set their bars."""
    resolved_a = {lv.id: resolve_expectations(a, lv) for lv in a.levels}
    resolved_b = {lv.id: resolve_expectations(b, lv) for lv in b.levels}
    level_mapping = mapping.get("levels", {})
    levels = align_levels(a, b, level_mapping, resolved_a, resolved_b)
    competencies = align_competencies(a, b, mapping.get("competencies", {}))
    bars = compare_bars(a, b, level_mapping, competencies, resolved_a, resolved_b)
    return CompanyComparison(levels, competencies, bars, equal=a == b)
