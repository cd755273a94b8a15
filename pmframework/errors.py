"""The exceptions pmframework raises, each carrying the exit code the CLI turns it into.

Exit codes (documented in the README):

* 0 — success: the ladder is valid, the two ladders are equal, the file was written;
* 1 — a finding at failing severity, an unreadable or unparseable input, two ladders differ;
* 2 — a usage error: an unknown option, a missing file argument, an unknown rule id.

``pmframework diff`` follows diff(1) instead: 0 equal, 1 different, 2 any error (its
``DiffError`` carries exit code 2).
"""

from __future__ import annotations

from dataclasses import dataclass


class PmframeworkError(Exception):
    """Base of every error pmframework reports to a person rather than as a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(PmframeworkError):
    """The call itself is wrong: an unknown rule id, a format that cannot be written."""

    exit_code = 2


@dataclass(frozen=True)
class Location:
    """Where in an input a problem sits; line and column count from 1, 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class LadderError(PmframeworkError):
    """An input that cannot be read, parsed or used as a ladder, with where it went wrong."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"
