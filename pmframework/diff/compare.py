"""Ladder-aware comparison: what changed between two ladders, as levels and competencies.

``diff_ladders`` compares two ladders, or one level of each, and returns a ``DiffResult`` in
one of three modes (formatters in pmframework.diff.report print it; nothing here prints):

* ``versions`` — two versions of one ladder: entities are matched by their stable ids, never by
  list position, and reported as added, removed, changed, renamed (an id that disappeared and
  one that appeared with the same content, or the same name) or moved (to another area or
  track), with field-level and word-level changes;
* ``companies`` — two different ladders: levels and competencies are aligned by evidence
  (pmframework.diff.align) and the bars compared;
* ``levels`` — one level against another (``ladder.yaml#senior-pm ladder.yaml#principal-pm``):
  what the second adds and raises once inheritance is resolved, a promotion checklist.

Two ladders are versions of one when their framework ids are equal or when at least half of
their level and competency ids are shared (``VERSION_SHARE``); otherwise they are different
ladders. Re-ordering entities is not a change. Lists of statements (criteria, examples,
promotion criteria, ...) have no ids: equal statements match first, then the remaining ones pair
up when at least ``PAIR_SIMILARITY`` of their words agree (a reworded statement), most similar
first.

``provenance=False`` (``--ignore-provenance``) compares what the ladders say, not where it came
from: both are compared through pmframework.model.without_provenance, in every mode.
"""

from __future__ import annotations

from pmframework.diff.align import CompanyComparison, Crosswalk, compare_companies
from pmframework.diff.fields import compare_items, compare_values
from pmframework.diff.levels import compare_levels
from pmframework.diff.matching import PAIR_SIMILARITY, pair_by_similarity
from pmframework.diff.mode import VERSION_SHARE, choose_mode, shared_id_share
from pmframework.diff.results import (
    KINDS,
    VERBS,
    Change,
    CompetencyStep,
    DiffError,
    DiffResult,
    FieldChange,
    LevelDiff,
    Mode,
    Side,
    Status,
    VersionDiff,
)
from pmframework.diff.versions import compare_versions
from pmframework.model.ladder import Ladder, Level
from pmframework.model.provenance import without_provenance

__all__ = [
    "KINDS",
    "PAIR_SIMILARITY",
    "VERBS",
    "VERSION_SHARE",
    "Change",
    "CompetencyStep",
    "DiffError",
    "DiffResult",
    "FieldChange",
    "LevelDiff",
    "Mode",
    "Side",
    "Status",
    "VersionDiff",
    "choose_mode",
    "compare_items",
    "compare_levels",
    "compare_values",
    "compare_versions",
    "diff_ladders",
    "pair_by_similarity",
    "shared_id_share",
]


def diff_ladders(
    a: Side,
    b: Side,
    *,
    mode: str = "auto",
    mapping: Crosswalk | None = None,
    provenance: bool = True,
) -> DiffResult:
    """Compare two ladders, or one level of each when both sides name a level.

    ``mode`` is ``auto``, ``versions`` or ``companies``; ``mapping`` is the ``--map`` file's
    content for different ladders: ``{"levels": {b_id: a_id}, "competencies": {b_id: a_id}}``.
    ``provenance=False`` ignores sources, statements' source, quote and editorial mark, and
    ``x-`` keys (see pmframework.model.without_provenance).
    """
    if (a.level is None) != (b.level is None):
        raise DiffError(
            "name a level on both sides (LADDER#LEVEL LADDER#LEVEL) to compare two levels"
        )
    ladder_a, ladder_b = (
        (a.ladder, b.ladder)
        if provenance
        else (without_provenance(a.ladder), without_provenance(b.ladder))
    )
    ladder_mode, reason = choose_mode(ladder_a, ladder_b, mode)
    body: VersionDiff | CompanyComparison | LevelDiff
    if a.level is not None and b.level is not None:
        body = compare_levels(
            ladder_a,
            _pick_level(a, ladder_a),
            ladder_b,
            _pick_level(b, ladder_b),
            same_ladder=ladder_mode == "versions",
            mapping=mapping,
        )
        ladder_mode, reason = "levels", f"level to level; {reason}"
    elif ladder_mode == "versions":
        body = compare_versions(ladder_a, ladder_b)
    else:
        body = compare_companies(ladder_a, ladder_b, mapping or {})
    return DiffResult(ladder_mode, reason, a, b, body, provenance)


def _pick_level(side: Side, ladder: Ladder) -> Level:
    """The level ``side`` names, from ``ladder`` (the side's, or it without provenance)."""
    assert side.level is not None
    level = ladder.level(side.level)
    if level is None:
        known = ", ".join(lv.id for lv in ladder.levels)
        raise DiffError(f"{side.name}: no level {side.level!r}; levels are: {known}")
    return level
