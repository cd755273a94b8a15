"""Every reference resolves.

A level's ``inherits`` and ``equivalents`` name levels of this ladder; ``expectations`` are
keyed by competency ids; a ``proficiency`` is a step of its competency's scale; ``dimensions``
of a level are keyed by dimension ids; a competency's ``scale`` and ``tracks`` exist; every
``source`` a statement or a ``provenance`` entry cites is one of ``sources``; an assessment
prompt's ``levels`` and ``competencies`` exist. Where a close id exists, the message suggests it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pmframework.findings import Severity, Violation
from pmframework.model import Ladder, Prompt
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
    # One budget for the suggestions of the whole file: see pmframework.text.Suggester.
    budget = SuggestionBudget()
    levels = _Known((level.id for level in ladder.levels), budget)
    competencies = {c.id: c for c in ladder.competencies}
    known_competencies = _Known(competencies, budget)
    tracks = _Known((t.id for t in ladder.tracks), budget)
    scales = _Known((s.id for s in ladder.scales), budget)
    dimensions = _Known((d.id for d in ladder.dimensions), budget)
    sources = _Known((s.id for s in ladder.sources), budget)

    for competency in competencies.values():
        if competency.scale is not None and competency.scale not in scales:
            yield _missing((*competency.path, "scale"), "scale", competency.scale, scales)
        for i, track in enumerate(competency.tracks or ()):
            if track not in tracks:
                yield _missing((*competency.path, "tracks", i), "track", track, tracks)

    for level in ladder.levels:
        if level.inherits is not None and level.inherits not in levels:
            yield _missing((*level.path, "inherits"), "level", level.inherits, levels)
        for i, other in enumerate(level.equivalents):
            if other not in levels:
                yield _missing((*level.path, "equivalents", i), "level", other, levels)
        for dimension, text in level.dimensions.items():
            if dimension not in dimensions:
                yield _missing(text.path, "dimension", dimension, dimensions, key=True)
        for competency_id, expectation in level.expectations.items():
            expected_of = competencies.get(competency_id)
            if expected_of is None:
                yield _missing(
                    expectation.path, "competency", competency_id, known_competencies, key=True
                )
                continue
            if expectation.proficiency is None:
                continue
            if expected_of.scale is not None and expected_of.scale not in scales:
                continue  # the competency's unknown scale is reported above
            scale = ladder.scale_of(expected_of)
            where = (*expectation.path, "proficiency")
            if scale is None:
                yield Violation(
                    where,
                    f"proficiency {expectation.proficiency!r} needs a scale: give competency "
                    f"{competency_id!r} a 'scale'"
                    + ("" if ladder.scales else " and define 'scales'"),
                )
            elif scale.step_index(expectation.proficiency) is None:
                steps = _Known((step.id for step in scale.steps), budget)
                yield _missing(where, f"step of scale {scale.id!r}", expectation.proficiency, steps)

    for prompt in (*ladder.assessment, *(p for lv in ladder.levels for p in lv.assessment)):
        yield from _prompt_references(prompt, levels, known_competencies)

    for citation in ladder.citations():
        if citation.source not in sources:
            yield _missing((*citation.path, "source"), "source", citation.source, sources)


def _prompt_references(prompt: Prompt, levels: _Known, competencies: _Known) -> Iterator[Violation]:
    for i, level in enumerate(prompt.levels):
        if level not in levels:
            yield _missing((*prompt.path, "levels", i), "level", level, levels)
    for i, competency in enumerate(prompt.competencies):
        if competency not in competencies:
            yield _missing(
                (*prompt.path, "competencies", i), "competency", competency, competencies
            )


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
