"""One level against another: what the higher level adds and raises, inheritance resolved."""

from __future__ import annotations

import dataclasses

from pmframework.diff.align import Crosswalk, align_competencies
from pmframework.diff.fields import compare_items, compare_values
from pmframework.diff.results import CompetencyStep, FieldChange, LevelDiff
from pmframework.diff.values import Value, statement_item
from pmframework.diff.versions import renamed_ids
from pmframework.model.ladder import Ladder, Level
from pmframework.model.resolve import (
    ResolvedExpectation,
    in_written_order,
    resolve_expectations,
)
from pmframework.richtext import plain
from pmframework.text import number_text


def compare_levels(
    ladder_a: Ladder,
    a: Level,
    ladder_b: Ladder,
    b: Level,
    *,
    same_ladder: bool = True,
    mapping: Crosswalk | None = None,
) -> LevelDiff:
    """What level ``b`` adds and raises over level ``a``, inheritance resolved.

    In one ladder (or two versions of one) competencies match by id; in two different ladders
    by the competency alignment of pmframework.align (and the ``--map`` file).
    """
    fields = compare_values(_level_head(ladder_a, a), _level_head(ladder_b, b))
    promotion = [
        FieldChange("promotion", None, plain(s.text))
        for s in b.promotion
        if s.text not in {p.text for p in a.promotion}
    ]
    resolved_a = resolve_expectations(ladder_a, a)
    resolved_b = resolve_expectations(ladder_b, b)
    if same_ladder:
        # Two versions of one ladder: a competency renamed between them is the same one, as
        # the version diff says, so its expectations are compared, not listed as new.
        renamed = {} if ladder_a is ladder_b else renamed_ids(ladder_a, ladder_b)
        old_of_new = {new: old for old, new in renamed.get("competency", {}).items()}
        counterpart = {c: old_of_new.get(c, c) for c in resolved_b}
    else:
        alignment = align_competencies(ladder_a, ladder_b, (mapping or {}).get("competencies", {}))
        counterpart = {m.b: m.a for m in alignment if m.a is not None and m.b is not None}
    steps = []
    for competency, expectation in resolved_b.items():
        other_id = counterpart.get(competency)
        other = resolved_a.get(other_id) if other_id is not None else None
        step = _competency_step(ladder_a, ladder_b, competency, other, expectation)
        if step is not None and other_id not in (None, competency):
            step = dataclasses.replace(step, counterpart=other_id)
        if step is not None:
            steps.append(step)
    return LevelDiff(a, b, tuple(fields), tuple(promotion), tuple(steps))


def _level_head(ladder: Ladder, level: Level) -> dict[str, Value]:
    """What a level says of itself, without sources: a person's view of the level, with the
    dimension values it inherits."""
    values: dict[str, Value] = {"title": level.title, "rank": number_text(level.rank)}
    if level.summary is not None:
        values["summary"] = (statement_item(level.summary.text),)
    for value in in_written_order(level, ladder.inheritance.dimensions(level)):
        values[f"dimensions.{value.dimension}"] = (statement_item(value.statement.text),)
    return values


def _competency_step(
    ladder_a: Ladder,
    ladder_b: Ladder,
    competency: str,
    before: ResolvedExpectation | None,
    after: ResolvedExpectation,
) -> CompetencyStep | None:
    items = compare_items(
        "criteria",
        [statement_item(s.statement.text) for s in before.criteria] if before else [],
        [statement_item(s.statement.text) for s in after.criteria],
    ) + compare_items(
        "examples",
        [statement_item(s.statement.text) for s in before.examples] if before else [],
        [statement_item(s.statement.text) for s in after.examples],
    )
    # Examples the higher level no longer lists are not a bar that moved.
    items = [i for i in items if i.field == "criteria" or i.status != "removed"]
    proficiency, direction = _proficiency_step(
        ladder_a, ladder_b, competency, before.proficiency if before else None, after.proficiency
    )
    if not items and proficiency is None:
        return None
    named = ladder_b.competency(competency)
    return CompetencyStep(
        competency=competency,
        label=named.name if named else competency,
        new=before is None,
        proficiency=proficiency,
        direction=direction,
        items=tuple(items),
    )


def _proficiency_step(
    ladder_a: Ladder, ladder_b: Ladder, competency: str, old: str | None, new: str | None
) -> tuple[FieldChange | None, str | None]:
    if new is None or old == new:
        return None, None
    named = ladder_b.competency(competency)
    scale = ladder_b.scale_of(named) if named else None
    new_index = scale.step_index(new) if scale else None
    old_index = scale.step_index(old) if scale and old is not None else None

    def step_name(step: str | None, index: int | None) -> str | None:
        if step is None or scale is None or index is None:
            return step
        return scale.steps[index].name

    change = FieldChange("proficiency", step_name(old, old_index), step_name(new, new_index))
    if old is None:
        return change, "set"
    if old_index is None or new_index is None:
        return change, "changed"
    return change, "raised" if new_index > old_index else "lowered"
