"""Ladder-aware comparison: what changed between two ladders, as levels and competencies.

``diff_ladders`` compares two ladders, or one level of each, and returns a ``DiffResult`` in
one of three modes (formatters in pmframework.diff_report print it; nothing here prints):

* ``versions`` — two versions of one ladder: entities are matched by their stable ids, never by
  list position, and reported as added, removed, changed, renamed (an id that disappeared and
  one that appeared with the same content, or the same name) or moved (to another area or
  track), with field-level and word-level changes;
* ``companies`` — two different ladders: levels and competencies are aligned by evidence
  (pmframework.align) and the bars compared;
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

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pmframework.diff.align import (
    CompanyComparison,
    Crosswalk,
    align_competencies,
    compare_companies,
)
from pmframework.diff.textdiff import Segment, compare_words, similarity
from pmframework.errors import PmframeworkError
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
    without_provenance,
)
from pmframework.model.resolve import ResolvedExpectation, resolve_expectations
from pmframework.text import normalized, number_text

VERSION_SHARE = 0.5
PAIR_SIMILARITY = 0.5
# Beyond this many candidate pairs in one list, statements are only matched when equal.
_MAX_PAIRS = 10_000

Mode = Literal["versions", "companies", "levels"]
Status = Literal["added", "removed", "changed"]

# Entity kinds in the order a reader meets them; the summary and reports follow it.
KINDS = (
    "framework",
    "role",
    "source",
    "scale",
    "dimension",
    "track",
    "area",
    "competency",
    "level",
    "expectation",
)


class DiffError(PmframeworkError):
    """Anything that stops a diff: like diff(1), ``pmframework diff`` exits 2 on trouble,
    because 1 already means "the ladders differ"."""

    exit_code = 2


# --- the comparison model ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One value of an entity that changed; ``old`` is None when added, ``new`` when removed.

    ``field`` names the value (``title``, ``dimensions.scope``, ``criteria``,
    ``expectations.prioritization.criteria``); list fields give one FieldChange per item.
    ``words`` is the word-level difference when both sides are text; ``words_note`` says how
    the words were compared when a long text was compared more coarsely than word by word.
    """

    field: str
    old: str | None = None
    new: str | None = None
    words: tuple[Segment, ...] = ()
    words_note: str = ""

    @property
    def status(self) -> Status:
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class Change:
    """An entity of the ladder (a level, a competency, an expectation, ...) that differs.

    ``id`` is the entity's id in the new ladder (in the old one when removed); an expectation's
    id is ``level/competency``. ``old_id`` is set when the entity was renamed, ``moved`` when it
    moved to another area or track. ``inherited_by`` lists the levels whose expectations change
    with it through inheritance.
    """

    kind: str
    status: Status
    id: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    old_id: str | None = None
    moved: FieldChange | None = None
    inherited_by: tuple[str, ...] = ()

    @property
    def verb(self) -> str:
        """How the summary counts it: added, removed, renamed, moved or changed."""
        if self.status != "changed":
            return self.status
        if self.old_id is not None:
            return "renamed"
        return "moved" if self.moved is not None else "changed"


VERBS = ("added", "removed", "renamed", "moved", "changed")
_NOUNS = {
    "framework": ("metadata", "metadata"),
    "role": ("role", "role"),
    "competency": ("competency", "competencies"),
}


def _count_text(kind: str, count: int, verb: str) -> str:
    singular, plural = _NOUNS.get(kind, (kind, kind + "s"))
    if kind in ("framework", "role"):
        return f"{singular} {verb}"
    return f"{count} {singular if count == 1 else plural} {verb}"


@dataclass(frozen=True)
class VersionDiff:
    """What changed between two versions of one ladder."""

    changes: tuple[Change, ...]

    @property
    def equal(self) -> bool:
        return not self.changes

    def counts(self) -> dict[tuple[str, str], int]:
        """How many entities of each kind were added, removed, ..., in KINDS and VERBS order."""
        counts: dict[tuple[str, str], int] = {}
        for change in self.changes:
            key = (change.kind, change.verb)
            counts[key] = counts.get(key, 0) + 1
        order = {(k, v): (i, j) for i, k in enumerate(KINDS) for j, v in enumerate(VERBS)}
        return dict(sorted(counts.items(), key=lambda item: order[item[0]]))

    def summary(self) -> str:
        """``2 levels changed, 1 competency added`` — the change in one line."""
        if self.equal:
            return "no differences"
        return ", ".join(_count_text(k, n, v) for (k, v), n in self.counts().items())


