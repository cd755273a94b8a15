"""The filters templates print values with: Markdown's escaping (every ``{{ value }}`` in a
Markdown template is escaped, see ``markdown_finalize``), and rich text (``|rich``), which in
each medium shows a statement's markup (see pmframework.richtext) and escapes the rest."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from pmframework import markdown, richtext
from pmframework.render.naming import safe_link
from pmframework.text import one_line

_MD_ID = re.compile(r"[A-Za-z0-9._-]+")


def _markdown_title(text: str) -> Any:
    """A Markdown link title, quotes included: ``"…"`` with its own escaping."""
    from markupsafe import Markup

    text = one_line(text)
    for plain, escaped in (
        ("\\", "\\\\"),
        ('"', '\\"'),
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),  # a pipe would end a table cell, even inside a link title
    ):
        text = text.replace(plain, escaped)
    return Markup(f'"{text}"')


def _markdown_id(value: str) -> Any:
    """An anchor for Markdown's HTML and link targets; anchors are made of id characters only."""
    from markupsafe import Markup

    if not _MD_ID.fullmatch(value):
        raise ValueError(f"not an anchor: {value!r}")
    return Markup(value)


def _markdown_url(value: str) -> Any:
    """An http(s) URL for a Markdown autolink ``<…>``; ``SourceView.link`` is already encoded."""
    from markupsafe import Markup

    if safe_link(value) != value or re.search(r"[\s<>]", value):
        raise ValueError(f"not a safe link: {value!r}")
    return Markup(value)


def markdown_finalize(value: Any) -> Any:
    """Autoescaping for Markdown: every ``{{ value }}`` not already markup is escaped."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return Markup(markdown.escape(str(value)))


def _markdown_join(values: Any, separator: str = "") -> Any:
    """``join`` for Markdown templates: each item escaped for Markdown, as ``{{ }}`` would."""
    from markupsafe import Markup

    return Markup(separator).join(markdown_finalize(value) for value in values)


def _html_rich(text: str) -> Any:
    """A statement's text as HTML: its markup as elements, everything else escaped."""
    from markupsafe import Markup

    return Markup(richtext.to_html(text))


def _markdown_rich(text: str, *, table: bool = False, block: bool = False) -> Any:
    """A statement's text as Markdown: its markup as written, everything else escaped; on one
    line unless ``block`` (a paragraph of its own); ``table`` for a table cell."""
    from markupsafe import Markup

    return Markup(markdown.rich(text, table=table, block=block))


def _plain(text: str) -> str:
    """A statement's text without markup, on one line: for attributes such as a description."""
    return one_line(richtext.plain(text))


def _pips_image(position: int, of: int, colour: str) -> str:
    """An SVG data URL of ``of`` pips, the first ``position`` filled, drawn as the screen's
    pips are (a ring in the accent colour, filled when reached)."""
    circles = "".join(
        f"<circle cx='{12 * i + 5}' cy='5' r='4.25' stroke='{colour}' stroke-width='1.5' "
        f"fill='{colour if i < position else 'none'}'/>"
        for i in range(of)
    )
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {12 * of} 10'>{circles}</svg>"
    return "data:image/svg+xml," + quote(svg, safe="/:=' ")


_ACCENT = "#1d5c96"  # style.css's --accent
# an image cannot read a custom property: the accent a company's stylesheet sets, if a colour
_CUSTOM_ACCENT = re.compile(
    r"--accent\s*:\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+|rgba?\([0-9.,%\s]+\))\s*[;}]"
)


def _pips_css(scales: Any, custom_css: str | None = None) -> Any:
    """For paged media, one rule per (step, scale length) pair that the ladder's scales have:
    a step's pips drawn as a background image of its own element (``.pips-3-of-5``) instead of
    an element per pip. A step then costs WeasyPrint one box rather than seven (on a large
    ladder pips were a third of all elements), and the image, the same for every step of that
    position, is decoded once and drawn as an artifact, so a tagged PDF reads the step's name
    only. The pips take the accent colour of ``custom_css`` (``--css``) when it sets one."""
    from markupsafe import Markup

    accents = _CUSTOM_ACCENT.findall(custom_css or "")
    colour = accents[-1] if accents else _ACCENT
    lengths = sorted({len(scale.steps) for scale in scales if scale.steps})
    rules = [
        f".pips-{position}-of-{of} {{ padding-left: {0.6 * of + 0.35:.2f}rem;"
        f' background: url("{_pips_image(position, of, colour)}") no-repeat 0 55% / auto 0.5rem; }}'
        for of in lengths
        for position in range(1, of + 1)
    ]
    return Markup("\n".join(rules))


HTML_FILTERS: dict[str, Callable[..., Any]] = {
    "rich": _html_rich,
    "plain": _plain,
    "pips_css": _pips_css,
}
MARKDOWN_FILTERS: dict[str, Callable[..., Any]] = {
    "md_title": _markdown_title,
    "md_id": _markdown_id,
    "md_url": _markdown_url,
    "join": _markdown_join,
    "rich": _markdown_rich,
    "plain": _plain,
}
