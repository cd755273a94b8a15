"""Every level expects something of every competency that applies to its track.

After inheritance, a level with no expectation for a competency leaves the people at that level
without a bar. Scope a competency to some tracks with its ``tracks`` key where it does not
apply to all of them; use ``inherits`` to carry expectations up. A competency whose ``status``
is ``planned`` or ``retired`` is not expected yet, or any more.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmframework.findings import Severity, Violation
from pmframework.model import Ladder

ID = "PMF201"
NAME = "missing-expectation"
SEVERITY = Severity.WARNING

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A level with no expectation for a competency gives the people at it, and their "
    "managers, no bar to assess against; usually it is an oversight."
)
FAILS = """\
competencies: [{id: strategy}, {id: delivery}]
levels:
  - id: pm
    expectations: {strategy: {criteria: [Connects the roadmap to goals.]}}
"""
PASSES = """\
competencies: [{id: strategy}, {id: delivery}]
levels:
  - id: pm
    expectations:
      strategy: {criteria: [Connects the roadmap to goals.]}
      delivery: {criteria: [Ships small steps.]}
"""


def check(ladder: Ladder) -> Iterator[Violation]:
    for level in ladder.levels:
        resolved = ladder.inheritance.reach(level)
        missing = [
            c.id
            for c in ladder.competencies
            if c.applies_to(level.track) and c.status == "active" and c.id not in resolved
        ]
        if missing:
            names = ", ".join(repr(m) for m in missing)
            plural = "competency" if len(missing) == 1 else f"{len(missing)} competencies"
            yield Violation(
                (*level.path, "id"),
                f"level {level.id!r} expects nothing of {plural}, even after inheritance: {names}",
            )
