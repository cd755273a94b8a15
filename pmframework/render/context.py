"""The view model ``pmframework render`` hands to templates: the ladder resolved for reading.

Inheritance is applied through ``resolve.resolve_expectations``, citations are numbered, and
cross-references become anchors, so that templates only lay things out. The README's
"Templates and their context" section documents these classes; ``VIEW_MODEL`` lists them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, overload
from urllib.parse import quote, urlsplit

from pmframework._version import __version__
from pmframework.errors import LadderError, Location
from pmframework.model import Basis, Ladder, Level, Prompt, Scale, Source, Statement
from pmframework.model import Citation as ModelCitation
from pmframework.model.resolve import ResolvedExpectation, resolve_expectations
from pmframework.text import did_you_mean, number_text

# --- the view model: what templates receive ------------------------------------------------


@dataclass(frozen=True)
class SourceView:
    """An entry of the sources list; ``number`` is its position (from 1), ``anchor`` its id."""

    id: str
    number: int
    anchor: str
    citation: str  # "Jane Doe, Head of Product, Acme — Acme PM handbook"
    attribution: str  # who, in short: the person, else the organization, else the document
    document: str  # a locator: often a file name
    label: str | None  # what it is called: the title, or a document that is not a file name
    title: str | None
    person: str | None
    role: str | None
    organization: str | None
    date: str | None
    url: str | None
    link: str | None  # url, when it is a safe http(s) address to link to


@dataclass(frozen=True)
class Citation:
    """Where a statement comes from: an entry of the sources list, and the supporting quote."""

    source: SourceView
    quote: str | None

    @property
    def title(self) -> str:
        """The tooltip of a citation mark: the quote, then who said it, where."""
        if self.quote:
            return f"“{self.quote}” — {self.source.citation}"
        return self.source.citation


@dataclass(frozen=True)
class BasisView:
    """Where a structural choice (a rank, ``inherits``, a proficiency, ...) comes from:
    ``citations`` when it is drawn from sources, or ``editorial`` with the authors' ``reason``."""

    editorial: bool
    reason: str | None
    citations: tuple[Citation, ...]


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
    """A statement ready to print. ``inherited_from`` is set where a level inherits it."""

    text: str
    citation: Citation | None  # the first of ``citations``
    editorial: bool
    inherited_from: LevelRef | None = None
    citations: tuple[Citation, ...] = ()  # every source the statement draws on


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


@dataclass(frozen=True)
class LevelView:
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
    assessment: tuple[PromptView, ...]  # its own prompts, then ladder-wide ones naming it
    # Where its structure comes from, keyed by field (rank, inherits, equivalents, ...).
    provenance: Mapping[str, BasisView] = field(default_factory=dict)


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


@dataclass(frozen=True)
class LadderView:
    """The tracks side by side, aligned by rank; ``rungs`` run from the highest rank down."""

    tracks: tuple[TrackView, ...]
    rungs: tuple[Rung, ...]


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

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Every class of the view model, as the README documents them.
VIEW_MODEL = (
    RenderContext,
    FrameworkView,
    LadderView,
    Rung,
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
    Citation,
    BasisView,
    SourceView,
)


# --- building the view model -----------------------------------------------------------------

_TRACK_KINDS = {
    "individual-contributor": "Individual contributor track",
    "management": "Management track",
    "other": "Track",
}
_PROMPT_KINDS = {
    "interview-question": "Interview question",
    "readiness-signal": "Readiness signal",
    "self-assessment": "Self-assessment",
    "other": "Prompt",
}


def _anchor(prefix: str, ident: str) -> str:
    """An HTML id that is safe in any attribute or link: ids are ``[A-Za-z0-9._-]`` already."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]', '-', ident)}"


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, with characters that could end it encoded."""
    if url is None or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


@dataclass(frozen=True)
class Selection:
    """Which tracks and levels a document shows."""

    tracks: frozenset[str]
    levels: frozenset[str]
    filtered: bool


