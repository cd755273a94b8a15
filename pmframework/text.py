"""Small text helpers shared across pmframework: suggestions, comparison, ids, counts."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'senior-pm'?`` when a candidate is close, else an empty string."""
    close = difflib.get_close_matches(wrong, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def normalized(text: str) -> str:
    """Text compared as a reader would: what looks the same on screen compares equal.

    Case, runs of white space, Unicode normalisation (an "é" typed as one character or as "e"
    and a combining accent, a ligature "ﬁ" and "fi") and invisible characters (zero-width
    spaces and joiners, soft hyphens) do not matter.
    """
    if text.isascii():
        folded = text.casefold()
    else:
        # Format characters (category Cf) draw nothing: zero-width space, joiners, soft hyphen.
        # They go first, so that what they separated can compose ("e", U+200B, U+0301 is "é").
        visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
        # Normalised on both sides of case folding, as in Unicode's caseless matching: folding
        # can itself leave text unnormalised ("ǰ" folds to "j" and a combining caron).
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return re.sub(r"\s+", " ", folded).strip()


def slug(text: str, fallback: str = "ladder") -> str:
    """``"Impact & Influence"`` → ``impact-influence``: an id made from a name, accents folded,
    cut at a word boundary to at most 60 characters; ``fallback`` when no letter or digit is left.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > 60:
            break
        result = candidate
    return result or (words[0][:60] if words else fallback)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 file``, ``2 files``; ``words`` for irregular plurals (``competencies``)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def printable(text: str) -> str:
    """``text`` safe to print anywhere (a terminal, strict UTF-8, XML 1.0): control characters
    become ``\\x1b``, and the bytes of a file name that is not UTF-8 (which Python keeps as lone
    surrogates) become ``\\xff``; everything else, accents and tabs included, stays as it is."""
    return _UNPRINTABLE.sub(_escape_unprintable, text)


# C0 controls but tab, DEL and C1 controls, lone surrogates, and the two XML non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape_unprintable(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode: surrogateescape's range
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
