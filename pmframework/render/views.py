"""The view model ``pmframework render`` hands to templates: the ladder resolved for reading.

Frozen dataclasses that templates only lay out; ``pmframework.render.context`` builds them from
a checked ladder. The README's "Templates and their context" section documents these classes;
``VIEW_MODEL`` lists them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from pmframework.render.provenance_views import BasisView, CitationView, SourceView
from pmframework.richtext import is_plain, parse

# --- the view model: what templates receive ------------------------------------------------


@dataclass(frozen=True)
class LevelRef:
    """A pointer to a level; ``href`` is ``#anchor``, or None when the level is not rendered."""

    id: str
    title: str
    track: str
    anchor: str
    href: str | None


@dataclass(frozen=True)
class TextView:
    """A statement ready to print. ``inherited_from`` is set where a level inherits it;
    ``text`` is as written, rich-text markup and all: templates print it with ``|rich``."""

    text: str
    citation: CitationView | None  # the first of ``citations``
    editorial: bool
    inherited_from: LevelRef | None = None
    citations: tuple[CitationView, ...] = ()  # every source the statement draws on
    # A criterion's points ("3 points"), and the examples and signals written under it.
    points: str | None = None
    examples: tuple[TextView, ...] = ()
    signals: tuple[TextView, ...] = ()
    shared: bool = False  # written once in the ladder's shared statements, for several levels

    @property
    def block(self) -> bool:
        """Whether the text holds paragraphs or a list (see pmframework.richtext), which a
        sentence's element cannot hold."""
        return not is_plain(self.text) and not parse(self.text).inline

    def tag(self, inline: str = "p") -> str:
        """The element to wrap the text in: ``inline`` (a ``p`` or ``span``), or a ``div``
        when it is ``block``."""
        return "div" if self.block else inline


@dataclass(frozen=True)
class StepView:
    """A step of a proficiency scale; ``position`` counts from 1 up to ``of``."""

    id: str
    name: str
    position: int
    of: int
    description: TextView | None


@dataclass(frozen=True)
class ScaleView:
    id: str
    name: str
    description: TextView | None
    steps: tuple[StepView, ...]


@dataclass(frozen=True)
class DimensionView:
    id: str
    name: str
    anchor: str
    description: TextView | None


@dataclass(frozen=True)
class CompetencyView:
    id: str
    name: str
    anchor: str
    area: str
    area_name: str
    description: TextView | None
    aliases: tuple[str, ...]
    scale: ScaleView | None
    tracks: tuple[str, ...]  # names of the tracks it applies to; () for every track
    status: str = "active"  # or planned, retired
    tags: tuple[str, ...] = ()
    anti_patterns: tuple[TextView, ...] = ()
    rating: str | None = None  # "rated 1–5"
    specialties: tuple[str, ...] = ()  # names of its specialties; () when common to all


@dataclass(frozen=True)
class AreaView:
    id: str
    name: str
    description: TextView | None
    competencies: tuple[CompetencyView, ...]


def _distinct_levels(texts: Sequence[TextView]) -> tuple[LevelRef, ...]:
    """The levels ``texts`` are inherited from, the one written last (the nearest) first."""
    seen: dict[str, LevelRef] = {}
    for text in reversed(texts):
        if text.inherited_from is not None:
            seen.setdefault(text.inherited_from.id, text.inherited_from)
    return tuple(seen.values())


@dataclass(frozen=True)
class ExpectationView:
    """What a level expects of one competency once inheritance is applied.

    ``criteria`` and ``examples`` list the inherited statements first (each with
    ``inherited_from``), then the level's own. ``inherited`` is True when the level writes
    nothing itself for this competency.
    """

    competency: CompetencyView
    proficiency: StepView | None
    proficiency_from: LevelRef | None  # set when the proficiency is inherited
    criteria: tuple[TextView, ...]
    examples: tuple[TextView, ...]
    inherited: bool
    proficiency_basis: BasisView | None = None  # where the proficiency comes from, if said
    anti_patterns: tuple[TextView, ...] = ()  # what falls short, as written at this level

    @cached_property
    def own_criteria(self) -> tuple[TextView, ...]:
        return tuple(t for t in self.criteria if t.inherited_from is None)

    @cached_property
    def inherited_criteria(self) -> tuple[TextView, ...]:
        return tuple(t for t in self.criteria if t.inherited_from is not None)

    @cached_property
    def own_examples(self) -> tuple[TextView, ...]:
        return tuple(t for t in self.examples if t.inherited_from is None)

    @cached_property
    def inherited_examples(self) -> tuple[TextView, ...]:
        return tuple(t for t in self.examples if t.inherited_from is not None)

    @cached_property
    def inherited_from(self) -> tuple[LevelRef, ...]:
        """The levels the inherited statements were written at, nearest first, each once."""
        return _distinct_levels((*self.inherited_criteria, *self.inherited_examples))

    @cached_property
    def inherited_from_shown(self) -> bool:
        """Whether every level it inherits from is in the document, so that a page can refer
        to them rather than restate what they expect."""
        return all(ref.href for ref in self.inherited_from)


