"""The parser of the rich-text subset: lines into paragraphs and lists, then each one's inline
markup, with CommonMark's rules for where emphasis may open and close."""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pmframework.richtext.tree import (
    Block,
    CodeSpan,
    Emphasis,
    Inline,
    Link,
    ListBlock,
    MarkupProblem,
    Paragraph,
    RichText,
    TextRun,
    is_safe_url,
)

# A first line that may be a list item; a blank line, or a line that may start a list item.
# With them and the characters that start inline markup, is_plain tells plain text (most
# statements) without parsing it.
_FIRST_ITEM = re.compile(r"\s*(?:-|\d{1,9}[.)])[ \t]+\S")
_BLOCK_MARKUP = re.compile(r"\n[ \t]*(?:(?:-|\d{1,9}[.)])[ \t]+\S|\n[ \t]*\S)")
_PUNCTUATION = frozenset(string.punctuation)
_BULLET = re.compile(r"[ \t]{0,3}([-*])[ \t]+(?=\S)")
_NUMBER = re.compile(r"[ \t]{0,3}(\d{1,9})([.)])[ \t]+(?=\S)")
_CACHE_SIZE = 4096


def parse(text: str) -> RichText:
    """``text`` as blocks of inline nodes, and the problems found in its markup."""
    return _parse(text)


def problems(text: str) -> tuple[MarkupProblem, ...]:
    """What in ``text``'s markup will not show as meant; none, without parsing, in plain text
    (validate asks this of every statement)."""
    return () if is_plain(text) else _parse(text).problems


@lru_cache(maxsize=_CACHE_SIZE)  # the same statement is printed in several places
def _parse(text: str) -> RichText:
    if is_plain(text):
        stripped = text.strip()
        return RichText((Paragraph((TextRun(stripped),)),) if stripped else ())
    problems: list[MarkupProblem] = []
    blocks = tuple(_block(kind, lines, problems) for kind, lines in _block_lines(text))
    problems.sort(key=lambda p: p.offset)
    return RichText(blocks, tuple(problems))


def is_plain(text: str) -> bool:
    """Whether ``text`` holds no markup at all: one paragraph of text, whose printers need
    not parse it (most statements)."""
    if "*" in text or "_" in text or "`" in text or "[" in text or "\\" in text:
        return False
    if _FIRST_ITEM.match(text):
        return False
    return "\n" not in text or not _BLOCK_MARKUP.search(text)


@dataclass
class _Lines:
    """The lines of one paragraph or list item, each with its offset in the whole text."""

    lines: list[tuple[str, int]]

    def source(self) -> _Source:
        text = "\n".join(line for line, _ in self.lines)
        starts, offsets, at = [], [], 0
        for line, offset in self.lines:
            starts.append(at)
            offsets.append(offset)
            at += len(line) + 1
        return _Source(text, starts, offsets)


@dataclass(frozen=True)
class _Source:
    """Inline text, and the way back from its indexes to offsets in the statement."""

    text: str
    starts: list[int]
    offsets: list[int]

    def offset(self, index: int) -> int:
        line = bisect_right(self.starts, index) - 1
        return self.offsets[line] + index - self.starts[line]


def _block_lines(text: str) -> Iterable[tuple[tuple[str, str | None, int | None], list[_Lines]]]:
    """Paragraphs and lists, as ((kind, marker, start), lines of each item)."""
    kind: tuple[str, str | None, int | None] | None = None
    items: list[_Lines] = []
    offset = 0
    for line in text.split("\n"):
        here, offset = offset, offset + len(line) + 1
        if not line.strip():
            if kind is not None:
                yield kind, items
            kind, items = None, []
            continue
        item = _list_item(line, within_paragraph=kind is not None and kind[0] == "paragraph")
        if item is not None:
            marker, start, skip = item
            if kind is None or kind[0] != "list" or kind[1] != marker:
                if kind is not None:
                    yield kind, items
                kind, items = ("list", marker, start), []
            items.append(_Lines([_trimmed(line[skip:], here + skip)]))
        elif kind is None:
            kind, items = ("paragraph", None, None), [_Lines([_trimmed(line, here)])]
        else:  # a paragraph goes on; a list item goes on too (CommonMark's lazy continuation)
            items[-1].lines.append(_trimmed(line, here))
    if kind is not None:
        yield kind, items