def _suggestion(wanted: str, known: Sequence[str], what: str) -> str:
    """``; did you mean 'ic'? tracks are: ic, mgmt``: the closest id, then all of them."""
    return f"{did_you_mean(wanted, known) or ';'} {what}: {', '.join(known)}"


def select(
    ladder: Ladder, name: str, tracks: Sequence[str] = (), levels: Sequence[str] = ()
) -> Selection:
    """The tracks and levels to render; unknown ids are an error naming ``name``."""
    track_ids = [t.id for t in ladder.tracks]
    level_ids = [lv.id for lv in ladder.levels]
    for track_id in tracks:
        if track_id not in track_ids:
            hint = _suggestion(track_id, track_ids, "tracks are")
            raise LadderError(Location(name), f"no track {track_id!r}{hint}")
    for level_id in levels:
        if level_id not in level_ids:
            hint = _suggestion(level_id, level_ids, "levels are")
            raise LadderError(Location(name), f"no level {level_id!r}{hint}")
    chosen_levels = [lv for lv in ladder.levels if lv.id in levels]
    if tracks:
        chosen_tracks = set(tracks)
    elif levels:
        chosen_tracks = {lv.track for lv in chosen_levels}
    else:
        chosen_tracks = set(track_ids)
    for level in chosen_levels:
        if level.track not in chosen_tracks:
            raise LadderError(
                Location(name),
                f"level {level.id!r} is in track {level.track!r}, which the chosen tracks "
                f"({', '.join(sorted(chosen_tracks))}) leave out",
            )
    if levels:
        chosen = {lv.id for lv in chosen_levels}
    else:
        chosen = {lv.id for lv in ladder.levels if lv.track in chosen_tracks}
    return Selection(frozenset(chosen_tracks), frozenset(chosen), bool(tracks or levels))


