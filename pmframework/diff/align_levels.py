"""Where a level sits, and which levels of two ladders correspond.

**Placement.** Raw rank numbers mean different things in different ladders, so a level is
placed on the common scale of the built-ins (1 associate, 2 PM, 3 senior, 4 principal or group,
5 director, 6 head, 7 VP, 8 chief) by what its titles say, read with the thesaurus's seniority
words: ``Senior Staff Engineer`` 4.5, ``Manager of Managers`` 5.5, ``PM or Sr. PM`` the band
2–3. An individual-contributor title with no seniority word is 2 (``Product Manager``,
``Engineer II`` is 2 by its numeral). A level whose titles say nothing is placed between the
placed levels of its track, by its position in the track; a ladder that places nothing falls
back on its ranks. A level that declares which built-in level it corresponds to
(``corresponds_to``) sits where that level sits. Ranks are read only against places on their
own scale: a track numbered on a scale of its own (``rank_scale``) sits by its titles, else by
its levels' equivalents in other tracks, never by comparing its numbers with another scale's.

**Pairs.** Two levels can pair only on tracks of the same kind (``other`` pairs with either)
and the same job family (read from track names and titles: a technical programme manager is
not a software engineer), and only when their places are less than ``SPAN`` apart: beyond
the other ladder's span a level has no counterpart. The score weighs (``LEVEL_WEIGHTS``) how
close they sit, how alike their titles are (numbers left out), for management tracks how far
each is from the bottom of its track (first-line manager with first-line manager), and how
alike their texts are. Pairs form per pair of tracks by the best order-keeping assignment
(dynamic programming, one to one); a level whose titles span a band may take a second,
neighbouring level inside that band. A level paired on two tracks of the other ladder keeps the
better one.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from functools import cache

from pmframework.diff.align_text import Thesaurus, thesaurus
from pmframework.model import Ladder, Level, Track
from pmframework.text import number_text

LEVEL_WEIGHTS = {"position": 0.5, "title": 0.2, "ordinal": 0.15, "content": 0.15}
LEVEL_CUTOFF = 0.45
SPAN = 1.5  # places this far apart (or more) never pair
OTHER_KIND = 0.85  # a track of kind "other" pairs with either kind, a little less surely

_ABBREVIATIONS = {
    "pm": "product manager",
    "pms": "product manager",
    "apm": "associate product manager",
    "spm": "senior product manager",
    "gpm": "group product manager",
    "cpo": "chief product officer",
    "cto": "chief technology officer",
    "vp": "vice president",
    "svp": "senior vice president",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "dir": "director",
    "mgr": "manager",
    "ic": "individual contributor",
    "tpm": "technical program manager",
    "em": "engineering manager",
}
_ROMAN = {"i": 1.0, "ii": 2.0, "iii": 3.0, "iv": 4.0, "v": 5.0}
_TITLE_STOPWORDS = frozenset({"a", "an", "and", "of", "the", "for", "in", "or", "to", "level"})
_WORD = re.compile(r"[a-z]+")
# "PM or Sr. PM", "Senior–Principal IC PM", "Director / VP": one title naming a band.
_BAND = re.compile(r"\s+(?:or|to)\s+|\s*[–—/]\s*|\s+-\s+")


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word


def title_words(text: str) -> list[str]:
    """``"Sr. PM 5"`` → [senior, product, manager]: lower case, abbreviations spelled out,
    numbers left out (a level number is not a word two titles share)."""
    words: list[str] = []
    for word in _WORD.findall(text.casefold()):
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return [_singular(w) for w in words if w not in _TITLE_STOPWORDS]


def _seniority_weight(word: str, table: Thesaurus) -> int:
    return 3 if word in table.seniority else 1


def title_overlap(a: str, b: str) -> float:
    """Dice coefficient of two titles' words, seniority words weighing three, roman numerals
    and numbers left out."""
    table = thesaurus()
    words_a = {w for w in title_words(a) if w not in _ROMAN}
    words_b = {w for w in title_words(b) if w not in _ROMAN}
    total = sum(_seniority_weight(w, table) for w in words_a | words_b) + sum(
        _seniority_weight(w, table) for w in words_a & words_b
    )
    if not total:
        return 0.0
    return 2 * sum(_seniority_weight(w, table) for w in words_a & words_b) / total


def title_cue(title: str, management: bool) -> float | None:
    """Where one title (or one part of a band) places a level; None when it does not say."""
    table = thesaurus()
    raw = [_singular(w) for w in _WORD.findall(title.casefold())]
    words = title_words(title)
    managers = raw.count("manager")
    if management and managers >= 2:  # manager of managers (of managers)
        return 4 + 1.5 * (managers - 1)
    values = [table.seniority[w] for w in words if w in table.seniority]
    if management and "manager" in words:
        values.append(4.0)
    if values:
        top = max(values)
        # "senior" before another seniority word: half a step above it (senior staff).
        return top + 0.5 if "senior" in words and top > 3 else top
    numerals = [_ROMAN[w] for w in raw if w in _ROMAN]
    if numerals and not management:
        return numerals[-1]
    return None if management else 2.0


@dataclass(frozen=True)
class Place:
    """A level's place on the common scale: a band from ``low`` to ``high``, and how it was
    found (``title``, ``track``, ``rank`` or ``declared``)."""

    low: float
    high: float
    how: str

    def gap(self, other: Place) -> float:
        if math.isinf(self.low) or math.isinf(other.low):
            return math.inf  # an unplaced level is near nothing, another unplaced one included
        return max(0.0, self.low - other.high, other.low - self.high)

    def text(self) -> str:
        if math.isinf(self.low):
            return "unplaced (ranks on a scale of their own)"
        if self.low == self.high:
            return number_text(self.low)
        return f"{number_text(self.low)}–{number_text(self.high)}"


# A level on a scale of ranks of its own that nothing relates to the common scale: far from
# every place, so that it pairs only where a map or a declaration says so.
UNPLACED = Place(math.inf, math.inf, "unplaced")


def _title_place(level: Level, management: bool) -> Place | None:
    cues = [
        cue
        for title in level.titles
        for part in _BAND.split(title)
        if part.strip() and (cue := title_cue(part, management)) is not None
    ]
    return Place(min(cues), max(cues), "title") if cues else None


def _ordered(track: Track) -> list[Level]:
    return sorted(track.levels, key=lambda lv: lv.rank)


def place_levels(ladder: Ladder, declared: Mapping[str, float]) -> dict[str, Place]:
    """Every level's place: declared, from its titles, between placed levels of its track, or
    its rank moved by how far the ladder's ranks sit from its titles' places."""
    places: dict[str, Place] = {}
    for track in ladder.tracks:
        management = track.kind == "management"
        for level in track.levels:
            if level.id in declared:
                places[level.id] = Place(declared[level.id], declared[level.id], "declared")
            elif (place := _title_place(level, management)) is not None:
                places[level.id] = place
    _place_by_equivalents(ladder, places)
    scales = {t.rank_scale for t in ladder.tracks}
    offsets: dict[str | None, list[float]] = {scale: [] for scale in scales}
    for track in ladder.tracks:
        offsets[track.rank_scale] += [
            (p.low + p.high) / 2 - lv.rank
            for lv in track.levels
            if (p := places.get(lv.id)) is not None
        ]
    for track in ladder.tracks:
        # Ranks are read against places only on their own scale (version 2's rank_scale):
        # a scale none of whose levels is placed, in a ladder of several, places nothing.
        found = offsets[track.rank_scale]
        offset = statistics.median(found) if found else 0.0 if len(scales) == 1 else None
        ordered = _ordered(track)
        known = [(k, places[lv.id]) for k, lv in enumerate(ordered) if lv.id in places]
        for k, level in enumerate(ordered):
            if level.id in places:
                continue
            below = [(i, p) for i, p in known if i < k]
            above = [(i, p) for i, p in known if i > k]
            if below and above:
                (i, p), (j, q) = below[-1], above[0]
                value = p.high + (q.low - p.high) * (k - i) / (j - i)
            elif below:
                value = below[-1][1].high + (k - below[-1][0])
            elif above:
                value = above[0][1].low - (above[0][0] - k)
            elif offset is None:
                places[level.id] = UNPLACED
                continue
            else:
                places[level.id] = Place(level.rank + offset, level.rank + offset, "rank")
                continue
            places[level.id] = Place(value, value, "track")
    return places


def _place_by_equivalents(ladder: Ladder, places: dict[str, Place]) -> None:
    """A level of a track on its own scale of ranks, that its titles do not place, sits where
    a placed equivalent of a track on another scale sits: equivalents are what relate scales."""
    for track in ladder.tracks:
        for level in track.levels:
            if level.id in places:
                continue
            found = [
                places[other.id]
                for e in level.equivalents
                if (other := ladder.level(e)) is not None
                and other.id in places
                and not ladder.same_rank_scale(level, other)
            ]
            if found:
                low, high = min(p.low for p in found), max(p.high for p in found)
                places[level.id] = Place(low, high, "equivalent")


def track_family(ladder: Ladder, track: Track) -> str | None:
    """The job family a track's name and titles (or the framework's job family) name."""
    table = thesaurus()
    texts = [track.name, *(t for lv in track.levels for t in lv.titles)]
    for source in (texts, [ladder.framework.job_family or ""]):
        words = {w for text in source for w in _WORD.findall(text.casefold())}
        for family, markers in table.families:
            if words & markers:
                return family
    return None


def kinds_factor(a: str, b: str) -> float:
    """1 for tracks of the same kind, ``OTHER_KIND`` when one is ``other``, 0 for an
    individual-contributor track and a management track."""
    if a == b:
        return 1.0
    return OTHER_KIND if "other" in (a, b) else 0.0


def monotone_pairs(
    scores: Mapping[tuple[int, int], float], n: int, m: int
) -> list[tuple[int, int]]:
    """The order-keeping one-to-one pairing of two tracks' levels (by index) with the highest
    total score: if level i pairs with j, a higher level of one pairs only with a higher level
    of the other."""
    if n * m > 250_000:  # a hostile size: best pairs first instead
        taken_a: set[int] = set()
        taken_b: set[int] = set()
        chosen = []
        for (i, j), _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
            if i not in taken_a and j not in taken_b:
                chosen.append((i, j))
                taken_a.add(i)
                taken_b.add(j)
        return sorted(chosen)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, m + 1):
            value = max(above[j], row[j - 1])
            score = scores.get((i - 1, j - 1))
            if score is not None:
                value = max(value, above[j - 1] + score)
            row[j] = value
    chosen = []
    i, j = n, m
    while i and j:
        score = scores.get((i - 1, j - 1))
        if score is not None and best[i][j] == best[i - 1][j - 1] + score:
            chosen.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return sorted(chosen)


def band_extras(
    pairs: Sequence[tuple[int, int]],
    inside: Set[tuple[int, int]],
    spans_a: Sequence[bool],
    spans_b: Sequence[bool],
) -> list[tuple[int, int]]:
    """Second pairs where a level spans a band: a neighbour of its counterpart, left without
    one, that the band also covers (``inside``: scored above the cut-off, no gap)."""
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    extra = []
    for i, j in pairs:
        if spans_a[i]:
            for k in (j - 1, j + 1):
                if k not in used_b and (i, k) in inside:
                    extra.append((i, k))
                    used_b.add(k)
        if spans_b[j]:
            for k in (i - 1, i + 1):
                if k not in used_a and (k, j) in inside:
                    extra.append((k, j))
                    used_a.add(k)
    return extra


def ordinal_score(i: int, j: int) -> float:
    """How alike two management levels' distances from the bottom of their tracks are."""
    return max(0.0, 1 - abs(i - j) / 2)


def ordinal_text(i: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(i % 10 if i % 100 not in (11, 12, 13) else 0, "th")
    return f"{i}{suffix}"


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


def declared_places(ladder: Ladder) -> dict[str, float]:
    """Levels that declare a level of a built-in sit where it sits."""
    places: dict[str, float] = {}
    for level in ladder.levels:
        for framework, targets in sorted(level.corresponds_to.items()):
            ranks = [r for t in targets if (r := _builtin_ranks(framework).get(t)) is not None]
            if ranks and level.id not in places:
                places[level.id] = min(ranks)
    return places
