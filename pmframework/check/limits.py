"""Limits on what a ladder may hold, checked after the schema and before any rule runs.

The loader bounds what a file may cost to read; these bound what a ladder may cost to check and
publish. A ladder of N levels each inheriting the one below shows, at its top level, everything
the N-1 levels below it expect, so a rendered page grows with N²: past a thousand levels no
real ladder goes (the largest published ones have a few dozen), and a file that does is refused
at the first level past the limit rather than after minutes of work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pmframework.findings import Violation

MAX_LEVELS = 1_000


def limit_violations(data: Any) -> Iterator[Violation]:
    """At most one violation per limit, at the first item past it. Run before the schema, whose
    own cost grows with the ladder, so ``data`` may have any shape: what is not a list of
    tracks with lists of levels is left to the schema to report."""
    count = 0
    tracks = data.get("tracks") if isinstance(data, dict) else None
    for t, track in enumerate(tracks if isinstance(tracks, list) else ()):
        levels = track.get("levels") if isinstance(track, dict) else None
        for i, _ in enumerate(levels if isinstance(levels, list) else ()):
            count += 1
            if count > MAX_LEVELS:
                yield Violation(
                    ("tracks", t, "levels", i),
                    f"more than {MAX_LEVELS:,} levels in the ladder; is this a ladder?",
                )
                return
