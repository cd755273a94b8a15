"""No placeholder text.

TODO, TBD, TBC, FIXME, XXX and lorem ipsum in a title, name or statement mean the ladder is not
finished: people would read the placeholder as the bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmframework.findings import JsonPath, Severity, Violation
from pmframework.model.ladder import Ladder

ID = "PMF202"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = "A placeholder published by mistake becomes the bar people are measured against."
FAILS = """\
levels:
  - {id: pm, title: Product Manager, summary: TBD}
"""
PASSES = """\
levels:
  - {id: pm, title: Product Manager, summary: Owns one feature area.}
"""

_PLACEHOLDER = re.compile(r"\b(TODO|TBD|TBC|FIXME|XXX)\b|\blorem ipsum\b|\blorem\b", re.IGNORECASE)
_UPPER_ONLY = {"todo", "tbd", "tbc", "fixme", "xxx"}


def check(ladder: Ladder) -> Iterator[Violation]:
    for path, text in _texts(ladder):
        match = _find(text)
        if match:
            yield Violation(path, f"placeholder {match!r} in {text[:60]!r}")


def _find(text: str) -> str | None:
    # Only for ASCII: case-insensitive regex matching also folds letters such as "İ" to "i".
    if text.isascii() and not _may_match(text):
        return None
    for match in _PLACEHOLDER.finditer(text):
        word = match.group(0)
        # "todo" as an ordinary lowercase word is rare, but "xxx" in prose is not a marker.
        if word.casefold() in _UPPER_ONLY and word != word.upper():
            continue
        return word
    return None


def _may_match(text: str) -> bool:
    """Whether ASCII ``text`` may hold a match of _PLACEHOLDER: every match holds one of these,
    lowercased, and a substring test rules out almost every text far faster than the regex can.
    Spelt out: a loop over a tuple of them cost more than the searches themselves."""
    lowered = text.lower()
    return (
        "todo" in lowered
        or "tbd" in lowered
        or "tbc" in lowered
        or "fixme" in lowered
        or "xxx" in lowered
        or "lorem" in lowered
    )


def _texts(ladder: Ladder) -> Iterator[tuple[JsonPath, str]]:
    yield (*ladder.framework.path, "title"), ladder.framework.title
    for statement in ladder.statements():
        yield statement.path, statement.text
    for track in ladder.tracks:
        yield (*track.path, "name"), track.name
        for level in track.levels:
            yield (*level.path, "title"), level.title
            for i, title in enumerate(level.alternative_titles):
                yield (*level.path, "alternative_titles", i), title
            for sub_grade in level.sub_grades:
                yield (*sub_grade.path, "title"), sub_grade.title
    for area in ladder.areas:
        yield (*area.path, "name"), area.name
        for competency in area.competencies:
            yield (*competency.path, "name"), competency.name
    for scale in ladder.scales:
        yield (*scale.path, "name"), scale.name
        for step in scale.steps:
            yield (*step.path, "name"), step.name
    for dimension in ladder.dimensions:
        yield (*dimension.path, "name"), dimension.name
