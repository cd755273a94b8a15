"""The language of career ladders: how alignment reads a competency's or a level's text.

A text becomes *features*: its words, lower-cased, stemmed (``strategic`` and ``strategy`` are
one stem, ``strateg``), stop words and numbers left out, and each word that belongs to a synonym
group of the thesaurus (``pmframework/diff/thesaurus.yaml``) replaced by that group (``user`` and
``customer`` are both ``~customer``). Features are weighted by TF-IDF over all the documents of
both ladders, so that a word every competency uses counts for little and a rare shared word for
much; two documents are as alike as the cosine of their weights.

No embedding model: a model small enough to ship in a wheel and run offline does not know the
words ladders use for their ideas better than a curated thesaurus, and it cannot say *why* two
texts are alike, which the evidence of every pair has to.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml

from pmframework.resources import package_text

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Longest first; a suffix comes off only when a stem of three letters with a vowel remains.
_SUFFIXES = sorted(
    [
        "izations",
        "ization",
        "ations",
        "ation",
        "itions",
        "ition",
        "ements",
        "ement",
        "ments",
        "ment",
        "nesses",
        "ness",
        "ships",
        "ship",
        "ically",
        "ical",
        "ally",
        "ities",
        "ity",
        "ings",
        "ing",
        "ives",
        "ive",
        "ists",
        "ist",
        "isms",
        "ism",
        "izes",
        "ized",
        "ize",
        "ises",
        "ised",
        "ise",
        "ates",
        "ated",
        "ate",
        "ers",
        "er",
        "ies",
        "ied",
        "ed",
        "es",
        "ics",
        "ic",
        "al",
        "ly",
        "y",
        "e",
        "s",
    ],
    key=len,
    reverse=True,
)
_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=1 << 16)  # ladders reuse their words: stem each once
def stem(word: str) -> str:
    """``leadership`` → ``lead``, ``strategic`` and ``strategies`` → ``strateg``: suffixes
    stripped three times at most, so related forms of a word meet."""
    for _ in range(3):
        for suffix in _SUFFIXES:
            rest = word[: -len(suffix)]
            if word.endswith(suffix) and len(rest) >= 3 and _VOWEL.search(rest):
                word = rest
                break
        else:
            break
    return word


@dataclass(frozen=True)
class Thesaurus:
    """The data of ``thesaurus.yaml``, stemmed: stem → synonym group, stop stems, job families
    and seniority words."""

    groups: Mapping[str, str]
    stopwords: frozenset[str]
    families: tuple[tuple[str, frozenset[str]], ...]
    seniority: Mapping[str, float]


def thesaurus_from_data(data: Mapping[str, Any]) -> Thesaurus:
    """Build the thesaurus from its YAML data; a word in two synonym groups is an error."""
    groups: dict[str, str] = {}
    for group, words in data["synonyms"].items():
        for word in words:
            key = stem(word)
            if groups.get(key, group) != group:
                raise ValueError(f"{word!r} is in synonym groups {groups[key]!r} and {group!r}")
            groups[key] = group
    return Thesaurus(
        groups=groups,
        stopwords=frozenset(stem(w) for w in data["stopwords"]),
        families=tuple((family, frozenset(words)) for family, words in data["families"].items()),
        seniority={word: float(value) for word, value in data["seniority"].items()},
    )


@cache
def thesaurus() -> Thesaurus:
    """The thesaurus pmframework ships (``pmframework/diff/thesaurus.yaml``)."""
    return thesaurus_from_data(yaml.safe_load(package_text("diff/thesaurus.yaml")))


_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "both",
        "but",
        "by",
        "do",
        "does",
        "each",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "not",
        "of",
        "on",
        "one",
        "or",
        "other",
        "our",
        "over",
        "own",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "up",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "who",
        "we",
        "us",
        "he",
        "she",
        "his",
        "her",
    ]
)


def features(text: str) -> list[tuple[str, str]]:
    """``(feature, word)`` for every word of ``text`` worth comparing: a synonym group
    (``~customer``) or a stem, and the word as written."""
    table = thesaurus()
    found: list[tuple[str, str]] = []
    for token in _WORD.findall(text.casefold()):
        key = stem(token)
        if key in table.groups:
            found.append((f"~{table.groups[key]}", token))
            continue
        for part in token.split("-"):
            if part in _STOPWORDS or len(part) < 2:
                continue
            key = stem(part)
            if key in table.groups:
                found.append((f"~{table.groups[key]}", part))
            elif key not in table.stopwords:
                found.append((key, part))
    return found


@dataclass
class TextFeatures:
    """One competency's or level's text as features: counts, and the words seen for each."""

    counts: Counter[str]
    words: dict[str, str]

    @classmethod
    def of(cls, texts: Iterable[str], repeat: int = 1) -> TextFeatures:
        document = cls(Counter(), {})
        document.add(texts, repeat)
        return document

    def add(self, texts: Iterable[str], repeat: int = 1) -> None:
        for text in texts:
            for feature, word in features(text):
                self.counts[feature] += repeat
                self.words.setdefault(feature, word)


Vector = dict[str, float]


class Corpus:
    """IDF over the documents of both ladders, and unit TF-IDF vectors of documents."""

    def __init__(self, documents: Iterable[TextFeatures]):
        frequency: Counter[str] = Counter()
        total = 0
        for document in documents:
            frequency.update(document.counts.keys())
            total += 1
        self.size = total
        self.frequency = frequency
        self._idf = {f: math.log((1 + total) / (1 + n)) + 1 for f, n in frequency.items()}

    def idf(self, feature: str) -> float:
        return self._idf.get(feature, math.log(1 + self.size) + 1)

    def vector(self, document: TextFeatures) -> Vector:
        weights = {f: (1 + math.log(n)) * self.idf(f) for f, n in document.counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {f: w / norm for f, w in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[f] for f, w in a.items() if f in b)


def shared_evidence(
    a: Vector, b: Vector, words_a: TextFeatures, words_b: TextFeatures, top: int = 4
) -> str:
    """The features two vectors share, strongest first: ``strateg``, ``user ≈ customer``."""
    shared = sorted((f for f in a if f in b), key=lambda f: (-a[f] * b[f], f))[:top]
    shown = []
    for feature in shared:
        x, y = words_a.words.get(feature, feature), words_b.words.get(feature, feature)
        if not feature.startswith("~"):
            shown.append(x)  # the stem is what matched; the word reads better
        elif stem(x) == stem(y):
            shown.append(x)
        else:
            shown.append(f"{x} ≈ {y}")
    return ", ".join(shown)


def candidates(
    vectors_a: Sequence[Vector], vectors_b: Sequence[Vector], corpus: Corpus, per_item: int
) -> dict[int, list[int]]:
    """For each document of A, the documents of B worth scoring: all of them when the ladders
    are small; otherwise those sharing a feature that few documents have (an inverted index),
    the ``per_item`` best by their partial score. A feature most documents share tells no pair
    apart, so it is not worth the cost of its long posting list."""
    if len(vectors_a) * len(vectors_b) <= 40_000:
        every = list(range(len(vectors_b)))
        return dict.fromkeys(range(len(vectors_a)), every)
    limit = max(50, corpus.size // 20)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vector in enumerate(vectors_b):
        for feature, weight in vector.items():
            if corpus.frequency[feature] <= limit:
                postings[feature].append((j, weight))
    found: dict[int, list[int]] = {}
    for i, vector in enumerate(vectors_a):
        scores: dict[int, float] = defaultdict(float)
        for feature, weight in vector.items():
            for j, other in postings.get(feature, ()):
                scores[j] += weight * other
        found[i] = sorted(scores, key=lambda j: (-scores[j], j))[:per_item]
    return found
