"""The ladder as frozen dataclasses, built (pmframework.model.build) from data that has passed
the JSON Schema.

Every object keeps ``path``, where it stood in the loaded document, so that checks can point a
person at the right line without the model knowing about files or positions.

Every object within the ladder keeps its ``x-`` keys (company-specific data, such as the
``x-cell`` that ``pmframework import`` writes) in ``extensions``; only the document's own
top-level ``x-`` keys are not read. They take part in equality, as a statement's ``source``
does: two statements with different ``x-`` keys are different statements, and diff reports the
change. They take no part in the hash (a dict has none), so statements, competencies and
expectations stay hashable.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pmframework.findings import JsonPath
from pmframework.model.source import Source as Source  # re-exported: part of the model
from pmframework.text import range_text

if TYPE_CHECKING:
    from pmframework.model.resolve import Inheritance
    from pmframework.model.shared import Shared
    from pmframework.model.specialty import Specialty


@dataclass(frozen=True)
class Citation:
    """One source something draws on, and the quote that supports it.

    ``path`` is where the object holding the ``source`` and ``quote`` keys stands.
    """

    source: str
    quote: str | None = None
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Statement:
    """A piece of ladder text and, where known, the sources it came from.

    ``source`` and ``quote`` are the first (and usually only) citation; ``sources`` are the
    further ones of a statement that synthesizes several.
    """

    text: str
    source: str | None = None
    quote: str | None = None
    editorial: bool = False
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)
    sources: tuple[Citation, ...] = ()
    # A criterion's own points, and the examples and signals that illustrate it (version 2).
    points: float | None = None
    examples: tuple[Statement, ...] = ()
    signals: tuple[Statement, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every source the statement cites, ``source`` first."""
        if self.source is None:
            return self.sources
        return (Citation(self.source, self.quote, self.path), *self.sources)


@dataclass(frozen=True)
class Range:
    """From ``min`` to ``max``: a level's total points, a competency's rating scale."""

    min: float
    max: float
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)

    def __contains__(self, value: float) -> bool:
        return self.min <= value <= self.max

    @property
    def text(self) -> str:
        """``1–5``, as a reader writes it."""
        return range_text(self.min, self.max)


@dataclass(frozen=True)
class Basis:
    """Where a structural choice (a rank, ``inherits``, a proficiency, ...) comes from: the
    sources it is drawn from, or the authors' own choice and their reason."""

    citations: tuple[Citation, ...] = ()
    editorial: bool = False
    reason: str | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    description: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    steps: tuple[Step, ...]
    description: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)

    def step_index(self, step_id: str) -> int | None:
        return self._step_indexes.get(step_id)

    @cached_property
    def _step_indexes(self) -> dict[str, int]:
        # Asked once per expectation by two rules: a look-up, not a walk along the steps.
        indexes: dict[str, int] = {}
        for index, step in enumerate(self.steps):
            indexes.setdefault(step.id, index)  # the first of a duplicated id, as before
        return indexes


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    description: Statement | None = None
    scale: str | None = None  # the scale whose steps order this dimension's values
    # Version 2: a level that gives no value shows the value of the level it inherits from.
    inherited: bool = False
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    area: str | None  # None: written at the top level, in no area
    description: Statement | None = None
    aliases: tuple[str, ...] = ()
    scale: str | None = None
    tracks: tuple[str, ...] | None = None  # None: applies to every track
    specialties: tuple[str, ...] = ()  # (): common to every specialty of the job family
    status: str = "active"  # or planned, retired
    tags: tuple[str, ...] = ()
    anti_patterns: tuple[Statement, ...] = ()
    rating: Range | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)

    def applies_to(self, track_id: str) -> bool:
        return self.tracks is None or track_id in self.tracks


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    competencies: tuple[Competency, ...]
    description: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Expectation:
    """What one level expects of one competency, as written at that level."""

    competency: str
    proficiency: str | None = None
    criteria: tuple[Statement, ...] = ()
    examples: tuple[Statement, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)
    anti_patterns: tuple[Statement, ...] = ()
    # Where the proficiency comes from, keyed "proficiency".
    provenance: Mapping[str, Basis] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class SubGrade:
    id: str
    title: str
    summary: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Prompt:
    """An interview question, readiness signal or other assessment prompt."""

    kind: str
    prompt: Statement
    rationale: tuple[Statement, ...] = ()
    levels: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    rank: float
    track: str
    grade: str | None = None
    alternative_titles: tuple[str, ...] = ()
    sub_grades: tuple[SubGrade, ...] = ()
    summary: Statement | None = None
    dimensions: Mapping[str, Statement] = field(default_factory=dict)
    inherits: str | None = None
    expectations: Mapping[str, Expectation] = field(default_factory=dict)
    promotion: tuple[Statement, ...] = ()
    equivalents: tuple[str, ...] = ()
    assessment: tuple[Prompt, ...] = ()
    # Which level(s) of another framework, by its framework id, this level corresponds to.
    corresponds_to: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)
    # Where the structure comes from, keyed by field: rank, inherits, equivalents, ...
    provenance: Mapping[str, Basis] = field(default_factory=dict)
    # Version 2: criteria of the whole level (in no competency), what the level is not, and the
    # range of total points that places someone here.
    criteria: tuple[Statement, ...] = ()
    anti_patterns: tuple[Statement, ...] = ()
    points: Range | None = None
    # Where the level stands on each dimension's scale, keyed by dimension id (version 2).
    dimension_steps: Mapping[str, str] = field(default_factory=dict)

    @property
    def titles(self) -> tuple[str, ...]:
        """The title and every alternative title."""
        return (self.title, *self.alternative_titles)