@dataclass(frozen=True)
class ExpectationGroup:
    """The expectations of a level that belong to one area, in catalog order."""

    area: str
    name: str
    expectations: tuple[ExpectationView, ...]


@dataclass(frozen=True)
class DimensionEntry:
    dimension: DimensionView
    text: TextView
    step: StepView | None = None  # where the level stands on the dimension's scale


@dataclass(frozen=True)
class SubGradeView:
    id: str
    title: str
    summary: TextView | None


@dataclass(frozen=True)
class PromptView:
    kind: str
    kind_label: str  # "Interview question"
    prompt: TextView
    rationale: tuple[TextView, ...]
    levels: tuple[LevelRef, ...]
    competencies: tuple[CompetencyView, ...]


class _Quoting:
    """A part of the document that lists the supporting quotes of what it states."""

    anchor: str
    quotes: tuple[CitationView, ...]
    sole_source: SourceView | None

    def quote_anchor(self, citation: CitationView) -> str | None:
        """The id of ``citation``'s entry in this part's list of quotes, if it is there."""
        try:
            return f"{self.anchor}-quote-{self.quotes.index(citation) + 1}"
        except ValueError:
            return None

    def marks(self, citation: CitationView) -> bool:
        """Whether a statement here shows a mark for ``citation``: not when the part's one
        source is said once for all of it."""
        return self.sole_source is None or citation.source.id != self.sole_source.id


@dataclass(frozen=True)
class QuoteSection(_Quoting):
    """The supporting quotes of what the sections outside the levels state (the role,
    definitions, promotion, ladder-wide prompts), listed with the sources."""

    anchor: str
    quotes: tuple[CitationView, ...]
    sole_source: SourceView | None = None


@dataclass(frozen=True)
class LevelView(_Quoting):
    """One level, with everything a person at or aiming for it reads."""

    id: str
    title: str
    anchor: str
    included: bool  # rendered in this document (False when --track/--level leave it out)
    rank: float
    rank_label: str  # "4", "4.5"
    grade: str | None
    track: str
    track_name: str
    alternative_titles: tuple[str, ...]
    sub_grades: tuple[SubGradeView, ...]
    summary: TextView | None
    dimensions: tuple[DimensionEntry, ...]
    inherits: LevelRef | None
    equivalents: tuple[LevelRef, ...]
    expectations: tuple[ExpectationGroup, ...]
    promotion: tuple[TextView, ...]
    assessment: tuple[PromptView, ...]  # its own prompts
    # Where its structure comes from, keyed by field (rank, inherits, equivalents, ...).
    provenance: Mapping[str, BasisView] = field(default_factory=dict)
    # Ladder-wide prompts that name this level: printed once, in the assessment section.
    shared_prompts: tuple[PromptView, ...] = ()
    # The one source behind everything this level states, when there is exactly one: the
    # document says so once for the level instead of marking every sentence.
    sole_source: SourceView | None = None
    # The supporting quotes of what the level states, in reading order, each once: printed
    # as a list at the end of the level, so that no quote is only in a tooltip.
    quotes: tuple[CitationView, ...] = ()
    # Criteria of the whole level (in no competency), what the level is not, and the range of
    # total points that places someone here ("10–29 points").
    criteria: tuple[TextView, ...] = ()
    anti_patterns: tuple[TextView, ...] = ()
    points: str | None = None

    @cached_property
    def adds_to(self) -> tuple[CompetencyView, ...]:
        """The competencies where this level writes something of its own (a criterion, an
        example, a proficiency) over what it inherits, in catalog order; empty when it
        inherits nothing, since then everything it says is its own."""
        if self.inherits is None:
            return ()
        return tuple(
            e.competency
            for group in self.expectations
            for e in group.expectations
            if not e.inherited
        )


@dataclass(frozen=True)
class MatrixCell:
    """One level's entry in one matrix row.

    ``texts`` are written at this level; ``inherited_texts`` come from levels it inherits.
    ``inherited`` is True when the level writes nothing here itself.
    """

    level: LevelRef
    proficiency: StepView | None
    proficiency_inherited: bool
    texts: tuple[TextView, ...]
    inherited_texts: tuple[TextView, ...]
    inherited: bool

    @property
    def empty(self) -> bool:
        return self.proficiency is None and not self.texts and not self.inherited_texts

    @cached_property
    def inherited_from(self) -> tuple[LevelRef, ...]:
        """The levels the inherited texts were written at, nearest first, each once."""
        return _distinct_levels(self.inherited_texts)


@dataclass(frozen=True)
class MatrixRow:
    kind: str  # "dimension" or "competency"
    id: str
    name: str
    anchor: str
    description: TextView | None
    cells: tuple[MatrixCell, ...]
    specialties: tuple[str, ...] = ()  # a competency's specialties, by name


