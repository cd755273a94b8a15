"""The semantic rules: what the JSON Schema cannot say about a ladder.

Each rule is a module with ``ID``, ``NAME``, ``SEVERITY``, a docstring (its user documentation,
from which the README's rule table is generated), ``WHY`` it matters, an example that ``FAILS``
and one that ``PASSES`` (shown by ``pmframework rules ID``) and ``check(ladder)``, a generator of
Violations. The engine in pmframework.validate stamps rule id, severity, file and position.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Protocol

from pmframework.check.rules import (
    copied_text,
    dimension_order,
    duplicate_ids,
    duplicate_titles,
    equivalence_order,
    equivalences,
    inheritance_cycles,
    malformed_markup,
    missing_expectations,
    placeholder_text,
    points,
    proficiency_order,
    quotes,
    rank_order,
    references,
    shared_coverage,
    unsafe_links,
)
from pmframework.findings import Severity, Violation
from pmframework.model.ladder import Ladder


class Rule(Protocol):
    ID: str
    NAME: str
    SEVERITY: Severity
    WHY: str
    FAILS: str
    PASSES: str
    __doc__: str | None

    def check(self, ladder: Ladder) -> Iterator[Violation]: ...


_MODULES: tuple[ModuleType, ...] = (
    duplicate_ids,
    references,
    rank_order,
    inheritance_cycles,
    equivalences,
    proficiency_order,
    duplicate_titles,
    quotes,
    missing_expectations,
    placeholder_text,
    copied_text,
    unsafe_links,
    malformed_markup,
    points,
    shared_coverage,
    dimension_order,
    equivalence_order,
)

# Rule id → rule, in id order.
RULES: dict[str, Rule] = {m.ID: m for m in sorted(_MODULES, key=lambda m: m.ID)}
