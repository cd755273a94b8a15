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
    if isinstance(value, _ATOMS):  # most values: checked first, with no further test
        return value
    if isinstance(value, Statement):
        # Points, examples and signals are what a criterion says, not where it came from.
        return Statement(
            value.text,
            path=value.path,
            points=value.points,
            examples=_without_provenance(value.examples) if value.examples else (),
            signals=_without_provenance(value.signals) if value.signals else (),
        )
    if isinstance(value, tuple):  # a path, statements, ids: texts and numbers taken as they are
        return tuple([i if isinstance(i, _ATOMS) else _without_provenance(i) for i in value])
    kept = _kept_fields(type(value))
    if kept is not None:
        return type(value)(**{name: _without_provenance(getattr(value, name)) for name in kept})
    if isinstance(value, Mapping):
        return {key: _without_provenance(item) for key, item in value.items()}
    return value


# Values that hold nothing to strip (a bool is an int).
_ATOMS = (str, int, float, type(None))


def _kept_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a model class that are not provenance; None for a class of no model
    object. Found once per class, not once per object."""
    if cls not in _KEPT:
        _KEPT[cls] = (
            tuple(f.name for f in dataclasses.fields(cls) if f.name not in _PROVENANCE_FIELDS)
            if dataclasses.is_dataclass(cls)
            else None
        )
    return _KEPT[cls]


_KEPT: dict[type, tuple[str, ...] | None] = {}
