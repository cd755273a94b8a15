"""Markup in statements is closed.

Statements may use a small Markdown subset (emphasis, strong, links, inline code, lists; see
"Rich text in statements" in the README). A ``**`` or backtick that is never closed, or a
link whose address has no closing ``)``, is shown as typed, stray marks and all. The finding
points at the mark; write it closed, or put a backslash before it (``\\*``) to mean the
character itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder
from pmframework.richtext import problems

ID = "PMF204"
NAME = "malformed-markup"
SEVERITY = Severity.WARNING

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = "Stray asterisks and backticks in a published ladder read as typos, or hide a meant stress."
FAILS = """\
criteria:
  - Ships **small, safe steps every week.
"""
PASSES = """\
criteria:
  - Ships **small, safe steps** every week.
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for statement in ladder.statements():
        for problem in problems(statement.text):
            if not problem.unsafe:
                yield Violation(statement.path, problem.message, offset=problem.offset)
