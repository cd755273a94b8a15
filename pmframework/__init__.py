"""pmframework: career ladders as versioned, checked, publishable artefacts.

The Python API mirrors the command line::

    from pmframework import diff_ladders, load_ladder, load_side, render_ladder, validate_paths

    ladder = load_ladder("builtin:product-management")   # a checked Ladder model
    report = validate_paths(["ladders/"])                 # findings for many files
    html = render_ladder(ladder, "html")                  # also "pdf" (bytes) and "markdown"
    result = diff_ladders(load_side("old.yaml"), load_side("new.yaml"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pmframework._version import __version__

if TYPE_CHECKING:
    from pmframework.check.engine import load_ladder, validate_paths
    from pmframework.diff.compare import DiffResult, diff_ladders
    from pmframework.diff.inputs import load_side
    from pmframework.errors import LadderError, PmframeworkError
    from pmframework.findings import Finding, Severity, ValidationReport
    from pmframework.model import Ladder
    from pmframework.render.output import render as render_ladder

# Every name is imported when first used, so that importing any part of the package (and
# `pmframework --help`) pays only for what it uses.
_LAZY = {
    "DiffResult": ("pmframework.diff.compare", "DiffResult"),
    "Finding": ("pmframework.findings", "Finding"),
    "Ladder": ("pmframework.model", "Ladder"),
    "LadderError": ("pmframework.errors", "LadderError"),
    "PmframeworkError": ("pmframework.errors", "PmframeworkError"),
    "Severity": ("pmframework.findings", "Severity"),
    "ValidationReport": ("pmframework.findings", "ValidationReport"),
    "diff_ladders": ("pmframework.diff.compare", "diff_ladders"),
    "load_ladder": ("pmframework.check.engine", "load_ladder"),
    "load_side": ("pmframework.diff.inputs", "load_side"),
    "render_ladder": ("pmframework.render.output", "render"),
    "validate_paths": ("pmframework.check.engine", "validate_paths"),
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
