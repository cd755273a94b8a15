"""Small text helpers shared across pmframework: suggestions, comparison, ids, counts,
numbers, JSON, white space folded to one line."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable

# A suggestion is as close as difflib.get_close_matches(cutoff=0.6) would find.
CLOSE_ENOUGH = 0.6
# What the suggestions for one file may cost, in quick comparisons (a full one counts as 7,
# about what it costs more): about half a second. Past it, ids are reported without one.
SUGGESTION_BUDGET = 60_000
_FULL_COMPARISON = 7


class SuggestionBudget:
    """What is left of the suggestions' cost for one file; shared by its ``Suggester``s."""

    def __init__(self, units: int = SUGGESTION_BUDGET) -> None:
        self.units = units


class Suggester:
    """The known id closest to a wrong one, as ``difflib.get_close_matches(wrong, known, n=1)``
    finds it, at a cost that does not grow with the square of the number of ids.

    Two ids whose lengths differ too much can never be close enough (difflib's
    ``real_quick_ratio``), so the known ids are kept by length and only the lengths that could
    match are compared. Those are compared quickly first (``quick_ratio``, an upper bound of the
    similarity), then fully from the most promising down, stopping where the bound falls below
    the best match found. Each wrong id is answered once. When the budget is spent, ids are
    reported without a suggestion.
    """

    def __init__(self, known: Iterable[str], budget: SuggestionBudget | None = None) -> None:
        self._by_length: dict[int, list[str]] = {}
        for candidate in dict.fromkeys(known):
            self._by_length.setdefault(len(candidate), []).append(candidate)
        self._budget = budget or SuggestionBudget()
        self._answers: dict[str, str | None] = {}

    def closest(self, wrong: str) -> str | None:
        if wrong not in self._answers:
            self._answers[wrong] = self._closest(wrong)
        return self._answers[wrong]

    def _closest(self, wrong: str) -> str | None:
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(wrong)
        bounded = []
        for length, candidates in self._by_length.items():
            if 2.0 * min(length, len(wrong)) / (length + len(wrong)) < CLOSE_ENOUGH:
                continue
            self._budget.units -= len(candidates)
            if self._budget.units < 0:
                return None
            for candidate in candidates:
                matcher.set_seq1(candidate)
                bound = matcher.quick_ratio()
                if bound >= CLOSE_ENOUGH:
                    bounded.append((bound, candidate))
        bounded.sort(reverse=True)
        best: tuple[float, str] | None = None
        for bound, candidate in bounded:
            # Ties go to the greater id, as with get_close_matches.
            if best is not None and (bound, candidate) < best:
                break
            self._budget.units -= _FULL_COMPARISON
            if self._budget.units < 0:
                return None
            matcher.set_seq1(candidate)
            score = matcher.ratio()
            if score >= CLOSE_ENOUGH and (best is None or (score, candidate) > best):
                best = (score, candidate)
        return best[1] if best else None

    def did_you_mean(self, wrong: str) -> str:
        """``; did you mean 'senior-pm'?`` when a known id is close, else an empty string."""
        close = self.closest(wrong)
        return f"; did you mean {close!r}?" if close is not None else ""


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'senior-pm'?`` when a candidate is close, else an empty string."""
    return Suggester(candidates).did_you_mean(wrong)


def one_line(text: str) -> str:
    """Runs of white space, line breaks included, become one space; none is left at either
    end: a name or a title as one line."""
    return " ".join(text.split())


def normalized(text: str) -> str:
    """Text compared as a reader would: what looks the same on screen compares equal.

    Case, runs of white space, Unicode normalisation (an "é" typed as one character or as "e"
    and a combining accent, a ligature "ﬁ" and "fi") and invisible characters (zero-width
    spaces and joiners, soft hyphens) do not matter.
    """
    return " ".join(normalized_words(text))


def normalized_words(text: str) -> list[str]:
    """The words of ``normalized(text)``, for a caller that counts them before it joins them."""
    if text.isascii():
        return text.casefold().split()
    # Format characters (category Cf) draw nothing: zero-width space, joiners, soft hyphen.
    # They go first, so that what they separated can compose ("e", U+200B, U+0301 is "é").
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    # Normalised on both sides of case folding, as in Unicode's caseless matching: folding
    # can itself leave text unnormalised ("ǰ" folds to "j" and a combining caron).
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold()).split()


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


def number_text(value: float) -> str:
    """A rank or other number as a person writes it: ``3``, not ``3.0``; ``3.5`` and
    ``1234567.5`` stay, never in exponent form. Every output that prints a rank uses it, so a
    rank reads the same in a diff, a rendered ladder and a finding.

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


def range_text(low: float, high: float) -> str:
    """``1–5``: a range (a level's points, a rating) as a reader writes it."""
    return f"{number_text(low)}–{number_text(high)}"


def points_label(points: float) -> str:
    """``1 point``, ``2.5 points``."""
    return f"{number_text(points)} point{'' if points == 1 else 's'}"
