"""Two versions of one ladder: entities matched by id, renames spotted by content or name,
changes reported field by field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pmframework.diff.fields import added, compare_values, removed
from pmframework.diff.results import Change, FieldChange, Status, VersionDiff
from pmframework.diff.values import (
    IdMap,
    Value,
    competency_values,
    expectation_values,
    framework_values,
    level_values,
    named_values,
    role_values,
    same_id,
    scale_values,
    source_values,
)
from pmframework.model.ladder import (
    Expectation,
    Ladder,
    Level,
    Source,
    by_id,
)
from pmframework.model.provenance import without_provenance
from pmframework.text import normalized


@dataclass
class _Entities:
    """One kind of entity of both ladders, by id, with how to read and label them."""

    kind: str
    old: dict[str, Any]
    new: dict[str, Any]
    values: Callable[[Any, _Version], dict[str, Value]]
    label: Callable[[Any], str]
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> new id


def _read(values: Callable[[Any, IdMap], dict[str, Value]]) -> Callable[[Any, _Version], Any]:
    """An entity's values read with the ids of its side."""
    return lambda item, side: values(item, side.ids)


def _level_values(level: Level, side: _Version) -> dict[str, Value]:
    # A level's dimensions as a reader sees them: inherited ones included.
    return level_values(level, side.ids, side.ladder.inheritance.dimensions(level))


@dataclass(frozen=True)
class _Version:
    """One side of the comparison: its ladder, how its ids read in the new ladder (the old
    side's through the renames found so far), and each competency's expectations."""

    ladder: Ladder
    ids: IdMap
    by_competency: dict[str, list[tuple[str, Expectation]]]


