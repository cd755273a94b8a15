"""Building frozen model objects cheaply: for the few classes a large ladder holds tens of
thousands of (statements, expectations, citations).

A frozen dataclass's ``__init__`` sets each field with a call to ``object.__setattr__``, the
way round its own ``__setattr__`` that refuses changes: one call per field, ten for a
statement, most of the cost of building one. ``make`` gives the same object (the same fields
and values, equal to and hashed and printed as the one ``__init__`` builds) by filling its
``__dict__`` at once. The classes stay frozen: nothing can change the object afterwards.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

_T = TypeVar("_T")


def make(cls: type[_T], /, **fields: Any) -> _T:
    """``cls(**fields)`` for a frozen dataclass without ``__post_init__``, without calling
    ``__init__``: give every field that has no plain default, those with a
    ``default_factory`` too (one shared default would be one object for every instance)."""
    obj = object.__new__(cls)
    state = obj.__dict__
    defaults, count = _defaults(cls)
    state.update(defaults)
    state.update(fields)
    # A name that is no field, or a field without a default left out, changes the count:
    # caught here, at the cost of a length, not by a reader meeting a missing attribute.
    if len(state) != count:
        raise TypeError(f"{cls.__name__}: not its fields: {sorted(fields)}")
    return obj


def _defaults(cls: type[Any]) -> tuple[dict[str, Any], int]:
    """The plain defaults of ``cls``'s fields in their order, and how many fields it has."""
    known = _DEFAULTS.get(cls)
    if known is None:
        fields = dataclasses.fields(cls)
        defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
        known = _DEFAULTS[cls] = (defaults, len(fields))
    return known


_DEFAULTS: dict[type[Any], tuple[dict[str, Any], int]] = {}
