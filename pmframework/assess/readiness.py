"""The readiness report: one or several assessments of one person (self, manager, peers) against
the target level, per competency what is met, partly met and missing, the promotion criteria and
the evidence cited, and where assessors agree and differ.

The view model (``Readiness`` and the dataclasses it holds) is built here; the templates
``readiness.html.j2`` and ``readiness.md.j2`` lay it out in the ladder's own style
(``style.css``), and the PDF goes through render's HTML-to-PDF path, which fetches nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmframework._version import __version__
from pmframework.assess.model import PROMOTION, Assessment, Entry, Evidence
from pmframework.assess.template import blank
from pmframework.errors import UsageError
from pmframework.model.ladder import Ladder
from pmframework.render.context import safe_link

STATUS_LABELS = {
    "met": "Met",
    "partly": "Partly",
    "not-yet": "Not yet",
    "not-applicable": "Not applicable",
    None: "Not assessed",
}
READINESS_HTML = "readiness.html.j2"
READINESS_MARKDOWN = "readiness.md.j2"


@dataclass(frozen=True)
class EvidenceView:
    text: str | None
    link: str | None  # None unless it is a link a browser may follow (http, https, mailto)
    link_text: str | None
    date: str | None


@dataclass(frozen=True)
class Mark:
    """What one assessor says of one criterion."""

    assessor: str
    status: str | None
    label: str
    evidence: tuple[EvidenceView, ...]
    date: str | None
    note: str | None


@dataclass(frozen=True)
class CriterionView:
    text: str  # the criterion, or "The competency as a whole"
    level: str | None
    marks: tuple[Mark, ...]
    status: str  # agreed status, "differ" when assessors disagree, "unassessed" when none says

    @property
    def label(self) -> str:
        if self.status == "differ":
            return "Assessors differ"
        return STATUS_LABELS.get(None if self.status == "unassessed" else self.status, self.status)


@dataclass(frozen=True)
class CompetencyView:
    id: str
    name: str
    criteria: tuple[CriterionView, ...]

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.criteria)

    @property
    def missing(self) -> int:
        return sum(c.status in ("not-yet", "unassessed") for c in self.criteria)


@dataclass(frozen=True)
class Readiness:
    medium: str
    ladder_title: str
    ladder_version: str
    organization: str
    current: str
    target: str
    person: str | None
    assessors: tuple[str, ...]
    dates: tuple[str, ...]
    competencies: tuple[CompetencyView, ...]
    promotion: tuple[CriterionView, ...]
    generator: str = field(default=f"pmframework {__version__}")

    @property
    def several(self) -> bool:
        return len(self.assessors) > 1

    def total(self, status: str) -> int:
        every = [c for comp in self.competencies for c in comp.criteria] + list(self.promotion)
        if status == "missing":
            return sum(c.status in ("not-yet", "unassessed") for c in every)
        return sum(c.status == status for c in every)

    def variables(self) -> dict[str, Any]:
        return {"r": self, "medium": self.medium}


def _evidence(e: Evidence) -> EvidenceView:
    link = safe_link(e.link) if e.link else None
    return EvidenceView(e.text, link, e.link, e.date)


def _mark(assessment: Assessment, entry: Entry | None) -> Mark:
    if entry is None:
        return Mark(assessment.assessor, None, STATUS_LABELS[None], (), None, None)
    return Mark(
        assessment.assessor,
        entry.status,
        STATUS_LABELS[entry.status],
        tuple(_evidence(e) for e in entry.evidence),
        entry.date,
        entry.note,
    )


def _agreed(marks: Sequence[Mark]) -> str:
    given = {m.status for m in marks if m.status is not None}
    if not given:
        return "unassessed"
    return given.pop() if len(given) == 1 else "differ"


def readiness(assessments: Sequence[Assessment], ladder: Ladder, medium: str = "html") -> Readiness:
    """The readiness view of ``assessments`` of one person against ``ladder``; they must name
    the same current and target level."""
    first = assessments[0]
    for other in assessments[1:]:
        if (other.current_level, other.target_level) != (first.current_level, first.target_level):
            raise UsageError(
                f"{other.name}: assesses {other.current_level} → {other.target_level}, "
                f"{first.name} {first.current_level} → {first.target_level}; merge assessments "
                "of the same levels"
            )
    rows = blank(first.ladder, ladder, first.current_level, first.target_level).rows
    by_key = [a.by_key() for a in assessments]
    order: list[tuple[str, str | None, str | None]] = [
        (r.competency, r.criterion, r.level) for r in rows
    ]
    listed = {Entry(c, t).key for c, t, _ in order}
    for assessment in assessments:  # entries the blank does not list (not-applicable extras)
        for entry in assessment.entries:
            if entry.key not in listed:
                listed.add(entry.key)
                order.append((entry.competency, entry.criterion, entry.level))
    names = {row.competency: row.name for row in rows}
    names.update({c.id: c.name for c in ladder.competencies})
    groups: dict[str, list[CriterionView]] = {}
    for competency, criterion, level in order:
        key = Entry(competency, criterion).key
        marks = tuple(_mark(a, k.get(key)) for a, k in zip(assessments, by_key, strict=True))
        text = criterion if criterion is not None else "The competency as a whole"
        groups.setdefault(competency, []).append(CriterionView(text, level, marks, _agreed(marks)))
    levels = {lv.id: lv for lv in ladder.levels}
    return Readiness(
        medium=medium,
        ladder_title=ladder.framework.title,
        ladder_version=ladder.framework.version,
        organization=ladder.framework.organization,
        current=levels[first.current_level].title,
        target=levels[first.target_level].title,
        person=next((a.person for a in assessments if a.person), None),
        assessors=tuple(a.assessor for a in assessments),
        dates=tuple(a.date or "" for a in assessments),
        competencies=tuple(
            CompetencyView(c, names.get(c, c), tuple(views))
            for c, views in groups.items()
            if c != PROMOTION
        ),
        promotion=tuple(groups.get(PROMOTION, ())),
    )


def _render(view: Readiness, name: str, template_dir: str | Path | None) -> str:
    from pmframework.render.output import render_template, template_dirs

    return render_template(name, view, template_dirs(template_dir))


def readiness_html(view: Readiness, template_dir: str | Path | None = None) -> str:
    return _render(view, READINESS_HTML, template_dir)


def readiness_markdown(view: Readiness, template_dir: str | Path | None = None) -> str:
    import re

    text = _render(view, READINESS_MARKDOWN, template_dir)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def readiness_pdf(view: Readiness, template_dir: str | Path | None = None) -> bytes:
    from pmframework.render.output import html_to_pdf, template_dirs

    return html_to_pdf(_render(view, READINESS_HTML, template_dir), template_dirs(template_dir))


def write_report(
    specs: Sequence[str],
    output: str,
    *,
    output_format: str | None = None,
    template_dir: str | None = None,
) -> str:
    """Check and merge the assessments ``specs``, render them, write ``output`` whole; returns
    the format written."""
    from pmframework.assess import REPORT_FORMATS
    from pmframework.assess.checks import load_assessment
    from pmframework.files import write_output
    from pmframework.render.output import format_for

    chosen = format_for(output, output_format)
    loaded = [load_assessment(spec) for spec in specs]
    ladder = loaded[0][1]
    for (_, other), spec in zip(loaded[1:], specs[1:], strict=True):
        if other.framework.id != ladder.framework.id:
            raise UsageError(
                f"{spec}: assesses against {other.framework.id}, {specs[0]} against "
                f"{ladder.framework.id}; merge assessments against one ladder"
            )
    view = readiness([a for a, _ in loaded], ladder, medium="pdf" if chosen == "pdf" else chosen)
    write_output(output, REPORT_FORMATS[chosen](view, template_dir), inputs=specs)
    return chosen