def _trimmed(line: str, offset: int) -> tuple[str, int]:
    """A line without the white space around it (indentation is no part of a paragraph's
    text), and the offset of what is left."""
    text = line.lstrip()
    return text.rstrip(), offset + len(line) - len(text)


def _list_item(line: str, *, within_paragraph: bool) -> tuple[str, int | None, int] | None:
    """(marker, first number or None, where the item's text starts) of a list item line."""
    bullet = _BULLET.match(line)
    if bullet:
        return bullet.group(1), None, bullet.end()
    number = _NUMBER.match(line)
    if number and not (within_paragraph and number.group(1) != "1"):
        return number.group(2), int(number.group(1)), number.end()
    return None


def _block(
    kind: tuple[str, str | None, int | None], items: list[_Lines], problems: list[MarkupProblem]
) -> Block:
    inlines = tuple(_Inlines(lines.source(), problems).parse() for lines in items)
    if kind[0] == "paragraph":
        return Paragraph(inlines[0])
    return ListBlock(kind[1] or "-", kind[2], inlines)


@dataclass
class _Delimiter:
    """A run of ``*`` or ``_`` that may open or close emphasis, until it is matched."""

    run: str
    offset: int
    can_open: bool
    can_close: bool


_Piece = Inline | _Delimiter
_Unclosed = Callable[[_Delimiter], None]  # told of each delimiter run left open


class _Inlines:
    """The inline parser: code spans first, then links, then emphasis, as CommonMark orders
    them; one pass over the text with a stack of open brackets."""

    def __init__(self, source: _Source, problems: list[MarkupProblem]) -> None:
        self.source = source
        self.text = source.text
        self.problems = problems
        self.pieces: list[_Piece] = []
        self.brackets: list[int] = []  # indexes in pieces of each "[" not yet closed

    def parse(self) -> tuple[Inline, ...]:
        text, i = self.text, 0
        plain = re.compile(r"[^*_`\[\]\\]+")
        while i < len(text):
            run = plain.match(text, i)
            if run:
                self.pieces.append(TextRun(run.group()))
                i = run.end()
                continue
            char = text[i]
            if char == "\\":
                i = self._escape(i)
            elif char == "`":
                i = self._code(i)
            elif char in "*_":
                i = self._delimiter(i)
            elif char == "[":
                self.brackets.append(len(self.pieces))
                self.pieces.append(TextRun("["))
                i += 1
            else:
                i = self._close_bracket(i)
        return _emphasis(self.pieces, self._unclosed)

    def _unclosed(self, delimiter: _Delimiter) -> None:
        # Only a run that can only open was meant to: "2*3" or "a * b" is no unclosed emphasis.
        if delimiter.can_open and not delimiter.can_close:
            where = self.source.offset(delimiter.offset)
            self.problems.append(MarkupProblem(where, f"{delimiter.run!r} is never closed"))

    def _escape(self, i: int) -> int:
        following = self.text[i + 1 : i + 2]
        if following and following in _PUNCTUATION:
            self.pieces.append(TextRun(following))
            return i + 2
        self.pieces.append(TextRun("\\"))
        return i + 1

    def _code(self, i: int) -> int:
        fence = re.match(r"`+", self.text[i:])
        assert fence is not None  # the text at i starts with a backtick
        size = len(fence.group())
        for closing in re.finditer(r"`+", self.text[i + size :]):
            if len(closing.group()) == size:
                end = i + size + closing.start()
                content = self.text[i + size : end].replace("\n", " ")
                if content.startswith(" ") and content.endswith(" ") and content.strip():
                    content = content[1:-1]
                self.pieces.append(CodeSpan(content))
                return end + size
        where = self.source.offset(i)
        self.problems.append(MarkupProblem(where, f"code span {fence.group()!r} is never closed"))
        self.pieces.append(TextRun(fence.group()))
        return i + size

    def _delimiter(self, i: int) -> int:
        char = self.text[i]
        end = i
        while end < len(self.text) and self.text[end] == char:
            end += 1
        run = self.text[i:end]
        before = self.text[i - 1] if i else " "
        after = self.text[end] if end < len(self.text) else " "
        left = not after.isspace() and (
            after not in _PUNCTUATION or before.isspace() or before in _PUNCTUATION
        )
        right = not before.isspace() and (
            before not in _PUNCTUATION or after.isspace() or after in _PUNCTUATION
        )
        if char == "_":
            can_open = left and (not right or before in _PUNCTUATION)
            can_close = right and (not left or after in _PUNCTUATION)
        else:
            can_open, can_close = left, right
        if len(run) > 2:  # "***" is not in the subset: shown as typed
            self.pieces.append(TextRun(run))
        else:
            self.pieces.append(_Delimiter(run, i, can_open, can_close))
        return end

    def _close_bracket(self, i: int) -> int:
        if not self.brackets:
            self.pieces.append(TextRun("]"))
            return i + 1
        opener = self.brackets.pop()
        if self.text[i + 1 : i + 2] != "(":
            self.pieces.append(TextRun("]"))
            return i + 1
        end = _url_end(self.text, i + 2)
        if end is None:
            where = self.source.offset(i + 1)
            self.problems.append(MarkupProblem(where, "link address is never closed with ')'"))
            self.pieces.append(TextRun("]"))
            return i + 1
        url = self.text[i + 2 : end]
        children = _emphasis(self.pieces[opener + 1 :], self._unclosed)
        del self.pieces[opener:]
        self.pieces.append(Link(url, children))
        self.brackets.clear()  # a link holds no link: the brackets around it are text
        if not is_safe_url(url):
            where = self.source.offset(i + 2)
            shown = url if len(url) <= 40 else url[:39] + "…"
            self.problems.append(
                MarkupProblem(
                    where,
                    f"link to {shown!r}: only http, https and mailto addresses are linked",
                    unsafe=True,
                )
            )
        return end + 1


