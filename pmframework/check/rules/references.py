"""Every reference resolves.

A level's ``inherits`` and ``equivalents`` name levels of this ladder; ``expectations`` are
keyed by competency ids; a ``proficiency`` is a step of its competency's scale; ``dimensions``
of a level are keyed by dimension ids; a competency's ``scale``, ``tracks`` and ``specialties``
exist; every
``source`` a statement or a ``provenance`` entry cites is one of ``sources``; an assessment
prompt's ``levels`` and ``competencies`` exist; a dimension's ``scale`` exists, and the
``step`` a level names on it is one of its steps; a ``shared``
entry's ``competency``, ``dimension`` and the ``levels`` and ``tracks`` it ``applies_to`` exist.
Where a close id exists, the message suggests it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pmframework.findings import Severity, Violation
from pmframework.model import (
    Citation,
    Competency,
    Expectation,
    Ladder,
    Level,
    Prompt,
    Scale,
    Shared,
)
from pmframework.text import Suggester, SuggestionBudget

ID = "PMF102"
NAME = "unresolved-reference"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A reference to an id that does not exist is silently nothing: a level that "
    "inherits a misspelt level inherits no expectations at all."
)
FAILS = """\
levels:
  - {id: pm, rank: 1}
  - {id: senior-pm, rank: 2, inherits: pmm}
"""
PASSES = """\
levels:
  - {id: pm, rank: 1}
  - {id: senior-pm, rank: 2, inherits: pm}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    known = _KnownIds.of(ladder)
    for competency in known.competency_of.values():
        yield from _competency_references(competency, known)
    for level in ladder.levels:
        yield from _level_references(level, known)
        for competency_id, expectation in level.expectations.items():
            if known.resolves(competency_id, expectation.proficiency):
                continue  # nearly every expectation: answered by two look-ups
            if _shared(expectation.path):
                continue  # a shared entry's competency: reported once, with the entry
            yield from _expectation_references(ladder, competency_id, expectation, known)
    for prompt in (*ladder.assessment, *(p for lv in ladder.levels for p in lv.assessment)):
        yield from _prompt_references(prompt, known)
    for dimension in ladder.dimensions:
        if dimension.scale is not None and dimension.scale not in known.scales:
            yield _missing((*dimension.path, "scale"), "scale", dimension.scale, known.scales)
    for level in ladder.levels:
        yield from _step_references(ladder, level, known)
    for shared in ladder.shared:
        yield from _shared_references(shared, known)
    # The citations in Ladder.citations() order, statements first; a statement that cites one
    # known source or none is passed over without making a Citation of it (making one for each
    # of 50,000 statements was a third of this rule's time).
    source_ids = known.sources.ids
    for statement in ladder.statements():
        if statement.sources or (
            statement.source is not None and statement.source not in source_ids
        ):
            yield from _citation_references(statement.citations, known)
    for basis in ladder.bases():
        yield from _citation_references(basis.citations, known)


@dataclass(frozen=True)
class _KnownIds:
    """The ids of each kind of this ladder, sharing one budget for suggestions (see
    pmframework.text.Suggester)."""

    budget: SuggestionBudget
    levels: _Known
    competencies: _Known
    tracks: _Known
    scales: _Known
    dimensions: _Known
    sources: _Known
    specialties: _Known
    # The last of a duplicated id, once: a duplicate is PMF101's to report.
    competency_of: dict[str, Competency]
    # Competency id → the ids of the steps of its scale (none without one).
    steps_of: dict[str, frozenset[str]]

    @classmethod
    def of(cls, ladder: Ladder) -> _KnownIds:
        budget = SuggestionBudget()
        competency_of = {c.id: c for c in ladder.competencies}
        return cls(
            budget=budget,
            levels=_Known((level.id for level in ladder.levels), budget),
            competencies=_Known((c.id for c in ladder.competencies), budget),
            tracks=_Known((t.id for t in ladder.tracks), budget),
            scales=_Known((s.id for s in ladder.scales), budget),
            dimensions=_Known((d.id for d in ladder.dimensions), budget),
            sources=_Known((s.id for s in ladder.sources), budget),
            specialties=_Known((s.id for s in ladder.specialties), budget),
            competency_of=competency_of,
            steps_of={
                competency_id: _step_ids(ladder.scale_of(competency))
                for competency_id, competency in competency_of.items()
            },
        )

    def resolves(self, competency_id: str, proficiency: str | None) -> bool:
        """Whether an expectation keyed by ``competency_id`` (expecting ``proficiency``, if it
        names one) names a competency and a step that exist: a quick answer for the common case,
        before _expectation_references says what is wrong."""
        steps = self.steps_of.get(competency_id)
        return steps is not None and (proficiency is None or proficiency in steps)


def _step_ids(scale: Scale | None) -> frozenset[str]:
    return frozenset(step.id for step in scale.steps) if scale is not None else frozenset()


def _competency_references(competency: Competency, known: _KnownIds) -> Iterator[Violation]:
    if competency.scale is not None and competency.scale not in known.scales:
        yield _missing((*competency.path, "scale"), "scale", competency.scale, known.scales)
    for i, track in enumerate(competency.tracks or ()):
        if track not in known.tracks:
            yield _missing((*competency.path, "tracks", i), "track", track, known.tracks)
    for i, specialty in enumerate(competency.specialties):
        if specialty not in known.specialties:
            where = (*competency.path, "specialties", i)
            yield _missing(where, "specialty", specialty, known.specialties)


