"""pmframework: career ladders as versioned, checked, publishable artefacts.

The Python API mirrors the command line::

    from pmframework import diff_ladders, load_ladder, load_side, render_ladder, validate_paths

    ladder = load_ladder("builtin:product-management")   # a checked Ladder model
    report = validate_paths(["ladders/"])                 # findings for many files
    html = render_ladder(ladder, "html")                  # also "pdf" (bytes) and "markdown"
    result = diff_ladders(load_side("old.yaml"), load_side("new.yaml"))

    assessment, ladder = load_assessment("me.yaml")       # a checked assessment and its ladder
    report = check_assessments(["me.yaml"])               # findings, as validate_paths gives
    view = readiness([assessment], ladder)                # the readiness report's view model
    moved = assessment_progress(old_assessment, assessment)  # what moved between two
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pmframework._version import __version__

if TYPE_CHECKING:
    from pmframework.assess.checks import check_paths as check_assessments
    from pmframework.assess.checks import load_assessment
    from pmframework.assess.progress import compare as assessment_progress
    from pmframework.assess.readiness import readiness
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
    "assessment_progress": ("pmframework.assess.progress", "compare"),
    "check_assessments": ("pmframework.assess.checks", "check_paths"),
    "load_assessment": ("pmframework.assess.checks", "load_assessment"),
    "readiness": ("pmframework.assess.readiness", "readiness"),
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
    "assessment_progress",
    "check_assessments",
    "diff_ladders",
    "load_assessment",
    "load_ladder",
    "load_side",
    "readiness",
    "render_ladder",
    "validate_paths",
]
