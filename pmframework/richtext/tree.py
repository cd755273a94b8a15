"""The tree a statement's rich text is parsed into: blocks (paragraphs, lists) of inline
nodes (text, code, emphasis, links), and the problems found in its markup."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TextRun:
    """Text shown as it is."""

    text: str


@dataclass(frozen=True)
class CodeSpan:
    """```code```: its text, with nothing in it read as markup."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """``*x*`` or ``_x_`` (``strong`` False), ``**x**`` or ``__x__``; ``marker`` as written."""

    marker: str
    children: tuple[Inline, ...]

    @property
    def strong(self) -> bool:
        return len(self.marker) == 2


@dataclass(frozen=True)
class Link:
    """``[children](url)``; a link whose address is not http(s) or mailto is shown as its text."""

    url: str
    children: tuple[Inline, ...]

    @property
    def safe(self) -> bool:
        return is_safe_url(self.url)


Inline = TextRun | CodeSpan | Emphasis | Link


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    """A list; ``start`` is the first number of a numbered list, None for bullets."""

    marker: str  # "-", "*", "." or ")"
    start: int | None
    items: tuple[tuple[Inline, ...], ...]


Block = Paragraph | ListBlock


@dataclass(frozen=True)
class MarkupProblem:
    """Something in a text that will not show as its writer meant: ``offset`` counts characters
    from the start of the text; ``unsafe`` is a link to an address that is never linked."""

    offset: int
    message: str
    unsafe: bool = False


@dataclass(frozen=True)
class RichText:
    blocks: tuple[Block, ...]
    problems: tuple[MarkupProblem, ...] = ()

    @property
    def inline(self) -> bool:
        """Whether it is one paragraph: it can sit inside a sentence, a cell or a list item."""
        return len(self.blocks) <= 1 and all(isinstance(b, Paragraph) for b in self.blocks)


# --- links -----------------------------------------------------------------------------------

SAFE_SCHEMES = ("http", "https", "mailto")
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is an http(s) or mailto address, the only ones a statement links to."""
    return _SAFE_URL.fullmatch(url) is not None
