"""pmframework: career ladders as versioned, checked, publishable artefacts.

The Python API mirrors the command line::

    from pmframework import diff_ladders, load_ladder, load_side, render_ladder, validate_paths

    ladder = load_ladder("builtin:product-management")   # a checked Ladder model
    report = validate_paths(["ladders/"])                 # findings for many files
    html = render_ladder(ladder, "html")                  # also "pdf" (bytes) and "markdown"
    result = diff_ladders(load_side("old.yaml"), load_side("new.yaml"))
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any

from pmframework.check.engine import ValidationReport, load_ladder, validate_paths
from pmframework.errors import LadderError, PmframeworkError
from pmframework.findings import Finding, Severity
from pmframework.model.ladder import Ladder

# Diff and render are imported when first used, so that `pmframework --help` and
# `pmframework validate` (what a pre-commit hook runs) do not pay for them.
_LAZY = {
    "DiffResult": ("pmframework.diff.compare", "DiffResult"),
    "diff_ladders": ("pmframework.diff.compare", "diff_ladders"),
    "load_side": ("pmframework.diff.inputs", "load_side"),
    "render_ladder": ("pmframework.render", "render"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'pmframework' has no attribute {name!r}")


__all__ = [
    "DiffResult",
    "Finding",
    "Ladder",
    "LadderError",
    "PmframeworkError",
    "Severity",
    "ValidationReport",
    "__version__",
    "diff_ladders",
    "load_ladder",
    "load_side",
    "render_ladder",
    "validate_paths",
]