@dataclass(frozen=True)
class Track:
    id: str
    name: str
    kind: str
    levels: tuple[Level, ...]
    description: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)
    # Version 2: the scale its ranks are numbered on; None is the ladder's common scale. Ranks
    # of tracks on different scales are not compared; their equivalents relate them.
    rank_scale: str | None = None


@dataclass(frozen=True)
class Role:
    name: str | None = None
    purpose: Statement | None = None
    in_scope: tuple[Statement, ...] = ()
    out_of_scope: tuple[Statement, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class FrameworkInfo:
    id: str
    title: str
    organization: str
    version: str
    status: str
    job_family: str | None = None
    effective_date: str | None = None
    language: str | None = None
    license: str | None = None
    description: Statement | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Ladder:
    """A whole career ladder. Lookups by id tolerate dangling references (they return None)."""

    schema_version: int
    framework: FrameworkInfo
    tracks: tuple[Track, ...]
    sources: tuple[Source, ...] = ()
    scales: tuple[Scale, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    specialties: tuple[Specialty, ...] = ()
    role: Role | None = None
    areas: tuple[Area, ...] = ()
    promotion_process: tuple[Statement, ...] = ()
    assessment: tuple[Prompt, ...] = ()
    # Version 2: competencies written at the top level (in no area), statements shared by
    # several levels (already added to each level covered), the base ladder this one extends
    # (already composed in), and the document's own top-level x- keys.
    ungrouped: tuple[Competency, ...] = ()
    shared: tuple[Shared, ...] = ()
    extends: str | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    # The folder of the file the ladder was read from, against which a source's relative
    # ``document`` resolves; None for standard input and text. Not part of what it says.
    folder: Path | None = field(default=None, compare=False, repr=False)
    # The schema version the file was written in, before migration to the newest (where
    # known): advice names only constructs that version has. Not part of what it says.
    written_version: int | None = field(default=None, compare=False, repr=False)

    # The lookups are cached: a frozen dataclass never changes, and rules, diff and render
    # look ids up in loops. With duplicate ids (an error of its own) the first one wins.
    @cached_property
    def competencies(self) -> tuple[Competency, ...]:
        return (*(c for area in self.areas for c in area.competencies), *self.ungrouped)

    @cached_property
    def levels(self) -> tuple[Level, ...]:
        return tuple(level for track in self.tracks for level in track.levels)

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {
            "level": by_id(self.levels),
            "track": by_id(self.tracks),
            "competency": by_id(self.competencies),
            "source": by_id(self.sources),
            "dimension": by_id(self.dimensions),
            "scale": by_id(self.scales),
            "specialty": by_id(self.specialties),
        }

    @cached_property
    def inheritance(self) -> Inheritance:
        """Inheritance resolved once for this ladder, shared by every rule, render and diff."""
        # Imported here: resolving inheritance needs the model this module defines.
        from pmframework.model.resolve import Inheritance

        return Inheritance(self)

    def level(self, level_id: str) -> Level | None:
        found: Level | None = self._by_id["level"].get(level_id)
        return found

    def track(self, track_id: str) -> Track | None:
        found: Track | None = self._by_id["track"].get(track_id)
        return found

    def competency(self, competency_id: str) -> Competency | None:
        found: Competency | None = self._by_id["competency"].get(competency_id)
        return found

    def source(self, source_id: str) -> Source | None:
        found: Source | None = self._by_id["source"].get(source_id)
        return found

    def dimension(self, dimension_id: str) -> Dimension | None:
        found: Dimension | None = self._by_id["dimension"].get(dimension_id)
        return found

    def specialty(self, specialty_id: str) -> Specialty | None:
        found: Specialty | None = self._by_id["specialty"].get(specialty_id)
        return found

    def scale(self, scale_id: str) -> Scale | None:
        found: Scale | None = self._by_id["scale"].get(scale_id)
        return found

    def same_rank_scale(self, first: Level, second: Level) -> bool:
        """Whether the ranks of two levels can be compared: their tracks number ranks on the
        same scale."""
        one, other = self.track(first.track), self.track(second.track)
        return (one.rank_scale if one else None) == (other.rank_scale if other else None)

    def scale_of(self, competency: Competency) -> Scale | None:
        """The scale a competency's proficiency is measured on: its own, or the only one."""
        if competency.scale is not None:
            return self.scale(competency.scale)  # asked for every expectation: a look-up
        return self.scales[0] if len(self.scales) == 1 else None

    def statements(self) -> Iterator[Statement]:
        """Every statement of the ladder, in document order."""
        return iter(self._statements)

    @cached_property
    def _statements(self) -> tuple[Statement, ...]:
        # Collected once: several rules walk every statement, and the walk is the costly part.
        found: list[Statement] = []
        _statements_of(self, found)
        # A shared statement is written once but stands at every level it applies to: once.
        seen: set[JsonPath] = set()
        return tuple([s for s in found if s.path[:1] != ("shared",) or _first(s.path, seen)])

    def bases(self) -> Iterator[Basis]:
        """The provenance of every structural choice, level by level."""
        for level in self.levels:
            yield from level.provenance.values()
            for expectation in level.expectations.values():
                if expectation.provenance:  # most have none
                    yield from expectation.provenance.values()

    def citations(self) -> Iterator[Citation]:
        """Every citation: of statements, then of structural choices."""
        # Not kept: PMF108 is the one rule that reads them all (PMF102 walks the statements
        # itself, in this order, to skip making a Citation of each), so keeping them would only
        # hold memory.
        for statement in self._statements:
            yield from statement.citations
        for basis in self.bases():
            yield from basis.citations


def _first(path: JsonPath, seen: set[JsonPath]) -> bool:
    if path in seen:
        return False
    seen.add(path)
    return True


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_Identified)


def by_id(items: Iterable[_T]) -> dict[str, _T]:
    """Entities by their id; the first of an id wins (a checked ladder has one of each)."""
    index: dict[str, _T] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index


def _statements_of(value: Any, found: list[Statement]) -> None:
    # Appends rather than yields: on 50,000 expectations, a generator per node cost more than
    # the rules that read the statements.
    if isinstance(value, Statement):
        found.append(value)
        if value.examples or value.signals:  # a criterion's own examples and signals
            _statements_of(value.examples, found)
            _statements_of(value.signals, found)
        return
    items: Iterable[Any]
    if isinstance(value, tuple):
        items = value
    elif isinstance(value, dict):  # before the model classes and Mapping: most are dicts
        items = value.values()
    elif hasattr(value, "__dataclass_fields__"):
        items = _walked_fields(value.__class__)(value)
    elif isinstance(value, Mapping):
        items = value.values()
    else:
        return
    for item in items:
        # Most items are statements without examples or signals (a level's criteria): taken
        # here, without a call each. Texts and empty fields hold no statement: no call for
        # them (an expectation's competency and proficiency, its examples, mostly none).
        if type(item) is Statement and not (item.examples or item.signals):
            found.append(item)
        elif item and type(item) is not str:
            _statements_of(item, found)


@functools.cache
def _walked_fields(cls: Any) -> Callable[[Any], tuple[Any, ...]]:
    """What gives the values of the fields of a model class that can hold statements."""
    fields: dict[str, Any] = cls.__dataclass_fields__
    names = [name for name in fields if name not in ("path", "extensions", "provenance", "folder")]
    if len(names) > 1:
        return operator.attrgetter(*names)  # all at once: a tuple of the values
    return lambda value: tuple(getattr(value, name) for name in names)
