"""What a diff report shows, in which order, before any format: ``layout`` turns a DiffResult
into a small document (sections of lists and tables, made of styled spans) that the text,
Markdown and HTML formats each print."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pmframework.diff.align import BarDifference, CompanyComparison, Match
from pmframework.diff.compare import (
    KINDS,
    Change,
    CompetencyStep,
    DiffResult,
    FieldChange,
    LevelDiff,
    Side,
    VersionDiff,
)
from pmframework.diff.textdiff import Segment
from pmframework.model.ladder import Level
from pmframework.text import number_text

# --- a small document model -------------------------------------------------------------------

Style = Literal["", "code", "strong", "em", "del", "ins"]


@dataclass(frozen=True)
class Span:
    style: Style
    text: str


Rich = tuple[Span, ...]


def _t(text: str, style: Style = "") -> Span:
    return Span(style, text)


@dataclass
class Node:
    """A list item, optionally a checklist item, with nested items."""

    text: Rich
    children: list[Node] = field(default_factory=list)
    check: bool = False


@dataclass
class DiffTable:
    header: tuple[str, ...]
    rows: Sequence[tuple[Rich, ...]]


@dataclass
class Section:
    title: str
    detail: str = ""  # after the title, e.g. "2 changed, 1 added"
    nodes: list[Node] = field(default_factory=list)
    table: DiffTable | None = None
    collapsible: bool = True


@dataclass
class DiffDocument:
    a: str
    b: str
    reason: str
    summary: str
    sections: list[Section]


# --- layout: what a reader sees, in which order --------------------------------------------------


def _words(segments: Iterable[Segment]) -> Rich:
    styles: dict[str, Style] = {"equal": "", "delete": "del", "insert": "ins"}
    return tuple(Span(styles[s.op], s.text) for s in segments)


def _field_node(change: FieldChange, *, plain: bool = False) -> Node:
    """``title: [-Senior-]{+Staff+} PM``; in an added or removed entity, just ``field: value``."""
    name = _t(change.field, "code")
    if plain:
        return Node(
            (name, _t(": "), _t(change.new if change.new is not None else change.old or ""))
        )
    if change.status == "added":
        return Node((name, _t(" added: "), _t(change.new or "", "ins")))
    if change.status == "removed":
        return Node((name, _t(" removed: "), _t(change.old or "", "del")))
    note = (_t(f" ({change.words_note})", "em"),) if change.words_note else ()
    return Node((name, _t(": "), *_words(change.words), *note))


def _change_node(change: Change) -> Node:
    ident = f"{change.old_id} → {change.id}" if change.old_id else change.id
    text: list[Span] = [_t(change.label, "strong"), _t(" ("), _t(ident, "code"), _t(") — ")]
    phrases: list[str] = []
    if change.status != "changed":
        phrases.append(change.status)
    if change.old_id:
        phrases.append("renamed")
    if change.moved:
        m = change.moved
        # A specialty's words name themselves ("specialty Growth", "every specialty").
        where = "" if m.field == "specialty" else f"{m.field} "
        phrases.append(f"moved from {where}{m.old} to {m.new}")
    if change.status == "changed" and change.fields:
        phrases.append("changed")
    text.append(_t("; ".join(phrases)))
    plain = change.status != "changed"
    children = [_field_node(f, plain=plain) for f in change.fields]
    if change.inherited_by:
        heirs = ", ".join(change.inherited_by)
        children.append(Node((_t(f"inherited by {heirs}", "em"),)))
    return Node(tuple(text), children)


_SECTION_TITLES = {
    "framework": "Metadata",
    "role": "Role",
    "source": "Sources",
    "scale": "Scales",
    "dimension": "Dimensions",
    "specialty": "Specialties",
    "track": "Tracks",
    "area": "Areas",
    "competency": "Competencies",
    "level": "Levels",
    "expectation": "Expectations",
}


def _version_sections(body: VersionDiff) -> list[Section]:
    sections = []
    counts = body.counts()
    for kind in KINDS:
        changes = [c for c in body.changes if c.kind == kind]
        if not changes:
            continue
        detail = ", ".join(f"{n} {verb}" for (k, verb), n in counts.items() if k == kind)
        sections.append(Section(_SECTION_TITLES[kind], detail, [_change_node(c) for c in changes]))
    return sections


def _rank(value: float | None) -> str:
    return "" if value is None else number_text(value)


def _level_cell(ident: str | None, label: str | None, rank: float | None) -> Rich:
    if ident is None:
        return (_t("—"),)
    return (_t(label or ident), _t(" ("), _t(ident, "code"), _t(f", rank {_rank(rank)})"))


def _competency_cell(ident: str | None, label: str | None) -> Rich:
    if ident is None:
        return (_t("—"),)
    return (_t(label or ident), _t(" ("), _t(ident, "code"), _t(")"))


def _confidence(match: Match) -> Rich:
    both = match.a is not None and match.b is not None
    return (_t(f"{match.confidence:.2f}" if both else "no counterpart"),)


def _company_sections(body: CompanyComparison, a: Side, b: Side) -> list[Section]:
    ours, theirs = _side_names(a, b)
    level_rows = [
        (
            _level_cell(m.a, m.a_label, m.a_rank),
            _level_cell(m.b, m.b_label, m.b_rank),
            _confidence(m),
            (_t(m.evidence),),
        )
        for m in body.levels
    ]
    competency_rows = [
        (
            _competency_cell(m.a, m.a_label),
            _competency_cell(m.b, m.b_label),
            _confidence(m),
            (_t(m.evidence),),
        )
        for m in body.competencies
    ]
    header = (ours, theirs, "Confidence", "Evidence")
    sections = [Section("Levels", "crosswalk", table=DiffTable(header, level_rows))]
    if competency_rows:
        sections.append(Section("Competencies", "", table=DiffTable(header, competency_rows)))
    bars = [_bar_node(bar, a.ladder.level, b.ladder.level, ours, theirs) for bar in body.bars]
    sections.append(Section("Where the bars differ", str(len(bars) or "none found"), bars))
    return sections


def _side_names(a: Side, b: Side) -> tuple[str, str]:
    org_a, org_b = a.ladder.framework.organization, b.ladder.framework.organization
    return (org_a, org_b) if org_a != org_b else (a.name, b.name)


def _bar_node(
    bar: BarDifference,
    level_a: Callable[[str], Level | None],
    level_b: Callable[[str], Level | None],
    ours: str,
    theirs: str,
) -> Node:
    def at(level_id: str, lookup: Callable[[str], Level | None], rank: float, note: str) -> Rich:
        level = lookup(level_id)
        title = level.title if level else level_id
        return (_t(title), _t(" ("), _t(level_id, "code"), _t(f", rank {_rank(rank)}{note})"))

    # B's level is compared at the rank of A's level it pairs with or sits closest to; when
    # that is not its own rank, both are said, or "rank 1 ... only from rank 2" reads wrong.
    placed = (
        ""
        if bar.b_position == bar.b_rank
        else f", counted at {ours}'s rank {_rank(bar.b_position)}"
    )
    where_a = at(bar.a_level, level_a, bar.a_rank, "")
    where_b = at(bar.b_level, level_b, bar.b_rank, placed)
    first, later = (ours, theirs) if bar.lower == "a" else (theirs, ours)
    first_at, later_at = (where_a, where_b) if bar.lower == "a" else (where_b, where_a)
    head: list[Span] = [_t(bar.label, "strong"), _t(": ")]
    if bar.kind == "entry":
        text = (
            *head,
            _t(f"{first} expects it from "),
            *first_at,
            _t(f"; {later} only from "),
            *later_at,
        )
        return Node(text)
    first_text, later_text = (
        (bar.a_text, bar.b_text) if bar.lower == "a" else (bar.b_text, bar.a_text)
    )
    text = (
        *head,
        _t(f"{first} at "),
        *first_at,
        _t(": “"),
        _t(first_text or ""),
        _t(f"”; {later} only at "),
        *later_at,
        _t(": “"),
        _t(later_text or ""),
        _t(f"” (word overlap {bar.overlap:.2f})"),
    )
    return Node(text)


def _step_node(step: CompetencyStep) -> Node:
    text: list[Span] = [_t(step.label, "strong")]
    if step.counterpart:
        text += [_t(" (ours: "), _t(step.counterpart, "code"), _t(")")]
    if step.new:
        text.append(_t(" — new at this level"))
    if step.proficiency is not None:
        verb = {"set": "proficiency", "changed": "proficiency changed"}.get(
            step.direction or "", f"proficiency {step.direction}"
        )
        change = step.proficiency
        text.append(_t(f" — {verb}: "))
        text.append(_t(f"{change.old} → {change.new}" if change.old else change.new or ""))
    children = []
    for item in step.items:
        check = item.field == "criteria" and item.status != "removed"
        if item.status == "added":
            prefix = () if check else (_t("example: ", "em"),)
            children.append(Node((*prefix, _t(item.new or "")), check=check))
        elif item.status == "changed":
            children.append(Node(_words(item.words), check=check))
        else:
            children.append(Node((_t("no longer listed: ", "em"), _t(item.old or "", "del"))))
    return Node(tuple(text), children)


def _level_sections(body: LevelDiff) -> list[Section]:
    checklist = []
    if body.promotion:
        checklist.append(
            Node(
                (_t("Promotion criteria", "strong"),),
                [Node((_t(p.new or ""),), check=True) for p in body.promotion],
            )
        )
    checklist.extend(_step_node(step) for step in body.competencies)
    sections = [
        Section(
            "Checklist",
            f"what {body.b.title} adds over {body.a.title}",
            checklist or [Node((_t("nothing new"),))],
            collapsible=False,
        )
    ]
    if body.fields:
        sections.append(
            Section(
                "Level",
                "title, rank, summary and dimensions",
                [_field_node(f) for f in body.fields],
            )
        )
    return sections


def _side_label(side: Side) -> str:
    name = side.name + (f"#{side.level}" if side.level else "")
    f = side.ladder.framework
    if side.level is not None:
        level = side.ladder.level(side.level)
        if level is not None:
            return f"{name} ({level.title}, rank {_rank(level.rank)})"
    return f"{name} ({f.organization}: {f.title} {f.version})"


# After the mode line when the diff ignored provenance (``--ignore-provenance``).
PROVENANCE_IGNORED = "provenance ignored (sources, quotes, x- keys)"


def _mode_line(result: DiffResult) -> str:
    """Why this mode, and whether provenance was left out."""
    return result.reason if result.provenance else f"{result.reason}; {PROVENANCE_IGNORED}"


def layout(result: DiffResult) -> DiffDocument:
    body = result.body
    if isinstance(body, VersionDiff):
        sections = _version_sections(body)
    elif isinstance(body, CompanyComparison):
        sections = _company_sections(body, result.a, result.b)
    else:
        sections = _level_sections(body)
    return DiffDocument(
        _side_label(result.a),
        _side_label(result.b),
        _mode_line(result),
        result.summary(),
        sections,
    )


def one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def html_text(text: str) -> str:
    """Text for HTML, and for the HTML inside Markdown: escaped, on one line."""
    return html.escape(one_line(text), quote=False)
