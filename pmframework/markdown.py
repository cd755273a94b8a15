"""Text as literal Markdown: the one escaper of every Markdown pmframework writes.

Ladder texts, organization names and ``x-`` keys are data; in Markdown (CommonMark with
GitHub's tables, as GitHub and most wikis read it) they must show as typed and never become
HTML, emphasis, a link or a heading, nor break a table. Both ``pmframework render --format
markdown`` and ``pmframework diff --format markdown`` go through the two functions here:

* ``escape`` for running text, a heading or a table cell;
* ``code_span`` for text shown as code (``x-`` keys, field names).

Both put the text on one line (a table row or list item cannot span lines), as a reader
would see it: runs of white space become one space.
"""

from __future__ import annotations

import re

from pmframework.text import one_line as text_one_line

# Markdown punctuation that can start emphasis, code, links, tables, strike-through or math.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
# A leading "1." or "1)" would start an ordered list.
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")


def one_line(text: str) -> str:
    """Runs of white space, line breaks included, as one space; NUL as U+FFFD, as a
    CommonMark reader would show it anyway."""
    return text_one_line(text.replace("\0", "\ufffd"))


def escape(text: str) -> str:
    """``text`` as literal Markdown: no HTML, no emphasis, links, tables or headings.

    HTML-significant characters become entities; Markdown punctuation gets a backslash; a
    leading ``#``, ``-``, ``+``, ``=`` or ``1.`` is escaped so it cannot start a block.
    """
    text = one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    if text[:1] in ("#", "=", "+", "-"):
        text = "\\" + text
    return _LIST_NUMBER.sub(r"\1\\\2", text)


def code_span(text: str, *, in_table: bool = False) -> str:
    """``text`` as inline code, whatever backticks it holds.

    The fence is one backtick longer than the longest run inside, so no run can close it;
    a space pads text that starts or ends with a backtick (CommonMark strips one such space
    on each side). In a table a ``|`` ends the cell even inside code, so ``in_table``
    escapes it (GitHub's tables take ``\\|`` as a literal pipe there).
    """
    text = one_line(text)
    if not text:
        return ""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"