@dataclass(frozen=True)
class CompetencyStep:
    """What the higher level adds for one competency: a group of the promotion checklist.

    ``proficiency`` is the change of proficiency, ``direction`` says whether it is ``raised``,
    ``lowered``, ``set`` (only the higher level gives one) or ``changed`` (no order is known).
    ``items`` are criteria and examples: added (``old`` None), reworded (both) or no longer
    listed (``new`` None). ``new`` is True when the lower level expects nothing of it.
    """

    competency: str
    label: str
    new: bool
    counterpart: str | None = None
    proficiency: FieldChange | None = None
    direction: str | None = None
    items: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class LevelDiff:
    """What separates level ``a`` from level ``b``, expectations resolved through inheritance."""

    a: Level
    b: Level
    fields: tuple[FieldChange, ...]  # title, rank, summary, dimensions.*
    promotion: tuple[FieldChange, ...]  # what b asks before promotion into it, not asked by a
    competencies: tuple[CompetencyStep, ...]

    @property
    def equal(self) -> bool:
        return not (self.fields or self.promotion or self.competencies)

    def summary(self) -> str:
        if self.equal:
            return "no differences"
        items = [(i.field, i.status) for s in self.competencies for i in s.items]
        parts = [
            (items.count(("criteria", "added")), "new criterion", "new criteria"),
            (items.count(("criteria", "changed")), "reworded criterion", "reworded criteria"),
            (sum(s.new for s in self.competencies), "new competency", "new competencies"),
            (
                sum(s.direction == "raised" for s in self.competencies),
                "proficiency raised",
                "proficiencies raised",
            ),
            (len(self.promotion), "promotion criterion", "promotion criteria"),
            (
                sum(f.field.startswith("dimensions.") for f in self.fields),
                "dimension changed",
                "dimensions changed",
            ),
            (items.count(("examples", "added")), "new example", "new examples"),
            (
                items.count(("criteria", "removed")),
                "criterion no longer listed",
                "criteria no longer listed",
            ),
        ]
        text = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
        return f"{self.b.title} over {self.a.title}: {text or 'title, rank or summary only'}"


@dataclass(frozen=True)
class Side:
    """One input of the diff: its display name, the ladder, and the level picked with ``#``."""

    name: str
    ladder: Ladder
    level: str | None = None


@dataclass(frozen=True)
class DiffResult:
    """What ``diff_ladders`` found; ``provenance`` is False when provenance was ignored."""

    mode: Mode
    reason: str  # why this mode, in words
    a: Side
    b: Side
    body: VersionDiff | CompanyComparison | LevelDiff
    provenance: bool = True

    @property
    def equal(self) -> bool:
        return self.body.equal

    def summary(self) -> str:
        return self.body.summary()


# --- choosing the mode ---------------------------------------------------------------------


def shared_id_share(a: Ladder, b: Ladder) -> float:
    """Level and competency ids both ladders use, as a share of all their ids (0–1)."""
    ids_a = {lv.id for lv in a.levels} | {c.id for c in a.competencies}
    ids_b = {lv.id for lv in b.levels} | {c.id for c in b.competencies}
    return len(ids_a & ids_b) / len(ids_a | ids_b)


def choose_mode(a: Ladder, b: Ladder, requested: str = "auto") -> tuple[Mode, str]:
    """``versions`` or ``companies``, and why, in words."""
    share = shared_id_share(a, b)
    shared = f"{share:.0%} of level and competency ids shared"
    if requested == "versions":
        return "versions", f"versions of one ladder (--mode versions; {shared})"
    if requested == "companies":
        return "companies", f"different ladders (--mode companies; {shared})"
    if a.framework.id == b.framework.id:
        return "versions", f"versions of one ladder: same framework id {a.framework.id!r}"
    if share >= VERSION_SHARE:
        return "versions", f"versions of one ladder: {shared}"
    return "companies", f"different ladders: {shared} (below {VERSION_SHARE:.0%})"


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