def _level_references(level: Level, known: _KnownIds) -> Iterator[Violation]:
    if level.inherits is not None and level.inherits not in known.levels:
        yield _missing((*level.path, "inherits"), "level", level.inherits, known.levels)
    for i, other in enumerate(level.equivalents):
        if other not in known.levels:
            yield _missing((*level.path, "equivalents", i), "level", other, known.levels)
    for dimension, text in level.dimensions.items():
        if dimension not in known.dimensions and not _shared(text.path):
            yield _missing(text.path, "dimension", dimension, known.dimensions, key=True)


def _expectation_references(
    ladder: Ladder, competency_id: str, expectation: Expectation, known: _KnownIds
) -> Iterator[Violation]:
    """The competency an expectation is keyed by, and its proficiency's step."""
    expected_of = known.competency_of.get(competency_id)
    if expected_of is None:
        yield _missing(expectation.path, "competency", competency_id, known.competencies, key=True)
        return
    if expectation.proficiency is None:
        return
    if expected_of.scale is not None and expected_of.scale not in known.scales:
        return  # the competency's unknown scale is reported with the competency
    scale = ladder.scale_of(expected_of)
    where = (*expectation.path, "proficiency")
    if scale is None:
        yield Violation(
            where,
            f"proficiency {expectation.proficiency!r} needs a scale: give competency "
            f"{competency_id!r} a 'scale'" + ("" if ladder.scales else " and define 'scales'"),
        )
    elif scale.step_index(expectation.proficiency) is None:
        steps = _Known((step.id for step in scale.steps), known.budget)
        yield _missing(where, f"step of scale {scale.id!r}", expectation.proficiency, steps)


def _prompt_references(prompt: Prompt, known: _KnownIds) -> Iterator[Violation]:
    for i, level in enumerate(prompt.levels):
        if level not in known.levels:
            yield _missing((*prompt.path, "levels", i), "level", level, known.levels)
    for i, competency in enumerate(prompt.competencies):
        if competency not in known.competencies:
            yield _missing(
                (*prompt.path, "competencies", i), "competency", competency, known.competencies
            )


def _step_references(ladder: Ladder, level: Level, known: _KnownIds) -> Iterator[Violation]:
    """Each step a level names on a dimension's scale (version 2)."""
    for dimension_id, step in level.dimension_steps.items():
        dimension = ladder.dimension(dimension_id)
        if dimension is None or (
            dimension.scale is not None and dimension.scale not in known.scales
        ):
            continue  # the unknown dimension or scale is reported where it is named
        where = (*level.path, "dimensions", dimension_id, "step")
        scale = ladder.scale(dimension.scale) if dimension.scale is not None else None
        if scale is None:
            yield Violation(
                where, f"step {step!r} needs a scale: give dimension {dimension_id!r} a 'scale'"
            )
        elif scale.step_index(step) is None:
            steps = _Known((s.id for s in scale.steps), known.budget)
            yield _missing(where, f"step of scale {scale.id!r}", step, steps)


def _shared_references(shared: Shared, known: _KnownIds) -> Iterator[Violation]:
    if shared.competency is not None and shared.competency not in known.competencies:
        where = (*shared.path, "competency")
        yield _missing(where, "competency", shared.competency, known.competencies)
    if shared.dimension is not None and shared.dimension not in known.dimensions:
        where = (*shared.path, "dimension")
        yield _missing(where, "dimension", shared.dimension, known.dimensions)
    applies_to = (*shared.path, "applies_to")
    for i, level in enumerate(shared.levels or ()):
        if level not in known.levels:
            yield _missing((*applies_to, "levels", i), "level", level, known.levels)
    for i, track in enumerate(shared.tracks or ()):
        if track not in known.tracks:
            yield _missing((*applies_to, "tracks", i), "track", track, known.tracks)


def _citation_references(citations: Iterable[Citation], known: _KnownIds) -> Iterator[Violation]:
    for citation in citations:
        if citation.source not in known.sources:
            yield _missing((*citation.path, "source"), "source", citation.source, known.sources)


def _shared(path: tuple[str | int, ...]) -> bool:
    """Whether ``path`` is written in a ``shared`` entry (and added to the levels it covers)."""
    return path[:1] == ("shared",)


class _Known:
    """The ids of one kind: membership, and a suggestion for an id that is not one of them."""

    def __init__(self, ids: Iterable[str], budget: SuggestionBudget) -> None:
        self.ids = set(ids)
        self._budget = budget
        self._suggester: Suggester | None = None

    def __contains__(self, name: object) -> bool:
        return name in self.ids

    def did_you_mean(self, name: str) -> str:
        if self._suggester is None:  # built on the first unknown id only
            self._suggester = Suggester(self.ids, self._budget)
        return self._suggester.did_you_mean(name)


def _missing(
    path: tuple[str | int, ...], kind: str, name: str, known: _Known, *, key: bool = False
) -> Violation:
    return Violation(
        path, f"{name!r} is not a {kind} of this ladder{known.did_you_mean(name)}", key=key
    )
