"""The same text is not copied across levels.

A statement written word for word at two levels hides what actually changes between them.
Write it once, at the lower level, and let the higher one ``inherits`` it, or (schema version 2)
write it once under ``shared`` with the levels it applies to. Texts shorter than three words
(such as "Yes") are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import JsonPath, Severity, Violation
from pmframework.model.ladder import Ladder, Level, Statement
from pmframework.text import normalized

ID = "PMF203"
NAME = "copied-text"
SEVERITY = Severity.WARNING

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "Reviewers read a ladder level by level; a sentence repeated at two levels says "
    "nothing about what a promotion adds, and the copies drift apart when one is "
    "edited."
)
FAILS = """\
levels:
  - id: pm
    expectations: {delivery: {criteria: [Ships small steps every week.]}}
  - id: senior-pm
    expectations: {delivery: {criteria: [Ships small steps every week.]}}
"""
PASSES = """\
levels:
  - id: pm
    expectations: {delivery: {criteria: [Ships small steps every week.]}}
  - id: senior-pm
    inherits: pm
    expectations: {delivery: {criteria: [Plans the releases of a product area.]}}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    first: dict[str, tuple[str, JsonPath]] = {}
    for level in ladder.levels:
        for statement in _level_statements(level):
            key = normalized(statement.text)
            if key.count(" ") < 2:  # fewer than three words: normalized() leaves single spaces
                continue
            seen = first.setdefault(key, (level.id, statement.path))
            # A shared statement stands at every level it applies to, written once.
            if seen[0] != level.id and seen[1] != statement.path:
                yield Violation(
                    statement.path,
                    f"the same text is written at level {seen[0]!r}; "
                    f"let {level.id!r} inherit it instead of copying it",
                    related=seen[1],
                )


def _level_statements(level: Level) -> Iterator[Statement]:
    if level.summary is not None:
        yield level.summary
    yield from level.dimensions.values()
    for expectation in level.expectations.values():
        yield from expectation.criteria
        yield from expectation.examples
    yield from level.promotion