class _Builder:
    """Turns a checked Ladder into the view model; one instance per render."""

    def __init__(self, ladder: Ladder, selection: Selection) -> None:
        self.ladder = ladder
        self.selection = selection
        self._texts: dict[tuple[int, str | None], TextView] = {}
        self.sources = {
            s.id: self._source(s, number) for number, s in enumerate(ladder.sources, start=1)
        }
        self.level_refs = {
            lv.id: LevelRef(
                lv.id,
                lv.title,
                lv.track,
                _anchor("level", lv.id),
                f"#{_anchor('level', lv.id)}" if lv.id in selection.levels else None,
            )
            for lv in ladder.levels
        }
        self.scales = {s.id: self._scale(s) for s in ladder.scales}
        self.dimensions = {
            d.id: DimensionView(d.id, d.name, _anchor("dimension", d.id), self.text(d.description))
            for d in ladder.dimensions
        }
        track_names = {t.id: t.name for t in ladder.tracks}
        self.competencies: dict[str, CompetencyView] = {}
        self.areas: list[AreaView] = []
        for area in ladder.areas:
            views = []
            for c in area.competencies:
                scale = ladder.scale_of(c)
                view = CompetencyView(
                    id=c.id,
                    name=c.name,
                    anchor=_anchor("competency", c.id),
                    area=area.id,
                    area_name=area.name,
                    description=self.text(c.description),
                    aliases=c.aliases,
                    scale=self.scales.get(scale.id) if scale else None,
                    tracks=tuple(track_names.get(t, t) for t in c.tracks or ()),
                )
                self.competencies[c.id] = view
                views.append(view)
            self.areas.append(
                AreaView(area.id, area.name, self.text(area.description), tuple(views))
            )

    # statements and sources

    @staticmethod
    def _source(source: Source, number: int) -> SourceView:
        return SourceView(
            id=source.id,
            number=number,
            anchor=_anchor("source", source.id),
            citation=source.citation(),
            attribution=source.person or source.organization or source.title or source.document,
            document=source.document,
            label=source.label,
            title=source.title,
            person=source.person,
            role=source.role,
            organization=source.organization,
            date=source.date,
            url=source.url,
            link=safe_link(source.url),
        )

    @overload
    def text(self, statement: Statement, inherited_from: str | None = None) -> TextView: ...

    @overload
    def text(self, statement: None, inherited_from: str | None = None) -> None: ...

    def text(
        self, statement: Statement | None, inherited_from: str | None = None
    ) -> TextView | None:
        """The printable view of ``statement``; ``inherited_from`` names the level it is from."""
        if statement is None:
            return None
        # Kept: a statement inherited down a chain of levels is shown at each of them.
        key = (id(statement), inherited_from)
        known = self._texts.get(key)
        if known is None:
            known = self._texts[key] = self._text(statement, inherited_from)
        return known

    def _text(self, statement: Statement, inherited_from: str | None) -> TextView:
        citations = self.citations(statement.citations)
        return TextView(
            text=" ".join(statement.text.split()),
            citation=citations[0] if citations else None,
            editorial=statement.editorial,
            inherited_from=self.level_refs.get(inherited_from) if inherited_from else None,
            citations=citations,
        )

    def citations(self, cited: Sequence[ModelCitation]) -> tuple[Citation, ...]:
        return tuple(
            Citation(self.sources[c.source], c.quote) for c in cited if c.source in self.sources
        )

    def basis(self, basis: Basis | None) -> BasisView | None:
        if basis is None:
            return None
        return BasisView(basis.editorial, basis.reason, self.citations(basis.citations))

    def texts(self, statements: Sequence[Statement]) -> tuple[TextView, ...]:
        return tuple(self.text(s) for s in statements)

    # scales, competencies, prompts

    def _scale(self, scale: Scale) -> ScaleView:
        steps = tuple(
            StepView(s.id, s.name, i, len(scale.steps), self.text(s.description))
            for i, s in enumerate(scale.steps, start=1)
        )
        return ScaleView(scale.id, scale.name, self.text(scale.description), steps)

    def competency(self, competency_id: str) -> CompetencyView:
        known = self.competencies.get(competency_id)
        if known is not None:
            return known
        return CompetencyView(
            competency_id,
            competency_id,
            _anchor("competency", competency_id),
            "",
            "Other",
            None,
            (),
            None,
            (),
        )

    def step(self, competency: CompetencyView, step_id: str | None) -> StepView | None:
        if step_id is None:
            return None
        steps = competency.scale.steps if competency.scale else ()
        return next((s for s in steps if s.id == step_id), StepView(step_id, step_id, 0, 0, None))

    def prompt(self, prompt: Prompt) -> PromptView:
        return PromptView(
            kind=prompt.kind,
            kind_label=_PROMPT_KINDS.get(prompt.kind, prompt.kind),
            prompt=self.text(prompt.prompt),
            rationale=self.texts(prompt.rationale),
            levels=tuple(self.level_refs[i] for i in prompt.levels if i in self.level_refs),
            competencies=tuple(self.competency(c) for c in prompt.competencies),
        )

    # levels

    def expectation(self, level: Level, resolved: ResolvedExpectation) -> ExpectationView:
        competency = self.competency(resolved.competency)
        step_level = resolved.proficiency_level
        return ExpectationView(
            competency=competency,
            proficiency=self.step(competency, resolved.proficiency),
            proficiency_from=(
                self.level_refs.get(step_level) if step_level not in (None, level.id) else None
            ),
            criteria=tuple(
                self.text(s.statement, s.level if s.inherited else None) for s in resolved.criteria
            ),
            examples=tuple(
                self.text(s.statement, s.level if s.inherited else None) for s in resolved.examples
            ),
            inherited=resolved.inherited,
            proficiency_basis=self._proficiency_basis(level, resolved),
        )

    def _proficiency_basis(self, level: Level, resolved: ResolvedExpectation) -> BasisView | None:
        """The provenance of the proficiency, from the level that sets it."""
        setter = self.ladder.level(resolved.proficiency_level or level.id)
        expectation = setter.expectations.get(resolved.competency) if setter else None
        return self.basis(expectation.provenance.get("proficiency") if expectation else None)

    def resolved(self, level: Level) -> dict[str, ExpectationView]:
        """The level's expectations after inheritance, by competency id, in catalog order."""
        return {
            competency: self.expectation(level, resolved)
            for competency, resolved in resolve_expectations(self.ladder, level).items()
        }

    def level(self, level: Level, expectations: Mapping[str, ExpectationView]) -> LevelView:
        groups: dict[str, list[ExpectationView]] = {}
        names: dict[str, str] = {}
        for view in expectations.values():
            groups.setdefault(view.competency.area, []).append(view)
            names[view.competency.area] = view.competency.area_name
        dimensions = tuple(
            DimensionEntry(
                self.dimensions.get(d) or DimensionView(d, d, _anchor("dimension", d), None),
                self.text(statement),
            )
            for d, statement in self._dimension_order(level.dimensions)
        )
        ladder_prompts = (p for p in self.ladder.assessment if level.id in p.levels)
        track = self.ladder.track(level.track)
        return LevelView(
            id=level.id,
            title=level.title,
            anchor=_anchor("level", level.id),
            included=level.id in self.selection.levels,
            rank=level.rank,
            rank_label=number_text(level.rank),
            grade=level.grade,
            track=level.track,
            track_name=track.name if track else level.track,
            alternative_titles=level.alternative_titles,
            sub_grades=tuple(
                SubGradeView(s.id, s.title, self.text(s.summary)) for s in level.sub_grades
            ),
            summary=self.text(level.summary),
            dimensions=dimensions,
            inherits=self.level_refs.get(level.inherits) if level.inherits else None,
            equivalents=tuple(
                self.level_refs[e] for e in level.equivalents if e in self.level_refs
            ),
            expectations=tuple(
                ExpectationGroup(area, names[area], tuple(views)) for area, views in groups.items()
            ),
            promotion=self.texts(level.promotion),
            assessment=tuple(self.prompt(p) for p in (*level.assessment, *ladder_prompts)),
            provenance={k: v for k, b in level.provenance.items() if (v := self.basis(b))},
        )

    def _dimension_order(self, dimensions: Mapping[str, Statement]) -> list[tuple[str, Statement]]:
        order = {d: i for i, d in enumerate(self.dimensions)}
        return sorted(
            dimensions.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )

    # matrix

    def matrix(
        self, levels: Sequence[LevelView], resolved: Mapping[str, Mapping[str, ExpectationView]]
    ) -> MatrixView | None:
        if len(levels) < 2:
            return None
        refs = tuple(self.level_refs[lv.id] for lv in levels)
        groups: list[MatrixGroup] = []
        dimension_ids = [d for d in self.dimensions if any(d in _dims(lv) for lv in levels)]
        dimension_ids += sorted({d for lv in levels for d in _dims(lv)} - set(dimension_ids))
        if dimension_ids:
            rows = []
            for d in dimension_ids:
                entries = [{e.dimension.id: e.text for e in lv.dimensions}.get(d) for lv in levels]
                view = next(
                    e.dimension for lv in levels for e in lv.dimensions if e.dimension.id == d
                )
                cells = tuple(
                    MatrixCell(ref, None, False, (text,) if text else (), (), False)
                    for ref, text in zip(refs, entries, strict=True)
                )
                rows.append(
                    MatrixRow("dimension", d, view.name, view.anchor, view.description, cells)
                )
            groups.append(MatrixGroup("dimensions", "Dimensions", tuple(rows)))
        used = {c for lv in levels for c in resolved[lv.id]}
        catalog = [*self.competencies, *sorted(used - set(self.competencies))]
        by_area: dict[str, list[MatrixRow]] = {}
        area_names: dict[str, str] = {}
        for competency_id in catalog:
            if competency_id not in used:
                continue
            competency = self.competency(competency_id)
            cells = tuple(
                _cell(ref, resolved[lv.id].get(competency_id))
                for ref, lv in zip(refs, levels, strict=True)
            )
            row = MatrixRow(
                "competency",
                competency.id,
                competency.name,
                competency.anchor,
                competency.description,
                cells,
            )
            by_area.setdefault(competency.area, []).append(row)
            area_names[competency.area] = competency.area_name
        groups.extend(
            MatrixGroup(area, area_names[area], tuple(rows)) for area, rows in by_area.items()
        )
        if not groups:
            return None
        return MatrixView(_anchor("matrix", levels[0].track), refs, tuple(groups))

    # the whole document

    def build(self, medium: str) -> RenderContext:
        ladder = self.ladder
        resolved = {lv.id: self.resolved(lv) for lv in ladder.levels}
        level_views = {lv.id: self.level(lv, resolved[lv.id]) for lv in ladder.levels}
        all_tracks = []
        for track in ladder.tracks:
            if track.id not in self.selection.tracks:
                continue
            shown = tuple(
                level_views[lv.id] for lv in track.levels if lv.id in self.selection.levels
            )
            all_tracks.append(
                (
                    track,
                    TrackView(
                        id=track.id,
                        name=track.name,
                        kind=track.kind,
                        kind_label=_TRACK_KINDS.get(track.kind, "Track"),
                        anchor=_anchor("track", track.id),
                        description=self.text(track.description),
                        levels=shown,
                        matrix=self.matrix(shown, resolved),
                    ),
                )
            )
        tracks = tuple(view for _, view in all_tracks)
        ranks = sorted({lv.rank for t, _ in all_tracks for lv in t.levels}, reverse=True)
        rungs = tuple(
            Rung(
                rank,
                number_text(rank),
                tuple(
                    tuple(level_views[lv.id] for lv in t.levels if lv.rank == rank)
                    for t, _ in all_tracks
                ),
            )
            for rank in ranks
        )
        info = ladder.framework
        role = ladder.role
        return RenderContext(
            medium=medium,
            generator=f"pmframework {__version__}",
            filtered=self.selection.filtered,
            framework=FrameworkView(
                id=info.id,
                title=info.title,
                organization=info.organization,
                job_family=info.job_family,
                version=info.version,
                status=info.status,
                status_label=info.status.capitalize(),
                effective_date=info.effective_date,
                language=info.language or "en",
                license=info.license,
                description=self.text(info.description),
            ),
            ladder=LadderView(tracks, rungs),
            tracks=tracks,
            role=(
                RoleView(
                    role.name,
                    self.text(role.purpose),
                    self.texts(role.in_scope),
                    self.texts(role.out_of_scope),
                )
                if role
                else None
            ),
            dimensions=tuple(self.dimensions.values()),
            scales=tuple(self.scales.values()),
            areas=tuple(self.areas),
            promotion_process=self.texts(ladder.promotion_process),
            assessment=tuple(self.prompt(p) for p in ladder.assessment),
            sources=tuple(self.sources.values()),
        )


def _dims(level: LevelView) -> set[str]:
    return {e.dimension.id for e in level.dimensions}


def _cell(level: LevelRef, expectation: ExpectationView | None) -> MatrixCell:
    if expectation is None:
        return MatrixCell(level, None, False, (), (), False)
    return MatrixCell(
        level=level,
        proficiency=expectation.proficiency,
        proficiency_inherited=expectation.proficiency_from is not None,
        texts=expectation.own_criteria,
        inherited_texts=expectation.inherited_criteria,
        inherited=expectation.inherited,
    )


def build_context(
    ladder: Ladder,
    *,
    medium: str = "html",
    name: str | None = None,
    tracks: Sequence[str] = (),
    levels: Sequence[str] = (),
) -> RenderContext:
    """The view model of ``ladder`` for ``medium``, narrowed to ``tracks`` and ``levels``."""
    selection = select(ladder, name or ladder.framework.id, tracks, levels)
    return _Builder(ladder, selection).build(medium)
