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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

SegmentOp = Literal["equal", "delete", "insert"]
REWRITE_BELOW = 0.4

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


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The words of ``old`` and ``new``: kept, deleted and inserted, in reading order.

    Tokens are compared without their surrounding white space, so re-spacing is not a change;
    the space before a changed run is shown as kept, outside the highlight. Texts that share
    less than ``REWRITE_BELOW`` of their words are shown as rewritten: all old, then all new.
    """
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False
    )
    if matcher.ratio() < REWRITE_BELOW:
        rewrite = (Segment("delete", old), Segment("insert", new))
        return tuple(segment for segment in rewrite if segment.text)
    segments: list[Segment] = []

    def emit(op: SegmentOp, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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
    return tuple(segments)


def similarity(old: str, new: str) -> float:
    """How much of two texts is the same words in the same order, 0–1 (difflib's ratio)."""
    a = [t.strip() for t in _tokens(old)]
    b = [t.strip() for t in _tokens(new)]
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


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
