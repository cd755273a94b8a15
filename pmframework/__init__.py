"""pmframework: career ladders as versioned, checked, publishable artefacts.

The Python API mirrors the command line::

    from pmframework import load_ladder, validate_paths

    ladder = load_ladder("builtin:product-management")   # a checked Ladder model
    report = validate_paths(["ladders/"])                 # findings for many files
"""

from __future__ import annotations

__version__ = "0.1.0"

from pmframework.errors import LadderError, PmframeworkError
from pmframework.findings import Finding, Severity
from pmframework.model import Ladder
from pmframework.validate import ValidationReport, load_ladder, validate_paths

__all__ = [
    "Finding",
    "Ladder",
    "LadderError",
    "PmframeworkError",
    "Severity",
    "ValidationReport",
    "__version__",
    "load_ladder",
    "validate_paths",
]
