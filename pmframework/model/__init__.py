"""The ladder model: frozen dataclasses built from checked data, and inheritance resolution.

The model imports no I/O library; it is built from data the loader and the check produced.
"""

from pmframework.model.ladder import (
    Area,
    Basis,
    Citation,
    Competency,
    Dimension,
    Expectation,
    FrameworkInfo,
    Ladder,
    Level,
    Prompt,
    Role,
    Scale,
    Source,
    Statement,
    Step,
    SubGrade,
    Track,
    ladder_from_data,
    statement,
    without_provenance,
)

__all__ = [
    "Area",
    "Basis",
    "Citation",
    "Competency",
    "Dimension",
    "Expectation",
    "FrameworkInfo",
    "Ladder",
    "Level",
    "Prompt",
    "Role",
    "Scale",
    "Source",
    "Statement",
    "Step",
    "SubGrade",
    "Track",
    "ladder_from_data",
    "statement",
    "without_provenance",
]
