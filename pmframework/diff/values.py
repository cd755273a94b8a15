"""Entities as the values a person reads: each entity of a ladder becomes a map of field name to
text or list of items, which pmframework.diff.fields compares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pmframework.model.ladder import (
    Area,
    Basis,
    Citation,
    Competency,
    Dimension,
    Expectation,
    Ladder,
    Level,
    Prompt,
    Scale,
    Source,
    Statement,
    Track,
)
from pmframework.model.resolve import ResolvedDimension, in_written_order
from pmframework.model.specialty import Specialty
from pmframework.richtext import plain
from pmframework.text import number_text, points_label


@dataclass(frozen=True)
class Item:
    """A statement (or list entry) as compared: its text, and where it came from.

    ``text`` is what a person reads: a statement's rich-text markup removed (see
    ``statement_item``); ``written`` is the statement as written, so that a change of emphasis
    or of a link alone is a change, shown as the same words.
    """

    text: str
    attribution: str = ""
    written: str = ""

    def shown(self, *, with_attribution: bool) -> str:
        if with_attribution and self.attribution:
            return f"{self.text} ({self.attribution})"
        return self.text


Value = str | tuple[Item, ...]
IdMap = Callable[[str, str], str]  # (kind, old id) -> id in the new ladder


def same_id(_kind: str, ident: str) -> str:
    return ident


def statement_item(text: str, attribution: str = "") -> Item:
    """A statement's text as compared: read without markup, written as it is."""
    return Item(plain(text), attribution, text)


def _item(statement: Statement, ids: IdMap = same_id) -> Item:
    parts = _citation_parts(statement.citations, ids)
    if statement.editorial:
        parts.append("editorial")
    parts.extend(_extension_parts(statement.extensions))
    return statement_item(_criterion_text(statement), ", ".join(parts))


def _criterion_text(statement: Statement) -> str:
    """A statement's text, and for a criterion its points, signals and examples (version 2),
    so that a change to any of them is a change to the criterion."""
    text = statement.text
    if statement.points is not None:
        text += f" [{points_label(statement.points)}]"
    for label, under in (("signal", statement.signals), ("for example", statement.examples)):
        text += "".join(f" — {label}: {s.text}" for s in under)
    return text


def _citation_parts(citations: Iterable[Citation], ids: IdMap) -> list[str]:
    parts = []
    for citation in citations:
        parts.append(f"source: {ids('source', citation.source)}")
        if citation.quote is not None:
            parts.append(f"quote: “{citation.quote}”")
    return parts


def _put_provenance(
    values: dict[str, Value], provenance: Mapping[str, Basis], ids: IdMap, prefix: str = ""
) -> None:
    """Where structural choices come from, a field each: ``provenance.rank``, ..."""
    for key, basis in provenance.items():
        parts = _citation_parts(basis.citations, ids)
        if basis.editorial:
            parts.append(f"editorial: {basis.reason}")
        values[f"{prefix}provenance.{key}"] = ", ".join(parts)


def _items(statements: Iterable[Statement], ids: IdMap = same_id) -> tuple[Item, ...]:
    return tuple(_item(s, ids) for s in statements)


def _prompt_item(prompt: Prompt, ids: IdMap) -> Item:
    text = f"{prompt.kind}: {plain(prompt.prompt.text)}"
    if prompt.levels:
        text += f" [levels: {', '.join(ids('level', lv) for lv in prompt.levels)}]"
    if prompt.competencies:
        named = ", ".join(ids("competency", c) for c in prompt.competencies)
        text += f" [competencies: {named}]"
    if prompt.rationale:
        text += f" — {' '.join(plain(r.text) for r in prompt.rationale)}"
    parts = [_item(prompt.prompt, ids).attribution, *_extension_parts(prompt.extensions)]
    written = " ".join((prompt.prompt.text, *(r.text for r in prompt.rationale)))
    return Item(text, ", ".join(part for part in parts if part), written)


def _extension_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_extension_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_extension_text(v) for v in value) + "]"
    return str(value)


def _extension_parts(extensions: Mapping[str, Any]) -> list[str]:
    """``x-cell: Ladder!D7`` for each ``x-`` key of a list entry (a statement, step, ...),
    shown beside its text as its source is."""
    return [f"{key}: {_extension_text(value)}" for key, value in sorted(extensions.items())]


def _put_extensions(
    values: dict[str, Value], extensions: Mapping[str, Any], prefix: str = ""
) -> None:
    """Record an entity's ``x-`` keys, each a value of its own (``x-cell``,
    ``expectations.pm.x-cell``)."""
    for key, value in sorted(extensions.items()):
        _put(values, prefix + key, _extension_text(value))


def _put(values: dict[str, Value], name: str, value: Any, ids: IdMap = same_id) -> None:
    """Record a value under ``name`` unless it is absent or empty."""
    if value is None or value == () or value == {}:
        return
    if isinstance(value, Statement):
        values[name] = (_item(value, ids),)
    elif isinstance(value, tuple) and all(isinstance(v, Statement) for v in value):
        values[name] = _items(value, ids)
    elif isinstance(value, tuple):
        values[name] = tuple(Item(str(v)) for v in value)
    elif isinstance(value, float | int) and not isinstance(value, bool):
        values[name] = number_text(value)
    else:
        values[name] = str(value)


SCALAR_STATEMENTS = {"description", "summary", "purpose"}


