"""Building the view model (``pmframework.render.views``) from a checked ladder.

Inheritance is applied through ``resolve.resolve_expectations``, citations are numbered, and
cross-references become anchors, so that templates only lay things out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import overload

from pmframework._version import __version__
from pmframework.model import Area, Basis, Ladder, Level, Prompt, Scale, Statement, Track
from pmframework.model import Citation as ModelCitation
from pmframework.model.resolve import ResolvedExpectation, resolve_expectations
from pmframework.render.glance import ladder_view
from pmframework.render.naming import PROMPT_KINDS, TRACK_KINDS, anchor, points_text
from pmframework.render.provenance_views import BasisView, CitationView
from pmframework.render.selection import Selection, narrowed, select
from pmframework.render.shared import shared_views
from pmframework.render.sources import source_view
from pmframework.render.specialties import specialty_views
from pmframework.render.views import (
    AreaView,
    CompetencyView,
    DimensionEntry,
    DimensionView,
    ExpectationGroup,
    ExpectationView,
    FrameworkView,
    LevelRef,
    LevelView,
    MatrixCell,
    MatrixGroup,
    MatrixRow,
    MatrixView,
    PromptView,
    QuoteSection,
    RenderContext,
    RoleView,
    ScaleView,
    StepView,
    SubGradeView,
    TextView,
    TrackView,
)
from pmframework.text import number_text, points_label

# --- building the view model -----------------------------------------------------------------


class _Builder:
    """Turns a checked Ladder into the view model; one instance per render."""

    def __init__(self, ladder: Ladder, selection: Selection, specialty: str | None = None) -> None:
        self.ladder = ladder
        self.selection = selection
        self.specialty = specialty  # the one the ladder is narrowed to (--specialty)
        self._texts: dict[tuple[int, str | None], TextView] = {}
        self.sources = {
            s.id: source_view(s, number) for number, s in enumerate(ladder.sources, start=1)
        }
        self.level_refs = {
            lv.id: LevelRef(
                lv.id,
                lv.title,
                lv.track,
                anchor("level", lv.id),
                f"#{anchor('level', lv.id)}" if lv.id in selection.levels else None,
            )
            for lv in ladder.levels
        }
        self.scales = {s.id: self._scale(s) for s in ladder.scales}
        self.dimensions = {
            d.id: DimensionView(d.id, d.name, anchor("dimension", d.id), self.text(d.description))
            for d in ladder.dimensions
        }
        track_names = {t.id: t.name for t in ladder.tracks}
        specialty_names = {s.id: s.name for s in ladder.specialties}
        self.competencies: dict[str, CompetencyView] = {}
        self.areas: list[AreaView] = []
        # Competencies written at the top level (version 2) are shown as one group of their own.
        ungrouped = (Area("", "Competencies", ladder.ungrouped),) if ladder.ungrouped else ()
        for area in (*ladder.areas, *ungrouped):
            views = []
            for c in area.competencies:
                scale = ladder.scale_of(c)
                view = CompetencyView(
                    id=c.id,
                    name=c.name,
                    anchor=anchor("competency", c.id),
                    area=area.id,
                    area_name=area.name,
                    description=self.text(c.description),
                    aliases=c.aliases,
                    scale=self.scales.get(scale.id) if scale else None,
                    tracks=tuple(track_names.get(t, t) for t in c.tracks or ()),
                    status=c.status,
                    tags=c.tags,
                    anti_patterns=self.texts(c.anti_patterns),
                    rating=None if c.rating is None else f"rated {c.rating.text}",
                    specialties=tuple(specialty_names.get(s, s) for s in c.specialties),
                )
                self.competencies[c.id] = view
                views.append(view)
            self.areas.append(
                AreaView(area.id, area.name, self.text(area.description), tuple(views))
            )

    # statements and sources

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
            text=statement.text.strip(),
            citation=citations[0] if citations else None,
            editorial=statement.editorial,
            inherited_from=self.level_refs.get(inherited_from) if inherited_from else None,
            citations=citations,
            points=None if statement.points is None else points_label(statement.points),
            examples=self.texts(statement.examples),
            signals=self.texts(statement.signals),
            shared=statement.path[:1] == ("shared",),
        )

    def citations(self, cited: Sequence[ModelCitation]) -> tuple[CitationView, ...]:
        return tuple(
            CitationView(self.sources[c.source], c.quote) for c in cited if c.source in self.sources
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
            anchor("competency", competency_id),
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
            kind_label=PROMPT_KINDS.get(prompt.kind, prompt.kind),
            prompt=self.text(prompt.prompt),
            rationale=self.texts(prompt.rationale),
            levels=tuple(self.level_refs[i] for i in prompt.levels if i in self.level_refs),
            competencies=tuple(self.competency(c) for c in prompt.competencies),
        )

    # levels

    def expectation(self, level: Level, resolved: ResolvedExpectation) -> ExpectationView:
        competency = self.competency(resolved.competency)
        step_level = resolved.proficiency_level
        own = level.expectations.get(resolved.competency)
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
            anti_patterns=self.texts(own.anti_patterns if own else ()),
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
                self.dimensions.get(d) or DimensionView(d, d, anchor("dimension", d), None),
                self.text(value.statement, value.level if value.inherited else None),
                self._dimension_step(d, value.step),
            )
            for d, value in self.ladder.inheritance.dimensions(level).items()
        )
        ladder_prompts = (p for p in self.ladder.assessment if level.id in p.levels)
        track = self.ladder.track(level.track)
        summary = self.text(level.summary)
        sub_grades = tuple(
            SubGradeView(s.id, s.title, self.text(s.summary)) for s in level.sub_grades
        )
        promotion = self.texts(level.promotion)
        assessment = tuple(self.prompt(p) for p in level.assessment)
        provenance = {k: v for k, b in level.provenance.items() if (v := self.basis(b))}
        # what the level itself states, in reading order: where its citations are counted
        stated = [
            summary,
            *(g.summary for g in sub_grades),
            *(d.text for d in dimensions if d.text.inherited_from is None),
            *(t for e in expectations.values() for t in (*e.own_criteria, *e.own_examples)),
            *promotion,
            *(t for p in assessment for t in (p.prompt, *p.rationale)),
        ]
        citations = [c for t in stated if t is not None for c in t.citations]
        bases = [
            *provenance.values(),
            *(e.proficiency_basis for e in expectations.values() if e.proficiency_basis),
        ]
        every = [*citations, *(c for b in bases for c in b.citations)]
        sources = {c.source.id for c in every}
        return LevelView(
            id=level.id,
            title=level.title,
            anchor=anchor("level", level.id),
            included=level.id in self.selection.levels,
            rank=level.rank,
            rank_label=number_text(level.rank),
            grade=level.grade,
            track=level.track,
            track_name=track.name if track else level.track,
            alternative_titles=level.alternative_titles,
            sub_grades=sub_grades,
            summary=summary,
            dimensions=dimensions,
            inherits=self.level_refs.get(level.inherits) if level.inherits else None,
            equivalents=tuple(
                self.level_refs[e] for e in level.equivalents if e in self.level_refs
            ),
            expectations=tuple(
                ExpectationGroup(area, names[area], tuple(views)) for area, views in groups.items()
            ),
            promotion=promotion,
            assessment=assessment,
            provenance=provenance,
            shared_prompts=tuple(self.prompt(p) for p in ladder_prompts),
            sole_source=every[0].source if len(sources) == 1 else None,
            quotes=tuple(dict.fromkeys(c for c in every if c.quote)),
            criteria=self.texts(level.criteria),
            anti_patterns=self.texts(level.anti_patterns),
            points=points_text(level.points),
        )

    def _dimension_step(self, dimension_id: str, step_id: str | None) -> StepView | None:
        dimension = self.ladder.dimension(dimension_id)
        scale = self.scales.get(dimension.scale or "") if dimension and step_id else None
        return next((step for step in scale.steps if step.id == step_id), None) if scale else None

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
                    _dimension_cell(ref, text) for ref, text in zip(refs, entries, strict=True)
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
                competency.specialties,
            )
            by_area.setdefault(competency.area, []).append(row)
            area_names[competency.area] = competency.area_name
        groups.extend(
            MatrixGroup(area, area_names[area], tuple(rows)) for area, rows in by_area.items()
        )
        if not groups:
            return None
        return MatrixView(anchor("matrix", levels[0].track), refs, tuple(groups))

    # the whole document

    def build(self, medium: str) -> RenderContext:
        ladder = self.ladder
        resolved = {lv.id: self.resolved(lv) for lv in ladder.levels}
        level_views = {lv.id: self.level(lv, resolved[lv.id]) for lv in ladder.levels}
        all_tracks: list[tuple[Track, TrackView]] = []
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
                        kind_label=TRACK_KINDS.get(track.kind, "Track"),
                        anchor=anchor("track", track.id),
                        description=self.text(track.description),
                        levels=shown,
                        matrix=self.matrix(shown, resolved),
                    ),
                )
            )
        tracks = tuple(view for _, view in all_tracks)
        specialties = specialty_views(self)
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
            ladder=ladder_view(all_tracks, level_views),
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
            other_quotes=QuoteSection("sources", self._other_quotes(level_views.values())),
            shared=shared_views(self, ladder.shared),
            specialties=specialties,
            specialty=specialties[0] if self.specialty else None,
        )

    def _other_quotes(self, levels: Iterable[LevelView]) -> tuple[CitationView, ...]:
        """Quoted citations of every statement shown that no level lists."""
        listed = {c for level in levels for c in level.quotes}
        quoted = (c for t in self._texts.values() for c in t.citations if c.quote)
        return tuple(dict.fromkeys(c for c in quoted if c not in listed))


def _dimension_cell(level: LevelRef, text: TextView | None) -> MatrixCell:
    """A dimension's value in the matrix: written at the level, or inherited (marked so)."""
    if text is None:
        return MatrixCell(level, None, False, (), (), False)
    if text.inherited_from is not None:
        return MatrixCell(level, None, False, (), (text,), True)
    return MatrixCell(level, None, False, (text,), (), False)


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
    specialty: str | None = None,
) -> RenderContext:
    """The view model of ``ladder`` for ``medium``, narrowed to ``tracks`` and ``levels``, and
    to what ``specialty`` reads (the common competencies and its own)."""
    ladder = narrowed(ladder, name or ladder.framework.id, specialty)
    selection = select(ladder, name or ladder.framework.id, tracks, levels)
    return _Builder(ladder, selection, specialty).build(medium)
