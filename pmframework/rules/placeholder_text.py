"""No placeholder text (warning).

TODO, TBD, TBC, FIXME, XXX and lorem ipsum in a title, name or statement mean the ladder is not
finished: people would read the placeholder as the bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmframework.findings import JsonPath, Severity, Violation
from pmframework.model import Ladder

ID = "PMF202"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING

_PLACEHOLDER = re.compile(r"\b(TODO|TBD|TBC|FIXME|XXX)\b|\blorem ipsum\b|\blorem\b", re.IGNORECASE)
_UPPER_ONLY = {"todo", "tbd", "tbc", "fixme", "xxx"}


def check(ladder: Ladder) -> Iterator[Violation]:
    for path, text in _texts(ladder):
        match = _find(text)
        if match:
            yield Violation(path, f"placeholder {match!r} in {text[:60]!r}")


def _find(text: str) -> str | None:
    for match in _PLACEHOLDER.finditer(text):
        word = match.group(0)
        # "todo" as an ordinary lowercase word is rare, but "xxx" in prose is not a marker.
        if word.casefold() in _UPPER_ONLY and word != word.upper():
            continue
        return word
    return None


def _texts(ladder: Ladder) -> Iterator[tuple[JsonPath, str]]:
    for statement in ladder.statements():
        yield statement.path, statement.text
    for track in ladder.tracks:
        yield (*track.path, "name"), track.name
        for level in track.levels:
            yield (*level.path, "title"), level.title
    for competency in ladder.competencies:
        yield (*competency.path, "name"), competency.name
