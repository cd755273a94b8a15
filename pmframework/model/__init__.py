"""The ladder model: frozen dataclasses (ladder.py) built from checked data (build.py), and
inheritance resolution (resolve.py).

The model imports no I/O library; it is built from data the loader and the check produced.
"""

from pmframework.model.build import ladder_from_data, statement
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
    Range,
    Role,
    Scale,
    Source,
    Statement,
    Step,
    SubGrade,
    Track,
)
from pmframework.model.provenance import without_provenance
from pmframework.model.shared import Shared
from pmframework.model.specialty import Specialty, belongs_to, for_specialty

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
    "Range",
    "Role",
    "Scale",
    "Shared",
    "Source",
    "Specialty",
    "Statement",
    "Step",
    "SubGrade",
    "Track",
    "belongs_to",
    "for_specialty",
    "ladder_from_data",
    "statement",
    "without_provenance",
]
