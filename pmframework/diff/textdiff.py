"""Word-level text comparison for diffs: which words changed, and how alike two texts are.

Two measures serve two questions:

* ``similarity`` (difflib's ratio over word tokens, 0–1) asks "is this the same sentence,
  edited?" — it pairs a changed criterion with the one it replaced;
* ``word_overlap`` (cosine of content-word counts, 0–1) asks "do these texts talk about the same
  things?" — it compares differently worded ladders of two companies.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

SegmentOp = Literal["equal", "delete", "insert"]
REWRITE_BELOW = 0.4
# How many token pairs difflib may look at before a text is compared more coarsely. difflib's
# cost grows with the product of how often each word occurs in either text (8,000 words of one
# repeated word: 64 million pairs, 15 s); two million pairs take a fraction of a second.
MAX_TOKEN_PAIRS = 2_000_000

# Each token is a word or one punctuation mark, with the white space before it.
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])|\s+\Z")
_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset({
    "a", "about", "above", "across", "after", "all", "also", "an", "and", "any", "are", "as",
    "at", "be", "been", "being", "both", "but", "by", "can", "do", "does", "each", "for", "from",
    "has", "have", "how", "in", "into", "is", "it", "its", "more", "most", "not", "of", "on",
    "one", "or", "other", "our", "over", "own", "same", "so", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "up", "very", "was", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your",
})  # fmt: skip


@dataclass(frozen=True)
class Segment:
    """A run of text that both versions share (``equal``), or only the old or new one has."""

    op: SegmentOp
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _split_space(text: str) -> tuple[str, str]:
    body = text.lstrip()
    return text[: len(text) - len(body)], body


@dataclass(frozen=True)
class _Alignment:
    """Which runs of two token lists are equal, as difflib's opcodes, and how it was found."""

    opcodes: Sequence[tuple[str, int, int, int, int]]
    matched: int  # tokens in equal runs (in a coarse alignment, in common)
    note: str = ""  # empty when compared word by word throughout

    def ratio(self, total: int) -> float:
        return 2.0 * self.matched / total if total else 1.0


def _token_pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """The pairs of equal tokens difflib may visit: its cost, found in linear time."""
    counts = Counter(b)
    return sum(counts[token] for token in a)


def _difflib(a: Sequence[Hashable], b: Sequence[Hashable]) -> _Alignment:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return _Alignment(matcher.get_opcodes(), matched)


def _shift(
    opcodes: Iterable[tuple[str, int, int, int, int]], i: int, j: int
) -> list[tuple[str, int, int, int, int]]:
    return [(tag, i1 + i, i2 + i, j1 + j, j2 + j) for tag, i1, i2, j1, j2 in opcodes]


