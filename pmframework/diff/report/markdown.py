"""The diff as Markdown for a pull-request comment: word changes as ``~~old~~ **new**``."""

from __future__ import annotations

from collections.abc import Sequence

from pmframework import markdown
from pmframework.diff.compare import DiffResult
from pmframework.diff.report.layout import DiffTable, Node, Rich, Span, html_text, layout


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


def _md_table(table: DiffTable) -> list[str]:
    header = (markdown.escape(name) for name in table.header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(table.header)]
    lines.extend(
        "| " + " | ".join(_md_rich(cell, in_table=True) for cell in row) + " |"
        for row in table.rows
    )
    return lines


def format_markdown(result: DiffResult) -> str:
    """Markdown for a pull-request comment: the summary first, each section collapsible."""
    doc = layout(result)
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
            detail = f" ({html_text(section.detail)})" if section.detail else ""
            lines += [
                "<details>",
                f"<summary><b>{html_text(section.title)}</b>{detail}</summary>",
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