# --- values of entities, as text a person reads ---------------------------------------------


@dataclass(frozen=True)
class Item:
    """A statement (or list entry) as compared: its text, and where it came from."""

    text: str
    attribution: str = ""

    def shown(self, *, with_attribution: bool) -> str:
        if with_attribution and self.attribution:
            return f"{self.text} ({self.attribution})"
        return self.text


Value = str | tuple[Item, ...]
IdMap = Callable[[str, str], str]  # (kind, old id) -> id in the new ladder


def _same(_kind: str, ident: str) -> str:
    return ident


def _item(statement: Statement, ids: IdMap = _same) -> Item:
    parts = _citation_parts(statement.citations, ids)
    if statement.editorial:
        parts.append("editorial")
    parts.extend(_extension_parts(statement.extensions))
    return Item(statement.text, ", ".join(parts))


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


def _items(statements: Iterable[Statement], ids: IdMap = _same) -> tuple[Item, ...]:
    return tuple(_item(s, ids) for s in statements)


def _prompt_item(prompt: Prompt, ids: IdMap) -> Item:
    text = f"{prompt.kind}: {prompt.prompt.text}"
    if prompt.levels:
        text += f" [levels: {', '.join(ids('level', lv) for lv in prompt.levels)}]"
    if prompt.competencies:
        named = ", ".join(ids("competency", c) for c in prompt.competencies)
        text += f" [competencies: {named}]"
    if prompt.rationale:
        text += f" — {' '.join(r.text for r in prompt.rationale)}"
    parts = [_item(prompt.prompt, ids).attribution, *_extension_parts(prompt.extensions)]
    return Item(text, ", ".join(part for part in parts if part))


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


def _put(values: dict[str, Value], name: str, value: Any, ids: IdMap = _same) -> None:
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


_SCALAR_STATEMENTS = {"description", "summary", "purpose"}


def _framework_values(ladder: Ladder, ids: IdMap) -> dict[str, Value]:
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
    _put(values, "promotion_process", ladder.promotion_process, ids)
    if ladder.assessment:
        values["assessment"] = tuple(_prompt_item(p, ids) for p in ladder.assessment)
    return values


