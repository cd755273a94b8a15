"""Links in statements go to web or mail addresses.

A statement may link with the Markdown ``[text](address)``; only ``http:``, ``https:`` and
``mailto:`` addresses become links. Any other (``javascript:``, ``data:``, ``file:``, a path
relative to wherever the document ends up) is shown as plain text in every rendered format,
so the link its writer meant is lost; some could run code in a reader's browser. The finding
points at the address.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder
from pmframework.richtext import problems

ID = "PMF109"
NAME = "unsafe-link"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A published ladder is read in browsers and PDF viewers; a link that runs a script or "
    "opens a local file must never reach them, and a relative one breaks once the page moves."
)
FAILS = """\
criteria:
  - Writes a [one-pager](javascript:alert(1)) for every bet.
"""
PASSES = """\
criteria:
  - Writes a [one-pager](https://handbook.example.com/one-pager) for every bet.
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for statement in ladder.statements():
        # A link is written [text](address): a text without "](" has none, and most have none.
        if "](" not in statement.text:
            continue
        for problem in problems(statement.text):
            if problem.unsafe:
                yield Violation(statement.path, problem.message, offset=problem.offset)
