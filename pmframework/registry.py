"""Registries of named implementations (output formats, sheet layouts), imported when used.

Each part declares its registry once, in its package's ``__init__``, as names mapped to
``"module:attribute"``. The command line builds its ``click.Choice`` lists from the names without
importing any implementation (so ``pmframework --help`` stays fast), and the README's tables are
checked against the same names by a test. Adding a format is one line in one registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any


class Registry(Mapping[str, Any]):
    """Name → implementation, each imported on first lookup."""

    def __init__(self, kind: str, targets: Mapping[str, str]) -> None:
        self.kind = kind
        self._targets = dict(targets)

    def names(self) -> tuple[str, ...]:
        return tuple(self._targets)

    def __getitem__(self, name: str) -> Any:
        module, _, attribute = self._targets[name].partition(":")
        return getattr(importlib.import_module(module), attribute) if attribute else None

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)