@dataclass(frozen=True)
class MatrixGroup:
    id: str
    name: str
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class MatrixView:
    """Rows of dimensions and competencies (grouped by area) × columns of levels."""

    anchor: str
    levels: tuple[LevelRef, ...]
    groups: tuple[MatrixGroup, ...]

    @property
    def has_inherited(self) -> bool:
        """Whether any cell shows something inherited (the legend explains the mark then)."""
        return any(
            c.inherited or c.inherited_texts for g in self.groups for r in g.rows for c in r.cells
        )


@dataclass(frozen=True)
class TrackView:
    id: str
    name: str
    kind: str
    kind_label: str  # "Individual contributor track"
    anchor: str
    description: TextView | None
    levels: tuple[LevelView, ...]  # the levels rendered, lowest rank first
    matrix: MatrixView | None  # None when fewer than two levels are rendered, or nothing to show


@dataclass(frozen=True)
class Rung:
    """One rank of the ladder at a glance: for each track, its levels at that rank."""

    rank: float
    label: str
    cells: tuple[tuple[LevelView, ...], ...]  # one entry per track of ``RenderContext.ladder``
    # Per track, where the rank lies on it, so that an empty cell is not drawn as a missing
    # rung: "level" (the track has levels here), "gap" (between two of its levels: the track
    # runs on without a level at this rank), "above" (past its most senior level) or "below"
    # (under its first level: a track that forks off another starts higher up).
    spans: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrackReach:
    """Where a track starts and stops on the shared scale of ranks, when that is not the
    ladder's lowest and highest rank (the sentence under "The ladder at a glance")."""

    track: str
    starts: str | None  # rank label of its first level, when above the ladder's lowest rank
    stops: str | None  # rank label of its most senior level, when under the ladder's highest


@dataclass(frozen=True)
class LadderView:
    """The tracks side by side, aligned by rank; ``rungs`` run from the highest rank down."""

    tracks: tuple[TrackView, ...]
    rungs: tuple[Rung, ...]
    reach: tuple[TrackReach, ...] = ()
    # Version 2's rank scales: the names of tracks numbered on a scale of their own and shown
    # here by their levels' equivalents (their rows may show no rank: it is not on this
    # scale), and the tables of scales that relate to this one by no equivalent at all.
    by_equivalents: tuple[str, ...] = ()
    separate: tuple[LadderView, ...] = ()
    scale: str | None = None  # the rank scale of the tracks' numbers; None: the common one


@dataclass(frozen=True)
class FrameworkView:
    id: str
    title: str
    organization: str
    job_family: str | None
    version: str
    status: str
    status_label: str
    effective_date: str | None
    language: str
    license: str | None
    description: TextView | None


@dataclass(frozen=True)
class RoleView:
    name: str | None
    purpose: TextView | None
    in_scope: tuple[TextView, ...]
    out_of_scope: tuple[TextView, ...]


@dataclass(frozen=True)
class SpecialtyView:
    """A specialty of the job family, with the competencies it adds to the common ones."""

    id: str
    name: str
    anchor: str
    description: TextView | None
    competencies: tuple[CompetencyView, ...]


@dataclass(frozen=True)
class SharedView:
    """A shared entry, printed once with the levels it applies to: about a competency, a
    dimension, or (both None) the whole level."""

    competency: CompetencyView | None
    dimension: DimensionView | None
    levels: tuple[LevelRef, ...]
    text: TextView | None
    criteria: tuple[TextView, ...]
    examples: tuple[TextView, ...]
    anti_patterns: tuple[TextView, ...]


@dataclass(frozen=True)
class RenderContext:
    """Everything a template receives; each field is a top-level template variable."""

    medium: str  # "html", "pdf" or "markdown"
    generator: str  # "pmframework 0.1.0"
    filtered: bool  # --track or --level narrowed the document
    framework: FrameworkView
    ladder: LadderView
    tracks: tuple[TrackView, ...]  # the tracks rendered
    role: RoleView | None
    dimensions: tuple[DimensionView, ...]
    scales: tuple[ScaleView, ...]
    areas: tuple[AreaView, ...]
    promotion_process: tuple[TextView, ...]
    assessment: tuple[PromptView, ...]
    sources: tuple[SourceView, ...]
    other_quotes: QuoteSection  # quotes of statements outside the levels
    shared: tuple[SharedView, ...] = ()  # statements written once for several levels
    specialties: tuple[SpecialtyView, ...] = ()  # of the job family, or the one chosen
    specialty: SpecialtyView | None = None  # --specialty: the one the document is read by

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Every class of the view model, as the README documents them.
VIEW_MODEL = (
    RenderContext,
    FrameworkView,
    LadderView,
    Rung,
    TrackReach,
    TrackView,
    MatrixView,
    MatrixGroup,
    MatrixRow,
    MatrixCell,
    LevelView,
    LevelRef,
    ExpectationGroup,
    ExpectationView,
    DimensionEntry,
    SubGradeView,
    PromptView,
    RoleView,
    DimensionView,
    ScaleView,
    StepView,
    AreaView,
    CompetencyView,
    TextView,
    CitationView,
    BasisView,
    SourceView,
    QuoteSection,
    SharedView,
    SpecialtyView,
)