def _role_values(ladder: Ladder, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {}
    if ladder.role is not None:
        for name in ("name", "purpose", "in_scope", "out_of_scope"):
            _put(values, name, getattr(ladder.role, name), ids)
        _put_extensions(values, ladder.role.extensions)
    return values


def _source_values(source: Source, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for name in ("document", "title", "person", "role", "organization", "date", "url"):
        _put(values, name, getattr(source, name))
    _put_extensions(values, source.extensions)
    return values


def _scale_values(scale: Scale, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {"name": scale.name}
    _put(values, "description", scale.description, ids)
    values["steps"] = tuple(
        Item(
            f"{s.id}: {s.name}" + (f" — {s.description.text}" if s.description else ""),
            ", ".join(_extension_parts(s.extensions)),
        )
        for s in scale.steps
    )
    _put_extensions(values, scale.extensions)
    return values


def _named_values(item: Dimension | Track | Area, ids: IdMap) -> dict[str, Value]:
    """A dimension's, track's or area's name, kind (a track's) and description."""
    values: dict[str, Value] = {"name": item.name}
    if isinstance(item, Track):
        values["kind"] = item.kind
    _put(values, "description", item.description, ids)
    _put_extensions(values, item.extensions)
    return values


def _competency_values(competency: Competency, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {"name": competency.name}
    _put(values, "description", competency.description, ids)
    _put(values, "aliases", competency.aliases)
    if competency.scale is not None:
        values["scale"] = ids("scale", competency.scale)
    if competency.tracks is not None:
        values["tracks"] = tuple(Item(ids("track", t)) for t in competency.tracks)
    _put_extensions(values, competency.extensions)
    return values


def _expectation_values(expectation: Expectation, ids: IdMap, prefix: str = "") -> dict[str, Value]:
    values: dict[str, Value] = {}
    _put(values, prefix + "proficiency", expectation.proficiency)
    _put(values, prefix + "criteria", expectation.criteria, ids)
    _put(values, prefix + "examples", expectation.examples, ids)
    _put_provenance(values, expectation.provenance, ids, prefix)
    _put_extensions(values, expectation.extensions, prefix)
    return values


def _level_values(level: Level, ids: IdMap) -> dict[str, Value]:
    values: dict[str, Value] = {"title": level.title}
    _put(values, "alternative_titles", level.alternative_titles)
    values["rank"] = number_text(level.rank)
    _put(values, "grade", level.grade)
    if level.sub_grades:
        values["sub_grades"] = tuple(
            Item(
                f"{s.id}: {s.title}" + (f" — {s.summary.text}" if s.summary else ""),
                ", ".join(_extension_parts(s.extensions)),
            )
            for s in level.sub_grades
        )
    _put(values, "summary", level.summary, ids)
    for key, text in level.dimensions.items():
        _put(values, f"dimensions.{ids('dimension', key)}", text, ids)
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


# --- comparing values -----------------------------------------------------------------------


def _is_scalar(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in _SCALAR_STATEMENTS or name.startswith("dimensions.")


def compare_values(old: Mapping[str, Value], new: Mapping[str, Value]) -> list[FieldChange]:
    """The field changes between two value maps, in the new map's order (removed fields last)."""
    changes: list[FieldChange] = []
    names = list(new) + [name for name in old if name not in new]
    for name in names:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, tuple) or isinstance(after, tuple):
            old_items = before if isinstance(before, tuple) else ()
            new_items = after if isinstance(after, tuple) else ()
            if _is_scalar(name) and len(old_items) == 1 and len(new_items) == 1:
                changes.append(_item_change(name, old_items[0], new_items[0]))
            else:
                changes.extend(compare_items(name, old_items, new_items))
        else:
            changes.append(_text_change(name, before, after))
    return changes


def _text_change(name: str, old: str | None, new: str | None) -> FieldChange:
    if old is None or new is None:
        return FieldChange(name, old, new)
    words = compare_words(old, new)
    return FieldChange(name, old, new, words.segments, words.note)


def _item_change(name: str, old: Item, new: Item) -> FieldChange:
    with_attribution = old.attribution != new.attribution
    return _text_change(
        name,
        old.shown(with_attribution=with_attribution),
        new.shown(with_attribution=with_attribution),
    )


def compare_items(name: str, old: Sequence[Item], new: Sequence[Item]) -> list[FieldChange]:
    """Items of a list field, matched by content (never by position): equal items match; the
    rest pair up when similar enough (a reworded statement), else count as added or removed.

    Changes come in the new list's order, removed items after.
    """
    pairs = pair_by_similarity(
        [i.text for i in old], [i.text for i in new], exact=lambda x, y: old[x] == new[y]
    )
    changes: list[tuple[tuple[int, int], FieldChange]] = []
    matched_new = set()
    for i, j in pairs:
        matched_new.add(j)
        if old[i] != new[j]:
            changes.append(((0, j), _item_change(name, old[i], new[j])))
    paired_old = {i for i, _ in pairs}
    for j, item in enumerate(new):
        if j not in matched_new:
            changes.append(((0, j), FieldChange(name, None, item.text)))
    for i, item in enumerate(old):
        if i not in paired_old:
            changes.append(((1, i), FieldChange(name, item.text, None)))
    changes.sort(key=lambda pair: pair[0])
    return [change for _, change in changes]


def pair_by_similarity(
    old: Sequence[str],
    new: Sequence[str],
    *,
    exact: Callable[[int, int], bool] | None = None,
    threshold: float = PAIR_SIMILARITY,
) -> list[tuple[int, int]]:
    """Index pairs (old, new): equal entries first, then the most similar remaining ones.

    Ties are broken by position, so the result is deterministic.
    """
    same = exact or (lambda i, j: old[i] == new[j])
    pairs: list[tuple[int, int]] = []
    free_new = list(range(len(new)))
    free_old = []
    for i in range(len(old)):
        j = next((j for j in free_new if same(i, j)), None)
        if j is None:
            free_old.append(i)
        else:
            free_new.remove(j)
            pairs.append((i, j))
    if free_old and free_new and len(free_old) * len(free_new) <= _MAX_PAIRS:
        scored = sorted(
            (-score, i, j)
            for i in free_old
            for j in free_new
            if (score := similarity(old[i], new[j])) >= threshold
        )
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, i, j in scored:
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                pairs.append((i, j))
    return sorted(pairs)


def _added(values: Mapping[str, Value]) -> tuple[FieldChange, ...]:
    return tuple(compare_values({}, values))


def _removed(values: Mapping[str, Value]) -> tuple[FieldChange, ...]:
    return tuple(compare_values(values, {}))


# --- versions of one ladder -----------------------------------------------------------------


@dataclass
class _Entities:
    """One kind of entity of both ladders, by id, with how to read and label them."""

    kind: str
    old: dict[str, Any]
    new: dict[str, Any]
    values: Callable[[Any, IdMap], dict[str, Value]]
    label: Callable[[Any], str]
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> new id


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


class _VersionComparison:
    """Compares two versions of one ladder; ``run`` returns the VersionDiff."""

    def __init__(self, old: Ladder, new: Ladder) -> None:
        self.old = old
        self.new = new
        self.renamed: dict[str, dict[str, str]] = {}
        self.by_competency = {
            "old": _expectations_by_competency(old),
            "new": _expectations_by_competency(new),
        }
        self.competencies = _Entities(
            "competency",
            _by_id(old.competencies),
            _by_id(new.competencies),
            _competency_values,
            _name,
        )
        self.levels = _Entities(
            "level", _by_id(old.levels), _by_id(new.levels), _level_values, _title
        )
        # In reference order: an entity's references are translated through the renames of the
        # kinds before it.
        self.kinds = [
            _Entities(
                "source", _by_id(old.sources), _by_id(new.sources), _source_values, _source_label
            ),
            _Entities("scale", _by_id(old.scales), _by_id(new.scales), _scale_values, _name),
            _Entities(
                "dimension", _by_id(old.dimensions), _by_id(new.dimensions), _named_values, _name
            ),
            _Entities("track", _by_id(old.tracks), _by_id(new.tracks), _named_values, _name),
            _Entities("area", _by_id(old.areas), _by_id(new.areas), _named_values, _name),
            self.competencies,
            self.levels,
        ]

    def ids(self, kind: str, ident: str) -> str:
        """The new id of an old id (its own id unless renamed)."""
        return self.renamed.get(kind, {}).get(ident, ident)

    def side_ids(self, side: str) -> IdMap:
        return self.ids if side == "old" else _same

    def full_values(self, entities: _Entities, item: Any, side: str) -> dict[str, Value]:
        """An entity's own values plus the expectations that belong to it: a level's
        expectations, or what every level expects of a competency."""
        ids = self.side_ids(side)
        values = entities.values(item, ids)
        if entities.kind == "level":
            for competency, expectation in item.expectations.items():
                prefix = f"expectations.{ids('competency', competency)}."
                values.update(_expectation_values(expectation, ids, prefix))
        elif entities.kind == "competency":
            for level_id, expectation in self.by_competency[side].get(item.id, ()):
                prefix = f"expectations.{ids('level', level_id)}."
                values.update(_expectation_values(expectation, ids, prefix))
        return values

    def signature(self, entities: _Entities, item: Any, side: str) -> tuple[Any, ...] | None:
        """An entity's content without its id and name, for spotting renames; None when it has
        no text of its own to be recognised by."""
        values = self.full_values(entities, item, side)
        values.pop("name", None)
        values.pop("title", None)
        has_text = any(isinstance(v, tuple) for v in values.values())
        return tuple(sorted(values.items())) if has_text else None

    def find_renames(self, entities: _Entities) -> None:
        """Pair ids that disappeared with ids that appeared: first by the same content, then by
        the same name or title; a pair counts only when the key is unique on both sides."""
        removed = [i for i in entities.old if i not in entities.new]
        added = [i for i in entities.new if i not in entities.old]
        renamed: dict[str, str] = {}
        keys: list[Callable[[Any, str], Any]] = [
            lambda item, side: self.signature(entities, item, side),
            lambda item, _side: normalized(entities.label(item)),
        ]
        for key in keys:
            if len(renamed) == min(len(removed), len(added)):
                break
            old_keys = _unique_keys(
                {i: key(entities.old[i], "old") for i in removed if i not in renamed}
            )
            taken = set(renamed.values())
            new_keys = _unique_keys(
                {i: key(entities.new[i], "new") for i in added if i not in taken}
            )
            for value, old_id in old_keys.items():
                if value in new_keys:
                    renamed[old_id] = new_keys[value]
        entities.renamed = renamed
        self.renamed[entities.kind] = renamed

    def entity_changes(self, entities: _Entities) -> list[Change]:
        changes = []
        old_of_new = {new: old for old, new in entities.renamed.items()}
        for new_id, item in entities.new.items():
            old_id = old_of_new.get(new_id, new_id)
            before = entities.old.get(old_id)
            label = entities.label(item)
            if before is None:
                fields = _added(self.full_values(entities, item, "new"))
                changes.append(Change(entities.kind, "added", new_id, label, fields))
                continue
            fields = tuple(
                compare_values(entities.values(before, self.ids), entities.values(item, _same))
            )
            moved = self.moved(entities.kind, before, item)
            renamed = old_id if old_id != new_id else None
            if fields or moved or renamed:
                changes.append(
                    Change(entities.kind, "changed", new_id, label, fields, renamed, moved)
                )
        for old_id, item in entities.old.items():
            if old_id not in entities.new and old_id not in entities.renamed:
                fields = _removed(self.full_values(entities, item, "old"))
                changes.append(
                    Change(entities.kind, "removed", old_id, entities.label(item), fields)
                )
        return changes

    def moved(self, kind: str, before: Any, after: Any) -> FieldChange | None:
        if kind == "competency" and self.ids("area", before.area) != after.area:
            return FieldChange("area", self.ids("area", before.area), after.area)
        if kind == "level" and self.ids("track", before.track) != after.track:
            return FieldChange("track", self.ids("track", before.track), after.track)
        return None

    def single_changes(self) -> list[Change]:
        """The framework's metadata and the role, one entity each."""
        changes = []
        framework = compare_values(
            _framework_values(self.old, self.ids), _framework_values(self.new, _same)
        )
        if framework:
            label = self.new.framework.title
            changes.append(
                Change("framework", "changed", self.new.framework.id, label, tuple(framework))
            )
        old_role, new_role = self.old.role, self.new.role
        if old_role is not None or new_role is not None:
            role = compare_values(_role_values(self.old, self.ids), _role_values(self.new, _same))
            status: Status = (
                "added" if old_role is None else "removed" if new_role is None else "changed"
            )
            if role or status != "changed":
                label = next((r.name for r in (new_role, old_role) if r and r.name), "role")
                changes.append(Change("role", status, "role", label, tuple(role)))
        return changes

    def expectation_changes(self) -> list[Change]:
        """Expectations of levels and competencies that exist in both versions; those of added
        or removed levels and competencies are part of that level's or competency's change."""
        old_level_of = {new: old for old, new in self.levels.renamed.items()}
        kept = {self.ids("competency", c) for c in self.competencies.old}
        kept_in_order = [c.id for c in self.new.competencies if c.id in kept]
        heirs = _heirs(self.new)
        changes = []
        for level in self.new.levels:
            before = self.levels.old.get(old_level_of.get(level.id, level.id))
            if before is None:
                continue
            old_expectations = {
                self.ids("competency", c): e for c, e in before.expectations.items()
            }
            for competency in kept_in_order:
                old_e = old_expectations.get(competency)
                new_e = level.expectations.get(competency)
                if old_e == new_e:
                    continue
                fields = compare_values(
                    _expectation_values(old_e, self.ids) if old_e else {},
                    _expectation_values(new_e, _same) if new_e else {},
                )
                if not fields:
                    continue
                status: Status = (
                    "added" if old_e is None else "removed" if new_e is None else "changed"
                )
                label = f"{level.title} › {self.competencies.new[competency].name}"
                changes.append(
                    Change(
                        "expectation",
                        status,
                        f"{level.id}/{competency}",
                        label,
                        tuple(fields),
                        inherited_by=heirs.get(level.id, ()),
                    )
                )
        return changes

    def renames(self) -> dict[str, dict[str, str]]:
        """Kind → {old id: new id} of the entities renamed between the two versions."""
        for entities in self.kinds:
            self.find_renames(entities)
        return self.renamed

    def run(self) -> VersionDiff:
        self.renames()
        changes = self.single_changes()
        for entities in self.kinds:
            changes.extend(self.entity_changes(entities))
        changes.extend(self.expectation_changes())
        return VersionDiff(tuple(changes))


def _unique_keys(keys: Mapping[str, Any]) -> dict[Any, str]:
    """key -> id for the keys exactly one id has (None keys never match)."""
    owners: dict[Any, list[str]] = {}
    for ident, key in keys.items():
        if key is not None:
            owners.setdefault(key, []).append(ident)
    return {key: ids[0] for key, ids in owners.items() if len(ids) == 1}


def _expectations_by_competency(ladder: Ladder) -> dict[str, list[tuple[str, Expectation]]]:
    by_competency: dict[str, list[tuple[str, Expectation]]] = {}
    for level in ladder.levels:
        for competency, expectation in level.expectations.items():
            by_competency.setdefault(competency, []).append((level.id, expectation))
    return by_competency


def _heirs(ladder: Ladder) -> dict[str, tuple[str, ...]]:
    """For each level, the levels that inherit it, directly or through others, in ladder order."""
    children: dict[str, list[str]] = {}
    for level in ladder.levels:
        if level.inherits is not None:
            children.setdefault(level.inherits, []).append(level.id)
    order = {level.id: i for i, level in enumerate(ladder.levels)}
    heirs: dict[str, tuple[str, ...]] = {}
    for level_id in children:
        found: set[str] = set()
        stack = list(children[level_id])
        while stack:
            child = stack.pop()
            if child not in found and child != level_id:
                found.add(child)
                stack.extend(children.get(child, ()))
        heirs[level_id] = tuple(sorted(found, key=order.__getitem__))
    return heirs


def _name(item: Any) -> str:
    return str(item.name)


def _title(level: Level) -> str:
    return level.title


def _source_label(source: Source) -> str:
    return source.title or source.document


def compare_versions(old: Ladder, new: Ladder, *, provenance: bool = True) -> VersionDiff:
    """What changed from ``old`` to ``new``, two versions of one ladder; with
    ``provenance=False``, what changed in what they say (sources, quotes and ``x-`` keys left
    out, see pmframework.model.without_provenance)."""
    if not provenance:
        old, new = without_provenance(old), without_provenance(new)
    return _VersionComparison(old, new).run()


# --- level to level -------------------------------------------------------------------------


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
    fields = compare_values(_level_head(a), _level_head(b))
    promotion = [
        FieldChange("promotion", None, s.text)
        for s in b.promotion
        if s.text not in {p.text for p in a.promotion}
    ]
    resolved_a = resolve_expectations(ladder_a, a)
    resolved_b = resolve_expectations(ladder_b, b)
    if same_ladder:
        # Two versions of one ladder: a competency renamed between them is the same one, as
        # the version diff says, so its expectations are compared, not listed as new.
        renamed = {} if ladder_a is ladder_b else _VersionComparison(ladder_a, ladder_b).renames()
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


def _level_head(level: Level) -> dict[str, Value]:
    """What a level says of itself, without sources: a person's view of the level."""
    values: dict[str, Value] = {"title": level.title, "rank": number_text(level.rank)}
    if level.summary is not None:
        values["summary"] = (Item(level.summary.text),)
    for key, statement in level.dimensions.items():
        values[f"dimensions.{key}"] = (Item(statement.text),)
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
        [Item(s.statement.text) for s in before.criteria] if before else [],
        [Item(s.statement.text) for s in after.criteria],
    ) + compare_items(
        "examples",
        [Item(s.statement.text) for s in before.examples] if before else [],
        [Item(s.statement.text) for s in after.examples],
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
