"""Inheritance: what a level expects once "everything that level expects, plus" is applied.

A level that ``inherits`` another expects all its criteria and examples, plus its own; its own
proficiency, where it gives one, replaces the inherited one. Validation, rendering and diffs all
read expectations through this one module.

Inheritance is resolved once per ladder (``Ladder.inheritance``, an ``Inheritance``) and every
rule and renderer shares it: each level is resolved from its parent's result, so a chain of n
levels costs work in proportion to n and what the levels write, never n² walks up the chain.
Inheritance cycles are found once too, by colouring the levels as they are walked.

Dimensions (schema version 2) carry up only where the ladder says so: a dimension with
``inherited: true`` (scope, autonomy) shows, at a level that gives no value for it, the value of
the level it inherits from, marked inherited; any other dimension (a typical title) shows only
what each level writes. A value a level writes replaces the inherited one, as a proficiency does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from pmframework.model.ladder import Ladder, Level, Statement


@dataclass(frozen=True)
class Sourced:
    """A statement together with the level it is written at."""

    statement: Statement
    level: str
    inherited: bool


@dataclass(frozen=True)
class ResolvedExpectation:
    competency: str
    proficiency: str | None
    proficiency_level: str | None  # where the proficiency is written
    criteria: tuple[Sourced, ...]
    examples: tuple[Sourced, ...]
    # True when the level itself writes nothing for this competency: all of it is inherited.
    inherited: bool


@dataclass(frozen=True)
class ResolvedDimension:
    """A level's value on one dimension after inheritance: the statement, the step of the
    dimension's scale it names (if any), and the level it is written at."""

    dimension: str
    statement: Statement
    step: str | None
    level: str
    # True when the level gives no value of its own and shows the one it inherits.
    inherited: bool


@dataclass(frozen=True)
class Reach:
    """What a level expects of one competency after inheritance, without the texts: the
    proficiency and the level it is written at (both None where no level on the chain gives
    one). What the rules need, at a fraction of the cost of the texts."""

    proficiency: str | None
    proficiency_level: str | None


_NO_PROFICIENCY = Reach(None, None)

# A level's carried expectations: what a level that inherits it receives, competency →
# (proficiency, where written, criteria, examples), every statement marked inherited.
_Carried = dict[str, tuple[str | None, str | None, tuple[Sourced, ...], tuple[Sourced, ...]]]


def inheritance_chain(ladder: Ladder, level: Level) -> list[Level]:
    """``level`` and the levels it inherits from, nearest first; stops at a cycle or a gap."""
    chain = [level]
    seen = {level.id}
    current = level
    while current.inherits is not None:
        parent = ladder.level(current.inherits)
        if parent is None or parent.id in seen:
            break
        chain.append(parent)
        seen.add(parent.id)
        current = parent
    return chain


def find_cycles(ladder: Ladder) -> list[list[str]]:
    """Each inheritance cycle once, as level ids from the level where the walk first enters it."""
    # With duplicate ids (an error of their own) the last level of an id gives its parent.
    parent = {lv.id: lv.inherits for lv in ladder.levels if lv.inherits is not None}
    return _cycles([lv.id for lv in ladder.levels], parent)


def _cycles(ids: list[str], parent: Mapping[str, str]) -> list[list[str]]:
    """The cycles of ``parent``, walking from each id in turn.

    Ids are coloured: unseen, on the walk being made, done. Meeting an id on the current walk
    closes a cycle; meeting a done one ends the walk, so every id is walked once.
    """
    done: set[str] = set()
    cycles = []
    for start in ids:
        walk: dict[str, int] = {}  # id → position on this walk
        current: str | None = start
        while current is not None and current not in done and current not in walk:
            walk[current] = len(walk)
            current = parent.get(current)
        if current is not None and current in walk:
            cycles.append(list(walk)[walk[current] :])
        done.update(walk)
    return cycles


def _sourced(statements: tuple[Statement, ...], level: str, inherited: bool) -> tuple[Sourced, ...]:
    return tuple(Sourced(s, level, inherited) for s in statements)


