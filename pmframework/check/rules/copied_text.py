"""The same text is not copied across levels.

A statement written word for word at two levels hides what actually changes between them.
Write it once, at the lower level, and let the higher one ``inherits`` it, or (schema version 2)
write it once under ``shared`` with the levels it applies to. A dimension's value (scope,
autonomy) carries up to the levels that inherit it when the dimension says ``inherited: true``
(schema version 2); a copy of such a value is reported with the advice to delete it. Texts
shorter than three words (such as "Yes") are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import JsonPath, Severity, Violation
from pmframework.model.ladder import Ladder, Level, Statement
from pmframework.model.resolve import inheritance_chain
from pmframework.text import normalized_words

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
            words = normalized_words(statement.text)
            if len(words) < 3:
                continue
            seen = first.setdefault(" ".join(words), (level.id, statement.path))
            # A shared statement stands at every level it applies to, written once.
            if seen[0] != level.id and seen[1] != statement.path:
                yield Violation(
                    statement.path,
                    f"the same text is written at level {seen[0]!r}; "
                    + _advice(ladder, level, seen[0], _dimension_of(level, statement)),
                    related=seen[1],
                )


def _advice(ladder: Ladder, level: Level, original: str, dimension: str | None) -> str:
    """What to do instead of copying. A dimension value carries up only where its dimension
    says ``inherited: true`` (schema version 2), so for one the advice says how."""
    generic = f"let {level.id!r} inherit it instead of copying it"
    if dimension is None or (ladder.written_version or ladder.schema_version) < 2:
        return generic
    if original not in {lv.id for lv in inheritance_chain(ladder, level)}:
        return generic
    defined = ladder.dimension(dimension)
    if defined is not None and defined.inherited:
        return f"{level.id!r} inherits its {dimension!r} from there: delete this copy"
    return (
        f"{level.id!r} inherits from {original!r}: give dimension {dimension!r} "
        "'inherited: true' and delete this copy"
    )


def _dimension_of(level: Level, statement: Statement) -> str | None:
    """The dimension ``statement`` is the value of at ``level``, if it is one; asked only of a
    copy, so _level_statements need not pair each statement with it."""
    return next((d for d, value in level.dimensions.items() if value is statement), None)


def _level_statements(level: Level) -> list[Statement]:
    """The statements a level writes: its summary, its dimension values (in the order of
    ``level.dimensions``), its expectations' criteria and examples, its promotion criteria.

    A list rather than a generator: on 50,000 statements, resuming a generator for each cost a
    third of the rule."""
    statements = [] if level.summary is None else [level.summary]
    statements += level.dimensions.values()
    for expectation in level.expectations.values():
        statements += expectation.criteria
        statements += expectation.examples
    statements += level.promotion
    return statements
