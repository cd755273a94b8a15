"""Comparing two ladders: versions of one ladder, or two companies' ladders (alignment)."""

from __future__ import annotations

from pmframework.registry import Registry

# ``pmframework diff --mode``: how two ladders are compared (pmframework.diff.compare.choose_mode).
MODES = Registry(
    "diff mode",
    {
        "auto": "",  # versions when the framework ids match or most ids are shared
        "versions": "",  # one ladder's versions, matched by id
        "companies": "",  # two different ladders, aligned by evidence
    },
)
