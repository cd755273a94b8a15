"""Findings: what a check says about a ladder, as small sortable values.

Checks produce findings; formatters (pmframework.report) print them; neither does the other's job.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

# A path into the loaded document, as JSON Schema errors give it: keys and list indexes.
JsonPath = tuple[str | int, ...]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


def json_path_text(path: JsonPath) -> str:
    """``("tracks", 0, "levels")`` → ``$.tracks[0].levels``, the form jsonschema users know."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. Ordered by file, then position, then rule id."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    path: JsonPath = field(default=(), compare=False)

    @property
    def json_path(self) -> str:
        return json_path_text(self.path)

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


@dataclass(frozen=True)
class Violation:
    """What a check knows about one problem: where in the document, and what is wrong.

    The engine (pmframework.validate) stamps it with the rule id, severity, file and position.
    ``key`` points the position at the mapping key rather than its value; ``related`` is another
    place the message refers to (the first of two duplicates), whose line the engine adds;
    ``offset`` points inside a statement's text, at that character (from 0).
    """

    path: JsonPath
    message: str
    key: bool = False
    related: JsonPath | None = None
    offset: int | None = None


@dataclass(frozen=True)
class RuleInfo:
    """What a report says about a rule it ran: for formats that describe their rules (SARIF)."""

    id: str
    name: str
    severity: Severity
    description: str

    @property
    def summary(self) -> str:
        """The first sentence of the description."""
        return self.description.split(". ")[0].rstrip(".") + "."


@dataclass
class ValidationReport:
    """The findings of one validation run, sorted, and how many inputs it read."""

    findings: list[Finding] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    rules: list[RuleInfo] = field(default_factory=list)  # every rule, the ones run or not

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the run fails: any error, or with ``strict`` any warning too."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(f.severity in failing for f in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
