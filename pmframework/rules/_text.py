"""Small text helpers the rules share."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'senior-pm'?`` when a candidate is close, else an empty string."""
    close = difflib.get_close_matches(wrong, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def normalized(text: str) -> str:
    """Text compared as a reader would: case and runs of white space do not matter."""
    return re.sub(r"\s+", " ", text).strip().casefold()