class Inheritance:
    """Inheritance resolved for one ladder, once: get it as ``ladder.inheritance``.

    Each level's result is built from its parent's and kept, so every level is resolved once
    whatever asks (rules, render, diff, export). A level that shares its id with an earlier one
    (an error of its own, PMF101) is resolved by walking its chain as ``inheritance_chain``
    gives it; so are the full expectations of a level in a cycle (PMF104), which render, diff
    and export never ask for, as they refuse a ladder with errors.
    """

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        self.cycles = find_cycles(ladder)
        self._order = {c.id: i for i, c in enumerate(ladder.competencies)}
        self._reach: dict[int, Mapping[str, Reach]] = {}  # keyed by id(level)
        self._carried: dict[int, _Carried] = {}
        self._expectations: dict[int, dict[str, ResolvedExpectation]] = {}
        self._dimensions: dict[int, dict[str, ResolvedDimension]] = {}
        self._dimension_order = {d.id: i for i, d in enumerate(ladder.dimensions)}
        self._carried_dimensions = {d.id for d in ladder.dimensions if d.inherited}
        # A chain follows the first level of each id: its cycles can differ from find_cycles'
        # where ids are duplicated.
        firsts = [lv for lv in ladder.levels if ladder.level(lv.id) is lv]
        parent = {lv.id: lv.inherits for lv in firsts if lv.inherits is not None}
        chain_cycles = _cycles([lv.id for lv in firsts], parent)
        in_cycle = {level_id for cycle in chain_cycles for level_id in cycle}
        # The levels resolved from their parent's result.
        self._regular = {id(lv) for lv in firsts if lv.id not in in_cycle}
        for cycle in chain_cycles:
            self._reach_cycle(cycle)

    def _parent(self, level: Level) -> Level | None:
        return self.ladder.level(level.inherits) if level.inherits is not None else None

    def _sorted(self, competencies: Iterable[str]) -> list[str]:
        order = self._order
        return sorted(competencies, key=lambda c: (order.get(c, len(order)), c))

    def _path_to_resolved(self, level: Level, done: Mapping[int, object]) -> list[Level]:
        """``level`` and its regular ancestors not yet resolved, nearest first."""
        path = [level]
        parent = self._parent(level)
        while parent is not None and id(parent) in self._regular and id(parent) not in done:
            path.append(parent)
            parent = self._parent(parent)
        return path

    def reach(self, level: Level) -> Mapping[str, Reach]:
        """Every competency ``level`` expects something of after inheritance, in catalog
        order, with the proficiency that applies. Levels share these mappings: do not change
        one."""
        known = self._reach.get(id(level))
        if known is not None:
            return known
        if id(level) not in self._regular:
            found = {
                c: Reach(r.proficiency, r.proficiency_level)
                for c, r in _resolve_directly(self.ladder, level, self._order).items()
            }
            self._reach[id(level)] = found
            return found
        for step in reversed(self._path_to_resolved(level, self._reach)):
            parent = self._parent(step)
            self._reach[id(step)] = self._add_own(
                step, {} if parent is None else self.reach(parent)
            )
        return self._reach[id(level)]

    def _add_own(self, level: Level, inherited: Mapping[str, Reach]) -> Mapping[str, Reach]:
        changes: dict[str, Reach] = {}
        for competency, expectation in level.expectations.items():
            if expectation.proficiency is not None:
                changes[competency] = Reach(expectation.proficiency, level.id)
            elif competency not in inherited:
                changes[competency] = _NO_PROFICIENCY
        if not changes:
            return inherited  # the level adds nothing: share its parent's mapping
        merged = {**inherited, **changes}
        if all(c in inherited for c in changes):
            return merged  # the parent's keys, so already in catalog order
        return {c: merged[c] for c in self._sorted(merged)}

    def _reach_cycle(self, cycle: list[str]) -> None:
        """The reach of each level of a cycle, in one sweep: a level's chain runs once round
        the cycle from it, so the nearest proficiency comes from the levels that follow it.
        Sweeping the cycle twice backwards, the levels after each one are seen in time."""
        members = [lv for lv in (self.ladder.level(i) for i in cycle) if lv is not None]
        keys = self._sorted({c for lv in members for c in lv.expectations})
        latest: dict[str, Reach] = {}
        for position in reversed(range(2 * len(members))):
            level = members[position % len(members)]
            for competency, expectation in level.expectations.items():
                if expectation.proficiency is not None:
                    latest[competency] = Reach(expectation.proficiency, level.id)
            if position < len(members):
                self._reach[id(level)] = {c: latest.get(c, _NO_PROFICIENCY) for c in keys}

    def expectations(self, level: Level) -> dict[str, ResolvedExpectation]:
        """Expectations of ``level`` after inheritance, in the order of the competency catalog."""
        known = self._expectations.get(id(level))
        if known is not None:
            return known
        if id(level) not in self._regular:
            resolved = _resolve_directly(self.ladder, level, self._order)
        else:
            parent = self._parent(level)
            carried = self._carried_by(parent) if parent is not None else {}
            resolved = {}
            for competency in self._sorted({*carried, *level.expectations}):
                step, step_level, criteria, examples = carried.get(competency, _NOTHING)
                own = level.expectations.get(competency)
                if own is not None:
                    criteria += _sourced(own.criteria, level.id, False)
                    examples += _sourced(own.examples, level.id, False)
                    if own.proficiency is not None:
                        step, step_level = own.proficiency, level.id
                resolved[competency] = ResolvedExpectation(
                    competency, step, step_level, criteria, examples, inherited=own is None
                )
        self._expectations[id(level)] = resolved
        return resolved

    def _carried_by(self, level: Level) -> _Carried:
        """What ``level`` passes on to a level that inherits it: its expectations after
        inheritance, every statement marked inherited."""
        known = self._carried.get(id(level))
        if known is not None:
            return known
        if id(level) not in self._regular:
            found = {
                c: (
                    r.proficiency,
                    r.proficiency_level,
                    tuple(Sourced(s.statement, s.level, True) for s in r.criteria),
                    tuple(Sourced(s.statement, s.level, True) for s in r.examples),
                )
                for c, r in self.expectations(level).items()
            }
            self._carried[id(level)] = found
            return found
        for step in reversed(self._path_to_resolved(level, self._carried)):
            parent = self._parent(step)
            carried = dict(self._carried_by(parent)) if parent is not None else {}
            for competency, own in step.expectations.items():
                before = carried.get(competency, _NOTHING)
                given = own.proficiency is not None
                carried[competency] = (
                    own.proficiency if given else before[0],
                    step.id if given else before[1],
                    before[2] + _sourced(own.criteria, step.id, True),
                    before[3] + _sourced(own.examples, step.id, True),
                )
            self._carried[id(step)] = carried
        return self._carried[id(level)]

    def dimensions(self, level: Level) -> dict[str, ResolvedDimension]:
        """The dimension values ``level`` shows after inheritance, in the order of the ladder's
        dimensions (any it does not define last, by id)."""
        known = self._dimensions.get(id(level))
        if known is not None:
            return known
        if not self._carried_dimensions:  # nothing carries up: what the level writes
            found = self._own_dimensions(level, {})
        elif id(level) not in self._regular:
            # In a cycle or under a duplicated id: walk the chain, the farthest level first.
            found = {}
            for ancestor in reversed(inheritance_chain(self.ladder, level)):
                found = self._own_dimensions(ancestor, self._passed_on(found))
        else:
            for step in reversed(self._path_to_resolved(level, self._dimensions)):
                parent = self._parent(step)
                carried = self._passed_on(self.dimensions(parent)) if parent is not None else {}
                self._dimensions[id(step)] = self._own_dimensions(step, carried)
            return self._dimensions[id(level)]
        self._dimensions[id(level)] = found
        return found

    def _passed_on(self, resolved: Mapping[str, ResolvedDimension]) -> dict[str, ResolvedDimension]:
        """What a level passes on of its dimension values: those of dimensions that carry up."""
        return {
            d: value if value.inherited else replace(value, inherited=True)
            for d, value in resolved.items()
            if d in self._carried_dimensions
        }

    def _own_dimensions(
        self, level: Level, carried: Mapping[str, ResolvedDimension]
    ) -> dict[str, ResolvedDimension]:
        own = {
            d: ResolvedDimension(d, statement, level.dimension_steps.get(d), level.id, False)
            for d, statement in level.dimensions.items()
        }
        merged = {**carried, **own}
        order = self._dimension_order
        return {d: merged[d] for d in sorted(merged, key=lambda d: (order.get(d, len(order)), d))}


