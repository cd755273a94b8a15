"""Rich text in statements: the small Markdown subset a ladder's prose may use.

Every statement text (a criterion, an example, a description, a summary, ...) may hold:

* ``*emphasis*`` or ``_emphasis_``, ``**strong**`` or ``__strong__``;
* ``[a link](https://example.com)``: http, https and mailto addresses only;
* ```inline code```: shown as written, nothing inside it is markup;
* lists, one item a line: ``- item`` or ``* item`` for bullets, ``1. item`` for numbers
  (a numbered list that interrupts a sentence must start at 1, as in CommonMark);
* paragraphs, separated by a blank line; a single line break is a space;
* a backslash before punctuation (``\\*``) for the character itself.

Anything else is text: raw HTML, headings, images, tables and nested lists are not markup
here, so every output shows them as typed. The rules follow CommonMark where the subset has
the construct, so a Markdown reader (GitHub, a wiki) shows a rendered ladder's Markdown as
the HTML shows it.

``parse`` (``parser.py``) turns a text into a tiny tree (``tree.py``: blocks of inline nodes)
and the problems a writer would want to hear about (a ``**`` never closed, a link to
``javascript:``), each at its offset in the text; ``to_html`` and ``plain`` (``output.py``)
print the tree. The Markdown printer is in ``pmframework.markdown``, beside the escaper it
relies on.
"""

from __future__ import annotations

from pmframework.richtext.output import plain, to_html
from pmframework.richtext.parser import is_plain, parse, problems
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

__all__ = [
    "Block",
    "CodeSpan",
    "Emphasis",
    "Inline",
    "Link",
    "ListBlock",
    "MarkupProblem",
    "Paragraph",
    "RichText",
    "TextRun",
    "is_plain",
    "is_safe_url",
    "parse",
    "plain",
    "problems",
    "to_html",
]
