"""Rich text printed as HTML (rendered documents) and as plain text (diffs)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from pmframework.richtext.parser import is_plain, parse
from pmframework.richtext.tree import Block, CodeSpan, Emphasis, Inline, Paragraph, TextRun

_SPACE = re.compile(r"\s+")


def to_html(text: str) -> str:
    """``text`` as HTML: the subset's markup as ``em``, ``strong``, ``code``, ``a``, ``p``,
    ``ul``, ``ol`` and ``li`` elements, everything else escaped. One paragraph is inline HTML
    (no ``p``), so that it fits where a sentence does."""
    if is_plain(text):
        return escape(" ".join(text.split()), quote=False)
    rich = parse(text)
    if rich.inline:
        return "".join(_html(node) for b in rich.blocks for node in _children(b))
    parts = []
    for block in rich.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{_inline_html(block.children)}</p>")
        else:
            tag = "ul" if block.start is None else "ol"
            start = f' start="{block.start}"' if block.start not in (None, 1) else ""
            items = "".join(f"<li>{_inline_html(item)}</li>" for item in block.items)
            parts.append(f"<{tag}{start}>{items}</{tag}>")
    return "".join(parts)


def _children(block: Block) -> tuple[Inline, ...]:
    return block.children if isinstance(block, Paragraph) else ()


def _inline_html(nodes: Iterable[Inline]) -> str:
    return "".join(_html(node) for node in nodes)


def _html(node: Inline) -> str:
    if isinstance(node, TextRun):
        return escape(_SPACE.sub(" ", node.text), quote=False)
    if isinstance(node, CodeSpan):
        return f"<code>{escape(node.text, quote=False)}</code>"
    inner = _inline_html(node.children)
    if isinstance(node, Emphasis):
        tag = "strong" if node.strong else "em"
        return f"<{tag}>{inner}</{tag}>"
    if not node.safe:
        return inner
    return f'<a class="rich-link" href="{escape(node.url)}" rel="noreferrer">{inner}</a>'


def plain(text: str) -> str:
    """``text`` as a person reads it without markup: emphasis and code marks removed, a link as
    its text and its address in parentheses, list items one a line (``- item``, ``1. item``),
    paragraphs apart by a blank line, runs of white space within a line as one space. What
    diffs compare and show, so that a change of emphasis alone is no change of words."""
    if is_plain(text):
        return " ".join(text.split())
    rich = parse(text)
    parts = []
    for block in rich.blocks:
        if isinstance(block, Paragraph):
            parts.append(_plain_inline(block.children))
        else:
            lines = []
            for number, item in enumerate(block.items, start=block.start or 0):
                mark = "-" if block.start is None else f"{number}{block.marker}"
                lines.append(f"{mark} {_plain_inline(item)}")
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _plain_inline(nodes: Iterable[Inline]) -> str:
    return _SPACE.sub(" ", "".join(_plain(node) for node in nodes)).strip()


def _plain(node: Inline) -> str:
    if isinstance(node, TextRun | CodeSpan):
        return node.text
    inner = "".join(_plain(child) for child in node.children)
    if isinstance(node, Emphasis):
        return inner
    address = node.url.removeprefix("mailto:") if node.url[:7].lower() == "mailto:" else node.url
    return inner if _SPACE.sub(" ", inner).strip() == address else f"{inner} ({address})"
