"""Text as literal Markdown: the one escaper of every Markdown pmframework writes.

Ladder texts, organization names and ``x-`` keys are data; in Markdown (CommonMark with
GitHub's tables, as GitHub and most wikis read it) they must show as typed and never become
HTML, emphasis, a link or a heading, nor break a table. Both ``pmframework render --format
markdown`` and ``pmframework diff --format markdown`` go through the two functions here:

* ``escape`` for running text, a heading or a table cell;
* ``code_span`` for text shown as code (``x-`` keys, field names);
* ``rich`` for a statement's text: its rich-text markup (pmframework.richtext) kept as
  written, everything else escaped as ``escape`` does.

They put the text on one line (a table row or list item cannot span lines), as a reader
would see it: runs of white space become one space; only ``rich`` in a paragraph of its own
writes a statement's paragraphs and lists on lines of their own.
"""

from __future__ import annotations

import re

from pmframework import richtext
from pmframework.text import one_line as text_one_line

# Markdown punctuation that can start emphasis, code, links, tables, strike-through or math.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
# A leading "1." or "1)" would start an ordered list.
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")
_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Runs of white space, line breaks included, as one space; NUL as U+FFFD, as a
    CommonMark reader would show it anyway."""
    return text_one_line(text.replace("\0", "\ufffd"))


def escape(text: str) -> str:
    """``text`` as literal Markdown: no HTML, no emphasis, links, tables or headings.

    HTML-significant characters become entities; Markdown punctuation gets a backslash; a
    leading ``#``, ``-``, ``+``, ``=`` or ``1.`` is escaped so it cannot start a block.
    """
    return _no_block(_escape_inline(one_line(text)))


def _escape_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def _no_block(line: str) -> str:
    """``line`` with a backslash before what would start a heading or list at its start."""
    if line[:1] in ("#", "=", "+", "-"):
        line = "\\" + line
    return _LIST_NUMBER.sub(r"\1\\\2", line)


def code_span(text: str, *, in_table: bool = False) -> str:
    """``text`` as inline code, whatever backticks it holds.

    The fence is one backtick longer than the longest run inside, so no run can close it;
    a space pads text that starts or ends with a backtick (CommonMark strips one such space
    on each side). In a table a ``|`` ends the cell even inside code, so ``in_table``
    escapes it (GitHub's tables take ``\\|`` as a literal pipe there).
    """
    text = one_line(text)
    return _fenced(text, in_table=in_table) if text else ""


def _fenced(text: str, *, in_table: bool) -> str:
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space at each end when both ends have one: a pad keeps them.
    spaced = text.startswith(" ") and text.endswith(" ") and text.strip()
    pad = " " if text.startswith("`") or text.endswith("`") or spaced else ""
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def rich(text: str, *, table: bool = False, block: bool = False) -> str:
    """A statement's text as Markdown: emphasis, links, code and lists as written, everything
    else as literal text.

    The text is printed again from its tree (``richtext.parse``), so that a Markdown reader
    sees exactly the markup the HTML shows: a ``**`` never closed or raw HTML is escaped, a
    link to an address that is not http(s) or mailto is only its text. On one line, a list's
    items and paragraphs are apart by ``<br>``; with ``block`` (a paragraph of its own) they
    are Markdown lists and paragraphs. ``table`` keeps a ``|`` in code or a link from ending
    a table cell.
    """
    if richtext.is_plain(text):
        return escape(text)
    parsed = richtext.parse(text)
    out = ""
    previous: richtext.Block | None = None
    for node in parsed.blocks:
        if previous is not None:
            paragraphs = isinstance(previous, richtext.Paragraph) and isinstance(
                node, richtext.Paragraph
            )
            out += "\n\n" if block else "<br><br>" if paragraphs else "<br>"
        out += ("\n" if block else "<br>").join(_lines(node, table=table, block=block))
        previous = node
    if block and isinstance(previous, richtext.ListBlock):
        # An empty comment ends the list: a list the template writes next would join it.
        out += "\n\n<!-- -->"
    return out


def _lines(node: richtext.Block, *, table: bool, block: bool) -> list[str]:
    if isinstance(node, richtext.Paragraph):
        return [_no_block(_inline(node.children, table).strip())]
    lines = []
    for number, item in enumerate(node.items, start=node.start or 0):
        content = _no_block(_inline(item, table).strip())
        lines.append(f"{_list_mark(node, number, block=block)} {content}")
    return lines


def _list_mark(node: richtext.ListBlock, number: int, *, block: bool) -> str:
    """``-`` or ``3.`` as written in a list of its own; on one line, where no list can start,
    a bullet ``•`` or an escaped ``3\\.``."""
    if node.start is None:
        return node.marker if block else "•"
    return f"{number}{node.marker}" if block else f"{number}\\{node.marker}"


def _inline(nodes: tuple[richtext.Inline, ...], table: bool) -> str:
    return "".join(_node(node, table) for node in nodes)


def _node(node: richtext.Inline, table: bool) -> str:
    if isinstance(node, richtext.TextRun):
        return _escape_inline(_SPACE.sub(" ", node.text.replace("\0", "\ufffd")))
    if isinstance(node, richtext.CodeSpan):
        # As written, spaces and all: what a reader of the HTML's code element sees.
        return _fenced(node.text.replace("\0", "\ufffd"), in_table=table)
    inner = _inline(node.children, table)
    if isinstance(node, richtext.Emphasis):
        return f"{node.marker}{inner}{node.marker}"
    if not node.safe:
        return inner
    # CommonMark reads backslash escapes and entities in an address: these keep it as it is.
    url = node.url.replace("\\", "\\\\").replace("&", "&amp;")
    return f"[{inner}]({url.replace('|', '%7C') if table else url})"
