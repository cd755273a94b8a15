"""Labels, anchors and links of the view model: how ids and values are named in a document."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from pmframework.model import Range

TRACK_KINDS = {
    "individual-contributor": "Individual contributor track",
    "management": "Management track",
    "other": "Track",
}
PROMPT_KINDS = {
    "interview-question": "Interview question",
    "readiness-signal": "Readiness signal",
    "self-assessment": "Self-assessment",
    "other": "Prompt",
}


def anchor(prefix: str, ident: str) -> str:
    """An HTML id that is safe in any attribute or link: ids are ``[A-Za-z0-9._-]`` already."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]', '-', ident)}"


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, with characters that could end it encoded."""
    if url is None or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def points_text(value: Range | None) -> str | None:
    """``10–29 points``: a level's range of total points, or None."""
    return None if value is None else f"{value.text} points"