def framework_values(ladder: Ladder, ids: IdMap) -> dict[str, Value]:
    f = ladder.framework
    values: dict[str, Value] = {}
    for name in (
        "id",
        "title",
        "organization",
        "job_family",
        "version",
        "status",
        "effective_date",
        "language",
        "license",
        "description",
    ):
        _put(values, name, getattr(f, name), ids)
    _put_extensions(values, f.extensions)
    _put_extensions(values, ladder.extensions, "ladder.")  # the document's own x- keys
    _put(values, "promotion_process", ladder.promotion_process, ids)
    if ladder.assessment:
        values["assessment"] = tuple(_prompt_item(p, ids) for p in ladder.assessment)
    return values


def role_values(ladder: Ladder, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {}
    if ladder.role is not None:
        for name in ("name", "purpose", "in_scope", "out_of_scope"):
            _put(values, name, getattr(ladder.role, name), ids)
        _put_extensions(values, ladder.role.extensions)
    return values


def source_values(source: Source, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for name in ("document", "title", "person", "role", "organization", "date", "url"):
        _put(values, name, getattr(source, name))
    _put_extensions(values, source.extensions)
    return values


def scale_values(scale: Scale, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {"name": scale.name}
    _put(values, "description", scale.description, ids)
    values["steps"] = tuple(
        Item(
            f"{s.id}: {s.name}" + (f" — {plain(s.description.text)}" if s.description else ""),
            ", ".join(_extension_parts(s.extensions)),
            s.description.text if s.description else "",
        )
        for s in scale.steps
    )
    _put_extensions(values, scale.extensions)
    return values


def named_values(item: Dimension | Specialty | Track | Area, ids: IdMap) -> dict[str, Value]:
    """A dimension's, specialty's, track's or area's name, kind (a track's) and description."""
    values: dict[str, Value] = {"name": item.name}
    if isinstance(item, Track):
        values["kind"] = item.kind
    if isinstance(item, Track) and item.rank_scale is not None:
        values["rank_scale"] = item.rank_scale
    if isinstance(item, Dimension) and item.scale is not None:
        values["scale"] = ids("scale", item.scale)
    if isinstance(item, Dimension) and item.inherited:
        values["inherited"] = "true"
    _put(values, "description", item.description, ids)
    _put_extensions(values, item.extensions)
    return values


def competency_values(competency: Competency, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {"name": competency.name}
    _put(values, "description", competency.description, ids)
    _put(values, "aliases", competency.aliases)
    if competency.scale is not None:
        values["scale"] = ids("scale", competency.scale)
    if competency.tracks is not None:
        values["tracks"] = tuple(Item(ids("track", t)) for t in competency.tracks)
    _put(values, "specialties", tuple(ids("specialty", s) for s in competency.specialties))
    if competency.status != "active":
        values["status"] = competency.status
    _put(values, "tags", competency.tags)
    _put(
        values,
        "rating",
        competency.rating and competency.rating.text,
    )
    _put(values, "anti_patterns", competency.anti_patterns, ids)
    _put_extensions(values, competency.extensions)
    return values


def expectation_values(expectation: Expectation, ids: IdMap, prefix: str = "") -> dict[str, Value]:
    values: dict[str, Value] = {}
    _put(values, prefix + "proficiency", expectation.proficiency)
    _put(values, prefix + "criteria", expectation.criteria, ids)
    _put(values, prefix + "examples", expectation.examples, ids)
    _put(values, prefix + "anti_patterns", expectation.anti_patterns, ids)
    _put_provenance(values, expectation.provenance, ids, prefix)
    _put_extensions(values, expectation.extensions, prefix)
    return values


def level_values(
    level: Level, ids: IdMap, dimensions: Mapping[str, ResolvedDimension] | None = None
) -> dict[str, Value]:
    """What a level says. ``dimensions`` are its values after inheritance (what a reader
    sees); without them, what the level writes."""
    values: dict[str, Value] = {"title": level.title}
    _put(values, "alternative_titles", level.alternative_titles)
    values["rank"] = number_text(level.rank)
    _put(values, "grade", level.grade)
    if level.sub_grades:
        values["sub_grades"] = tuple(
            Item(
                f"{s.id}: {s.title}" + (f" — {plain(s.summary.text)}" if s.summary else ""),
                ", ".join(_extension_parts(s.extensions)),
                s.summary.text if s.summary else "",
            )
            for s in level.sub_grades
        )
    _put(values, "summary", level.summary, ids)
    _put(values, "points", level.points and level.points.text)
    _put(values, "criteria", level.criteria, ids)
    _put(values, "anti_patterns", level.anti_patterns, ids)
    if dimensions is None:
        for key, text in level.dimensions.items():
            _put(values, f"dimensions.{ids('dimension', key)}", text, ids)
            _put(values, f"dimension_steps.{ids('dimension', key)}", level.dimension_steps.get(key))
    else:
        for value in in_written_order(level, dimensions):
            key = ids("dimension", value.dimension)
            _put(values, f"dimensions.{key}", value.statement, ids)
            _put(values, f"dimension_steps.{key}", value.step)
            # The same words stated or inherited read alike; where they come from is a change
            # of its own, so that a copy replaced by inheritance shows as exactly that.
            if value.inherited:
                values[f"dimensions.{key}.inherited_from"] = ids("level", value.level)
    if level.inherits is not None:
        values["inherits"] = ids("level", level.inherits)
    _put(values, "promotion", level.promotion, ids)
    if level.equivalents:
        values["equivalents"] = tuple(Item(ids("level", e)) for e in level.equivalents)
    if level.corresponds_to:
        values["corresponds_to"] = tuple(
            Item(f"{framework}: {', '.join(targets)}")
            for framework, targets in sorted(level.corresponds_to.items())
        )
    if level.assessment:
        values["assessment"] = tuple(_prompt_item(p, ids) for p in level.assessment)
    _put_provenance(values, level.provenance, ids)
    _put_extensions(values, level.extensions)
    return values
