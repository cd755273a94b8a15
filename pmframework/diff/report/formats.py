"""Formatters for ``pmframework diff``: they print a DiffResult and decide nothing.

Text, Markdown and HTML share one layout: ``_layout`` turns a result into a small document
(sections of lists and tables, made of styled spans), which each format then renders. Word
changes show as ``[-old-]{+new+}`` in text, ``~~old~~ **new**`` in Markdown and
``<del>``/``<ins>`` in HTML. JSON is built straight from the result; its shape is documented in
the README and versioned by ``JSON_FORMAT_VERSION``.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pmframework import markdown
from pmframework._version import __version__
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
from pmframework.text import json_text, number_text

# Bumped when a key changes meaning or goes away; a new key (ignore_provenance) keeps it.
JSON_FORMAT_VERSION = 1

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
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[Rich, ...]]


@dataclass
class Section:
    title: str
    detail: str = ""  # after the title, e.g. "2 changed, 1 added"
    nodes: list[Node] = field(default_factory=list)
    table: Table | None = None
    collapsible: bool = True


@dataclass
class Document:
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
        phrases.append(f"moved from {m.field} {m.old} to {m.new}")
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
    sections = [Section("Levels", "crosswalk", table=Table(header, level_rows))]
    if competency_rows:
        sections.append(Section("Competencies", "", table=Table(header, competency_rows)))
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
    def at(level_id: str, lookup: Callable[[str], Level | None], rank: float) -> Rich:
        level = lookup(level_id)
        title = level.title if level else level_id
        return (_t(title), _t(" ("), _t(level_id, "code"), _t(f", rank {_rank(rank)})"))

    where_a = at(bar.a_level, level_a, bar.a_rank)
    where_b = at(bar.b_level, level_b, bar.b_position)
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


def _layout(result: DiffResult) -> Document:
    body = result.body
    if isinstance(body, VersionDiff):
        sections = _version_sections(body)
    elif isinstance(body, CompanyComparison):
        sections = _company_sections(body, result.a, result.b)
    else:
        sections = _level_sections(body)
    return Document(
        _side_label(result.a),
        _side_label(result.b),
        _mode_line(result),
        result.summary(),
        sections,
    )


# --- text ---------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _html(text: str) -> str:
    """Text for HTML, and for the HTML inside Markdown: escaped, on one line."""
    return html.escape(_one_line(text), quote=False)


def _text_rich(rich: Rich) -> str:
    marks = {"del": ("[-", "-]"), "ins": ("{+", "+}")}
    out = []
    for span in rich:
        start, end = marks.get(span.style, ("", ""))
        out.append(f"{start}{_one_line(span.text)}{end}")
    return "".join(out)


def _text_nodes(nodes: Sequence[Node], depth: int) -> list[str]:
    lines = []
    for node in nodes:
        lines.append(f"{'  ' * depth}- {_text_rich(node.text)}")
        lines.extend(_text_nodes(node.children, depth + 1))
    return lines


def _text_table(table: Table) -> list[str]:
    rows = [tuple(table.header)] + [tuple(_text_rich(c) for c in row) for row in table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.header) - 1)]
    return [
        "  "
        + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    ]


def format_text(result: DiffResult) -> str:
    """Plain text: the two inputs, the mode, the summary, then each section."""
    doc = _layout(result)
    lines = [f"--- {doc.a}", f"+++ {doc.b}", doc.reason, doc.summary]
    for section in doc.sections:
        lines.append("")
        lines.append(f"{section.title}" + (f" ({section.detail})" if section.detail else ""))
        if section.table is not None:
            lines.extend(_text_table(section.table))
        lines.extend(_text_nodes(section.nodes, 1))
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --- Markdown -----------------------------------------------------------------------------------


def _md_span(span: Span, *, in_table: bool) -> str:
    # Spans meet mid-line: a space at either end is kept (as one), outside any marks, since
    # emphasis must hug its text.
    before = " " if span.text[:1].isspace() else ""
    after = " " if span.text[-1:].isspace() else ""
    if span.style == "code":
        inner = markdown.code_span(span.text, in_table=in_table)
    else:
        inner = markdown.escape(span.text)
        marks = {"strong": "**", "em": "_", "del": "~~", "ins": "**"}
        if inner and span.style in marks:
            inner = f"{marks[span.style]}{inner}{marks[span.style]}"
    return f"{before}{inner}{after}" if inner else before or after


def _md_rich(rich: Rich, *, in_table: bool = False) -> str:
    out = []
    for i, span in enumerate(rich):
        out.append(_md_span(span, in_table=in_table))
        # ~~old~~ **new**: a replaced run reads as two words, not one.
        if span.style == "del" and i + 1 < len(rich) and rich[i + 1].style == "ins":
            out.append(" ")
    return "".join(out)


def _md_nodes(nodes: Sequence[Node], depth: int) -> list[str]:
    lines = []
    for node in nodes:
        box = "[ ] " if node.check else ""
        lines.append(f"{'  ' * depth}- {box}{_md_rich(node.text)}")
        lines.extend(_md_nodes(node.children, depth + 1))
    return lines


def _md_table(table: Table) -> list[str]:
    header = (markdown.escape(name) for name in table.header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(table.header)]
    lines.extend(
        "| " + " | ".join(_md_rich(cell, in_table=True) for cell in row) + " |"
        for row in table.rows
    )
    return lines


def format_markdown(result: DiffResult) -> str:
    """Markdown for a pull-request comment: the summary first, each section collapsible."""
    doc = _layout(result)
    lines = [
        f"**pmframework diff**: {markdown.escape(doc.summary)}",
        "",
        # Inline HTML around Markdown text: what is inside is escaped for both.
        f"<sub>{markdown.escape(doc.a)} → {markdown.escape(doc.b)}; "
        f"{markdown.escape(doc.reason)}</sub>",
    ]
    for section in doc.sections:
        lines.append("")
        if section.collapsible:
            # Inside an HTML block Markdown is not read: HTML escaping alone is right.
            detail = f" ({_html(section.detail)})" if section.detail else ""
            lines += [
                "<details>",
                f"<summary><b>{_html(section.title)}</b>{detail}</summary>",
                "",
            ]
        else:
            detail = f" ({markdown.escape(section.detail)})" if section.detail else ""
            lines += [f"#### {markdown.escape(section.title)}{detail}", ""]
        if section.table is not None:
            lines.extend(_md_table(section.table))
        lines.extend(_md_nodes(section.nodes, 0))
        if section.collapsible:
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------


_HTML_TAGS = {"code": "code", "strong": "strong", "em": "em", "del": "del", "ins": "ins"}
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}"
    "del{background:#ffebe9;color:#82071e}ins{background:#dafbe1;color:#116329;"
    "text-decoration:none}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;"
    "padding:.25rem .5rem;text-align:left;vertical-align:top}summary{cursor:pointer}"
    "li.check{list-style:none}"
)


def _html_rich(rich: Rich) -> str:
    out = []
    for span in rich:
        text = _html(span.text)
        tag = _HTML_TAGS.get(span.style)
        out.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return "".join(out)


def _html_nodes(nodes: Sequence[Node]) -> str:
    if not nodes:
        return ""
    items = []
    for node in nodes:
        box = '<input type="checkbox" disabled> ' if node.check else ""
        cls = ' class="check"' if node.check else ""
        items.append(f"<li{cls}>{box}{_html_rich(node.text)}{_html_nodes(node.children)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{_html(h)}</th>" for h in table.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_html_rich(cell)}</td>" for cell in row) + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def format_html(result: DiffResult) -> str:
    """A self-contained HTML page; word changes as <del> and <ins>."""
    doc = _layout(result)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>pmframework diff: {_html(doc.summary)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_html(doc.summary)}</h1>",
        f"<p><del>{_html(doc.a)}</del> → <ins>{_html(doc.b)}</ins><br>"
        f"<small>{_html(doc.reason)}</small></p>",
    ]
    for section in doc.sections:
        detail = f" ({_html(section.detail)})" if section.detail else ""
        content = (_html_table(section.table) if section.table else "") + _html_nodes(section.nodes)
        if section.collapsible:
            parts.append(
                f"<details open><summary><b>{_html(section.title)}</b>{detail}</summary>"
                f"{content}</details>"
            )
        else:
            parts.append(f"<h2>{_html(section.title)}{detail}</h2>{content}")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- JSON ---------------------------------------------------------------------------------------


def _field_json(change: FieldChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "field": change.field,
        "status": change.status,
        "old": change.old,
        "new": change.new,
        "words": [{"op": s.op, "text": s.text} for s in change.words],
        **({"words_note": change.words_note} if change.words_note else {}),
    }


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "status": change.status,
        "verb": change.verb,
        "id": change.id,
        "old_id": change.old_id,
        "label": change.label,
        "moved": _field_json(change.moved),
        "inherited_by": list(change.inherited_by),
        "fields": [_field_json(f) for f in change.fields],
    }


def _match_json(match: Match) -> dict[str, Any]:
    data: dict[str, Any] = {
        "a": match.a,
        "b": match.b,
        "a_label": match.a_label,
        "b_label": match.b_label,
    }
    if match.kind == "level":
        data["a_rank"], data["b_rank"] = match.a_rank, match.b_rank
    data["confidence"] = match.confidence
    data["signals"] = [dataclasses.asdict(s) for s in match.signals]
    return data


def _bar_json(bar: BarDifference) -> dict[str, Any]:
    return {**dataclasses.asdict(bar), "lower": bar.lower}


def _level_json(level: Level) -> dict[str, Any]:
    return {"id": level.id, "title": level.title, "rank": level.rank}


def _level_diff_json(body: LevelDiff) -> dict[str, Any]:
    return {
        "a": _level_json(body.a),
        "b": _level_json(body.b),
        "fields": [_field_json(f) for f in body.fields],
        "promotion": [_field_json(f) for f in body.promotion],
        "competencies": [
            {
                "competency": s.competency,
                "label": s.label,
                "counterpart": s.counterpart,
                "new": s.new,
                "proficiency": _field_json(s.proficiency),
                "direction": s.direction,
                "items": [_field_json(i) for i in s.items],
            }
            for s in body.competencies
        ],
    }


def _side_json(side: Side) -> dict[str, Any]:
    f = side.ladder.framework
    return {
        "name": side.name,
        "framework": f.id,
        "title": f.title,
        "organization": f.organization,
        "version": f.version,
        "level": side.level,
    }


def format_json(result: DiffResult) -> str:
    """A JSON object whose shape is documented in the README (``format_version`` 1)."""
    body = result.body
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": f"pmframework {__version__}",
        "mode": result.mode,
        "reason": result.reason,
        "ignore_provenance": not result.provenance,
        "equal": result.equal,
        "summary": result.summary(),
        "a": _side_json(result.a),
        "b": _side_json(result.b),
        "changes": [_change_json(c) for c in body.changes] if isinstance(body, VersionDiff) else [],
        "alignment": {
            "levels": [_match_json(m) for m in body.levels],
            "competencies": [_match_json(m) for m in body.competencies],
        }
        if isinstance(body, CompanyComparison)
        else None,
        "bars": [_bar_json(b) for b in body.bars] if isinstance(body, CompanyComparison) else [],
        "levels": _level_diff_json(body) if isinstance(body, LevelDiff) else None,
    }
    return json_text(document)
