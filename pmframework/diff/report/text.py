"""The diff as plain text: word changes as ``[-old-]{+new+}``."""

from __future__ import annotations

from collections.abc import Sequence

from pmframework.diff.compare import DiffResult
from pmframework.diff.report.layout import DiffTable, Node, Rich, layout, one_line


def _text_rich(rich: Rich) -> str:
    marks = {"del": ("[-", "-]"), "ins": ("{+", "+}")}
    out = []
    for span in rich:
        start, end = marks.get(span.style, ("", ""))
        out.append(f"{start}{one_line(span.text)}{end}")
    return "".join(out)


def _text_nodes(nodes: Sequence[Node], depth: int) -> list[str]:
    lines = []
    for node in nodes:
        lines.append(f"{'  ' * depth}- {_text_rich(node.text)}")
        lines.extend(_text_nodes(node.children, depth + 1))
    return lines


def _text_table(table: DiffTable) -> list[str]:
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
    doc = layout(result)
    lines = [f"--- {doc.a}", f"+++ {doc.b}", doc.reason, doc.summary]
    for section in doc.sections:
        lines.append("")
        lines.append(f"{section.title}" + (f" ({section.detail})" if section.detail else ""))
        if section.table is not None:
            lines.extend(_text_table(section.table))
        lines.extend(_text_nodes(section.nodes, 1))
    return "\n".join(line.rstrip() for line in lines) + "\n"