def _url_end(text: str, start: int) -> int | None:
    """Where the ``)`` closing a link address that starts at ``start`` is; None if none does.

    An address holds no white space; parentheses inside it must balance (Wikipedia's do).
    """
    depth = 0
    for i in range(start, len(text)):
        char = text[i]
        if char.isspace():
            return None
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i if i > start else None
            depth -= 1
    return None


def _emphasis(pieces: Sequence[_Piece], unclosed: _Unclosed) -> tuple[Inline, ...]:
    """Delimiter runs matched into emphasis: a closer takes the nearest opener of the same run
    (``*`` with ``*``, ``**`` with ``**``); what is left unmatched is text."""
    stack: list[_Piece] = []
    for piece in pieces:
        if not isinstance(piece, _Delimiter):
            stack.append(piece)
            continue
        opener = _opener(stack, piece.run) if piece.can_close else None
        if opener is not None:
            inner = _texts(stack[opener + 1 :], unclosed)
            del stack[opener:]
            stack.append(Emphasis(piece.run, inner))
        elif piece.can_open:
            stack.append(piece)
        else:
            stack.append(TextRun(piece.run))
    return _texts(stack, unclosed)


def _opener(stack: list[_Piece], run: str) -> int | None:
    for index in range(len(stack) - 1, -1, -1):
        piece = stack[index]
        if isinstance(piece, _Delimiter) and piece.run == run and piece.can_open:
            return index
    return None


def _texts(pieces: Sequence[_Piece], unclosed: _Unclosed) -> tuple[Inline, ...]:
    """``pieces`` as inline nodes: delimiters left open become text, adjacent texts join."""
    out: list[Inline] = []
    for piece in pieces:
        if isinstance(piece, _Delimiter):
            unclosed(piece)
            piece = TextRun(piece.run)
        if isinstance(piece, TextRun) and out and isinstance(out[-1], TextRun):
            out[-1] = TextRun(out[-1].text + piece.text)
        else:
            out.append(piece)
    return tuple(out)
