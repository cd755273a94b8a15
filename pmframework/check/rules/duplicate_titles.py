"""One title per level within a track.

Within a track, a title (or an alternative title) names one level, at one rank: a person who
reads "Senior Product Manager" must be able to tell which level is meant. Titles are compared as
they read: case, runs of spaces, Unicode normalisation and invisible characters such as
zero-width spaces do not matter.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder
from pmframework.text import normalized

ID = "PMF107"
NAME = "duplicate-title"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "People know their level by its title; two levels of one track with the same "
    "title leave them unsure which bar applies."
)
FAILS = """\
levels:
  - {id: pm-1, title: Product Manager, rank: 2}
  - {id: pm-2, title: Product  manager, rank: 3}
"""
PASSES = """\
levels:
  - {id: pm-1, title: Product Manager, rank: 2}
  - {id: pm-2, title: Senior Product Manager, rank: 3}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for track in ladder.tracks:
        owner: dict[str, str] = {}
        for level in track.levels:
            for i, title in enumerate(level.titles):
                key = normalized(title)
                first = owner.setdefault(key, level.id)
                if first != level.id:
                    field = ("title",) if i == 0 else ("alternative_titles", i - 1)
                    yield Violation(
                        (*level.path, *field),
                        f"title {title!r} already names level {first!r} in track {track.id!r}",
                    )
