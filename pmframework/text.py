"""Small text helpers shared across pmframework: suggestions, comparison, ids, counts,
numbers, JSON."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'senior-pm'?`` when a candidate is close, else an empty string."""
    close = difflib.get_close_matches(wrong, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def normalized(text: str) -> str:
    """Text compared as a reader would: case and runs of white space do not matter."""
    return re.sub(r"\s+", " ", text).strip().casefold()


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


def number_text(value: float) -> str:
    """A rank or other number as a person writes it: ``3``, not ``3.0``; ``3.5`` stays.

    An integer is written as it is, never through a float, which a large one would overflow.
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def json_text(document: object) -> str:
    """A JSON document as pmframework writes it: indented, non-ASCII characters as they are.

    Strict JSON: NaN and Infinity, which Python would write and JSON.parse rejects, raise
    ValueError instead (the schema bounds every number, so they cannot reach an output).
    """
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