def in_written_order(
    level: Level, dimensions: Mapping[str, ResolvedDimension]
) -> list[ResolvedDimension]:
    """A level's resolved dimension values in the order the level writes its own, the
    inherited ones after: the order diff has always reported them in."""
    keys = [*level.dimensions, *(k for k in dimensions if k not in level.dimensions)]
    return [dimensions[k] for k in keys if k in dimensions]


_NOTHING: tuple[None, None, tuple[Sourced, ...], tuple[Sourced, ...]] = (None, None, (), ())


def resolve_expectations(ladder: Ladder, level: Level) -> dict[str, ResolvedExpectation]:
    """Expectations of ``level`` after inheritance, in the order of the competency catalog."""
    return ladder.inheritance.expectations(level)


def _resolve_directly(
    ladder: Ladder, level: Level, order: Mapping[str, int]
) -> dict[str, ResolvedExpectation]:
    """Expectations of ``level`` after inheritance, by walking its chain: for the levels that
    cannot be resolved from their parent's result (in a cycle, or with a duplicated id)."""
    chain = inheritance_chain(ladder, level)
    criteria: dict[str, list[Sourced]] = {}
    examples: dict[str, list[Sourced]] = {}
    proficiency: dict[str, tuple[str, str]] = {}
    for ancestor in reversed(chain):
        inherited = ancestor is not level
        for competency, expectation in ancestor.expectations.items():
            criteria.setdefault(competency, []).extend(
                Sourced(s, ancestor.id, inherited) for s in expectation.criteria
            )
            examples.setdefault(competency, []).extend(
                Sourced(s, ancestor.id, inherited) for s in expectation.examples
            )
            if expectation.proficiency is not None:
                proficiency[competency] = (expectation.proficiency, ancestor.id)
    resolved = {}
    for competency in sorted(criteria, key=lambda c: (order.get(c, len(order)), c)):
        step, step_level = proficiency.get(competency, (None, None))
        resolved[competency] = ResolvedExpectation(
            competency=competency,
            proficiency=step,
            proficiency_level=step_level,
            criteria=tuple(criteria[competency]),
            examples=tuple(examples[competency]),
            inherited=competency not in level.expectations,
        )
    return resolved
