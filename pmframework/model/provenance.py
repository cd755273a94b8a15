"""What a ladder says without where it came from: the one place that decides what provenance is."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from pmframework.model.ladder import Ladder, Statement

# Fields that are provenance through and through; without provenance they take their empty
# default. Within a statement, everything but its text, points, examples and signals is
# provenance.
_PROVENANCE_FIELDS = frozenset({"sources", "extensions", "provenance"})


def without_provenance(ladder: Ladder) -> Ladder:
    """What the ladder says without where it came from: the one place that decides what
    provenance is.

    Provenance is the ``sources`` list, each statement's ``source``, ``quote``, ``sources``
    and ``editorial`` mark, the ``provenance`` of structural choices, and every ``x-``
    extension key (``extensions``, on every object that has them). Everything else is kept,
    ``path`` too.
    """
    stripped: Ladder = _without_provenance(ladder)
    return stripped


def _without_provenance(value: Any) -> Any:
    if isinstance(value, Statement):
        # Points, examples and signals are what a criterion says, not where it came from.
        return Statement(
            value.text,
            path=value.path,
            points=value.points,
            examples=_without_provenance(value.examples),
            signals=_without_provenance(value.signals),
        )
    if isinstance(value, tuple):
        return tuple(_without_provenance(item) for item in value)
    if isinstance(value, Mapping):
        return {key: _without_provenance(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value)(
            **{
                f.name: _without_provenance(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in _PROVENANCE_FIELDS
            }
        )
    return value