def _units(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Sentences: token ranges ending after ``.``, ``!`` or ``?``."""
    bounds, start = [], 0
    for index, token in enumerate(tokens):
        if token in (".", "!", "?"):
            bounds.append((start, index + 1))
            start = index + 1
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    return bounds


def _by_sentence(a: Sequence[str], b: Sequence[str], budget: int) -> _Alignment | None:
    """Sentences (or lines) as the units compared; None when even that would cost too much."""
    ua, ub = _units(a), _units(b)
    keys_a = [tuple(a[i:j]) for i, j in ua]
    keys_b = [tuple(b[i:j]) for i, j in ub]
    if _token_pairs(keys_a, keys_b) > budget:
        return None
    units = _difflib(keys_a, keys_b)
    opcodes, matched = [], 0
    for tag, i1, i2, j1, j2 in units.opcodes:
        start_a = ua[i1][0] if i1 < len(ua) else len(a)
        end_a = ua[i2 - 1][1] if i2 > i1 else start_a
        start_b = ub[j1][0] if j1 < len(ub) else len(b)
        end_b = ub[j2 - 1][1] if j2 > j1 else start_b
        opcodes.append((tag, start_a, end_a, start_b, end_b))
        if tag == "equal":
            matched += end_a - start_a
    return _Alignment(
        opcodes, matched, "compared sentence by sentence: too long to compare word by word"
    )


def _align(a: Sequence[str], b: Sequence[str], budget: int = MAX_TOKEN_PAIRS) -> _Alignment:
    """difflib's alignment of two token lists, as before, while that is cheap; beyond ``budget``
    the common start and end are set aside first (linear), and a middle still too costly is
    compared sentence by sentence, or replaced as a whole."""
    if _token_pairs(a, b) <= budget:
        return _difflib(a, b)
    n, m = len(a), len(b)
    start = 0
    while start < min(n, m) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(n, m) - start and a[n - 1 - end] == b[m - 1 - end]:
        end += 1
    middle_a, middle_b = a[start : n - end], b[start : m - end]
    if _token_pairs(middle_a, middle_b) <= budget:
        middle = _difflib(middle_a, middle_b)
    else:
        middle = _by_sentence(middle_a, middle_b, budget) or _Alignment(
            [("replace", 0, len(middle_a), 0, len(middle_b))],
            0,
            "compared as a whole: too long to compare word by word",
        )
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [op for op in _shift(middle.opcodes, start, start) if op[1] < op[2] or op[3] < op[4]]
    if end:
        opcodes.append(("equal", n - end, n, m - end, m))
    if middle.note:
        # Words inside replaced sentences may still match: count the words the middles share,
        # so that a long text edited throughout is not taken for a rewrite.
        shared = sum((Counter(middle_a) & Counter(middle_b)).values())
        return _Alignment(opcodes, start + shared + end, middle.note)
    return _Alignment(opcodes, start + middle.matched + end)


# 1.10, v2.0.0-rc.1, 2024-05-01: a value read as one thing, whose parts mean nothing alone.
_VERSION_LIKE = re.compile(r"[vV]?[0-9]+(?:[.+-][0-9A-Za-z]+)*")


@dataclass(frozen=True)
class WordDiff:
    """The segments of a word diff, and a note when the texts were compared more coarsely."""

    segments: tuple[Segment, ...]
    note: str = ""


def compare_words(old: str, new: str, *, budget: int = MAX_TOKEN_PAIRS) -> WordDiff:
    """The words of ``old`` and ``new``: kept, deleted and inserted, in reading order.

    Tokens are compared without their surrounding white space, so re-spacing is not a change;
    the space before a changed run is shown as kept, outside the highlight. Texts that share
    less than ``REWRITE_BELOW`` of their words are shown as rewritten: all old, then all new.
    A long text whose word-by-word comparison would cost more than ``budget`` token pairs is
    compared sentence by sentence (or as a whole) past its common start and end, and ``note``
    says so.
    """
    if _VERSION_LIKE.fullmatch(old) and _VERSION_LIKE.fullmatch(new) and old != new:
        # A version, a number or a date is read whole: 1.0.0 → 1.1.0, not 1.{+1+}.0[-.0-].
        return WordDiff(
            tuple(s for s in (Segment("delete", old), Segment("insert", new)) if s.text)
        )
    a, b = _tokens(old), _tokens(new)
    alignment = _align([t.strip() for t in a], [t.strip() for t in b], budget)
    if alignment.ratio(len(a) + len(b)) < REWRITE_BELOW:
        rewrite = (Segment("delete", old), Segment("insert", new))
        return WordDiff(tuple(segment for segment in rewrite if segment.text), alignment.note)
    segments: list[Segment] = []

    def emit(op: SegmentOp, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in alignment.opcodes:
        if tag == "equal":
            emit("equal", "".join(b[j1:j2]))
            continue
        old_space, removed = _split_space("".join(a[i1:i2]))
        new_space, added = _split_space("".join(b[j1:j2]))
        # A run deleted at the start of the text leaves the next word's space behind.
        if tag == "delete" and i1 == 0 and i2 < len(a):
            removed += a[i2][: len(a[i2]) - len(a[i2].lstrip())]
        emit("equal", new_space if tag != "delete" else old_space if j1 > 0 else "")
        emit("delete", removed)
        emit("insert", added)
    return WordDiff(tuple(segments), alignment.note)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The segments of ``compare_words(old, new)``."""
    return compare_words(old, new).segments


def similarity(old: str, new: str) -> float:
    """How much of two texts is the same words in the same order, 0–1 (difflib's ratio; for a
    long text that cannot be compared word by word, its middle counts the words in common)."""
    a = [t.strip() for t in _tokens(old)]
    b = [t.strip() for t in _tokens(new)]
    if not a and not b:
        return 1.0
    return _align(a, b).ratio(len(a) + len(b))


def content_words(texts: Iterable[str]) -> Counter[str]:
    """Counts of the content words of ``texts``: lower case, no stop words, no 1–2 letter words,
    a plural ``s`` dropped (``teams`` counts as ``team``)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if len(word) > 2 and word not in _STOPWORDS and not word.isdigit():
                counts[word[:-1] if word.endswith("s") and not word.endswith("ss") else word] += 1
    return counts


def word_overlap(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two word counts, 0–1; 0 when either is empty."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(count * large[word] for word, count in small.items() if word in large)
    if not dot:
        return 0.0
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm


def shared_words(a: Counter[str], b: Counter[str], limit: int = 4) -> list[str]:
    """The words two counts share, the most weighty first (ties alphabetically)."""
    common = [word for word in a if word in b]
    common.sort(key=lambda word: (-a[word] * b[word], word))
    return common[:limit]