class _VersionComparison:
    """Compares two versions of one ladder; ``run`` returns the VersionDiff."""

    def __init__(self, old: Ladder, new: Ladder) -> None:
        self.old = old
        self.new = new
        self.renamed: dict[str, dict[str, str]] = {}
        self.before = _Version(old, self.ids, _expectations_by_competency(old))
        self.after = _Version(new, same_id, _expectations_by_competency(new))
        self.competencies = _Entities(
            "competency",
            by_id(old.competencies),
            by_id(new.competencies),
            _read(competency_values),
            _name,
        )
        self.levels = _Entities(
            "level", by_id(old.levels), by_id(new.levels), _level_values, _title
        )
        # In reference order: an entity's references are translated through the renames of the
        # kinds before it.
        self.kinds = [
            _Entities(
                "source",
                by_id(old.sources),
                by_id(new.sources),
                _read(source_values),
                _source_label,
            ),
            _Entities("scale", by_id(old.scales), by_id(new.scales), _read(scale_values), _name),
            _Entities(
                "dimension",
                by_id(old.dimensions),
                by_id(new.dimensions),
                _read(named_values),
                _name,
            ),
            _Entities(
                "specialty",
                by_id(old.specialties),
                by_id(new.specialties),
                _read(named_values),
                _name,
            ),
            _Entities("track", by_id(old.tracks), by_id(new.tracks), _read(named_values), _name),
            _Entities("area", by_id(old.areas), by_id(new.areas), _read(named_values), _name),
            self.competencies,
            self.levels,
        ]

    def ids(self, kind: str, ident: str) -> str:
        """The new id of an old id (its own id unless renamed)."""
        return self.renamed.get(kind, {}).get(ident, ident)

    def full_values(self, entities: _Entities, item: Any, side: _Version) -> dict[str, Value]:
        """An entity's own values plus the expectations that belong to it: a level's
        expectations, or what every level expects of a competency."""
        ids = side.ids
        values = entities.values(item, side)
        if entities.kind == "level":
            for competency, expectation in item.expectations.items():
                prefix = f"expectations.{ids('competency', competency)}."
                values.update(expectation_values(expectation, ids, prefix))
        elif entities.kind == "competency":
            for level_id, expectation in side.by_competency.get(item.id, ()):
                prefix = f"expectations.{ids('level', level_id)}."
                values.update(expectation_values(expectation, ids, prefix))
        return values

    def signature(self, entities: _Entities, item: Any, side: _Version) -> tuple[Any, ...] | None:
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
        keys: list[Callable[[Any, _Version], Any]] = [
            lambda item, side: self.signature(entities, item, side),
            lambda item, _side: normalized(entities.label(item)),
        ]
        for key in keys:
            if len(renamed) == min(len(removed), len(added)):
                break
            old_keys = _unique_keys(
                {i: key(entities.old[i], self.before) for i in removed if i not in renamed}
            )
            taken = set(renamed.values())
            new_keys = _unique_keys(
                {i: key(entities.new[i], self.after) for i in added if i not in taken}
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
                fields = added(self.full_values(entities, item, self.after))
                changes.append(Change(entities.kind, "added", new_id, label, fields))
                continue
            fields = tuple(
                compare_values(
                    entities.values(before, self.before), entities.values(item, self.after)
                )
            )
            moved = self.moved(entities.kind, before, item)
            if moved is not None and moved.field == "specialty":  # said once, by the move
                fields = tuple(f for f in fields if f.field != "specialties")
            renamed = old_id if old_id != new_id else None
            if fields or moved or renamed:
                changes.append(
                    Change(
                        entities.kind,
                        "changed",
                        new_id,
                        label,
                        fields,
                        old_id=renamed,
                        moved=moved,
                    )
                )
        for old_id, item in entities.old.items():
            if old_id not in entities.new and old_id not in entities.renamed:
                fields = removed(self.full_values(entities, item, self.before))
                changes.append(
                    Change(entities.kind, "removed", old_id, entities.label(item), fields)
                )
        return changes

    def moved(self, kind: str, before: Any, after: Any) -> FieldChange | None:
        if kind == "competency" and self.ids("area", before.area) != after.area:
            return FieldChange("area", self.ids("area", before.area), after.area)
        if kind == "level" and self.ids("track", before.track) != after.track:
            return FieldChange("track", self.ids("track", before.track), after.track)
        if kind == "competency":
            old = [self.ids("specialty", s) for s in before.specialties]
            if sorted(old) != sorted(after.specialties):
                old_text = _specialties_text(self.old, before.specialties)
                new_text = _specialties_text(self.new, after.specialties)
                return FieldChange("specialty", old_text, new_text)
        return None

    def single_changes(self) -> list[Change]:
        """The framework's metadata and the role, one entity each."""
        changes = []
        framework = compare_values(
            framework_values(self.old, self.ids), framework_values(self.new, same_id)
        )
        if framework:
            label = self.new.framework.title
            changes.append(
                Change("framework", "changed", self.new.framework.id, label, tuple(framework))
            )
        old_role, new_role = self.old.role, self.new.role
        if old_role is not None or new_role is not None:
            role = compare_values(role_values(self.old, self.ids), role_values(self.new, same_id))
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
                    expectation_values(old_e, self.ids) if old_e else {},
                    expectation_values(new_e, same_id) if new_e else {},
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


def _specialties_text(ladder: Ladder, ids: tuple[str, ...]) -> str:
    """Where a competency stands, in words: ``specialty Growth``, ``specialties Growth and
    Platform``, or ``every specialty`` for one common to the whole job family."""
    if not ids:
        return "every specialty"
    names = [str(s.name) if (s := ladder.specialty(i)) else i for i in ids]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"specialt{'y' if len(names) == 1 else 'ies'} {listed}"


def _title(level: Level) -> str:
    return level.title


def _source_label(source: Source) -> str:
    return source.title or source.document


def renamed_ids(old: Ladder, new: Ladder) -> dict[str, dict[str, str]]:
    """Kind (``competency``, ``level``, ...) → {old id: new id}: what the version diff takes
    for renames, for the other comparisons of two versions to follow them too."""
    return _VersionComparison(old, new).renames()


def compare_versions(old: Ladder, new: Ladder, *, provenance: bool = True) -> VersionDiff:
    """What changed from ``old`` to ``new``, two versions of one ladder; with
    ``provenance=False``, what changed in what they say (sources, quotes and ``x-`` keys left
    out, see pmframework.model.without_provenance)."""
    if not provenance:
        old, new = without_provenance(old), without_provenance(new)
    return _VersionComparison(old, new).run()


# --- level to level -------------------------------------------------------------------------
