"""The assessment model: frozen dataclasses built from data that follows the assessment schema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pmframework.findings import JsonPath
from pmframework.text import normalized

STATUSES = ("met", "partly", "not-yet", "not-applicable")
# Statuses that claim something and so need evidence to stand on.
NEEDS_EVIDENCE = ("met", "partly")
PROMOTION = "promotion"  # the key of promotion criteria, in place of a competency id
# A level's dimension statements are assessed like criteria; their group is "dimension:ID"
# (ids cannot hold a colon, so it never clashes with a competency's).
DIMENSION = "dimension:"


def group_key(data: Mapping[str, Any]) -> str:
    """The group of an entry's data: its competency, or ``dimension:ID``."""
    return str(data["competency"]) if "competency" in data else DIMENSION + str(data["dimension"])


@dataclass(frozen=True)
class Evidence:
    text: str | None = None
    link: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Entry:
    """One criterion (or a competency as a whole, ``criterion`` None) and its status.

    ``competency`` is ``PROMOTION`` for the target level's promotion criteria, and
    ``dimension:ID`` for a level's statement along a dimension.
    """

    competency: str
    criterion: str | None
    level: str | None = None
    status: str | None = None  # None: not assessed yet
    evidence: tuple[Evidence, ...] = ()
    date: str | None = None
    note: str | None = None
    path: JsonPath = ()

    @property
    def field(self) -> str:
        """The key of the file that names the group: competency or dimension."""
        return "dimension" if self.competency.startswith(DIMENSION) else "competency"

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the entry across assessments: competency and criterion as read."""
        return (self.competency, normalized(self.criterion or ""))


@dataclass(frozen=True)
class Assessment:
    name: str  # the file, for messages
    ladder: str
    current_level: str
    target_level: str
    entries: tuple[Entry, ...]
    ladder_version: str | None = None
    assessor_role: str = "self"
    assessor_name: str | None = None
    person: str | None = None
    date: str | None = None

    @property
    def assessor(self) -> str:
        """``manager (Ada)``, or the role alone."""
        return (
            f"{self.assessor_role} ({self.assessor_name})"
            if self.assessor_name
            else (self.assessor_role)
        )

    def by_key(self) -> dict[tuple[str, str], Entry]:
        return {entry.key: entry for entry in self.entries}


def _evidence(data: Mapping[str, Any]) -> Evidence:
    return Evidence(data.get("text"), data.get("link"), data.get("date"))


def _entry(data: Mapping[str, Any], competency: str, path: JsonPath) -> Entry:
    return Entry(
        competency=competency,
        criterion=data.get("criterion"),
        level=data.get("level"),
        status=data.get("status"),
        evidence=tuple(_evidence(e) for e in data.get("evidence") or ()),
        date=data.get("date"),
        note=data.get("note"),
        path=path,
    )


def assessment_from_data(name: str, data: Mapping[str, Any]) -> Assessment:
    """The model of checked data (it follows the assessment schema)."""
    entries = [
        _entry(item, group_key(item), ("criteria", i))
        for i, item in enumerate(data.get("criteria") or ())
    ]
    entries += [
        _entry(item, PROMOTION, ("promotion", i))
        for i, item in enumerate(data.get("promotion") or ())
    ]
    assessor = data.get("assessor") or {}
    return Assessment(
        name=name,
        ladder=data["ladder"],
        current_level=data["current_level"],
        target_level=data.get("target_level") or data["current_level"],
        entries=tuple(entries),
        ladder_version=data.get("ladder_version"),
        assessor_role=assessor.get("role", "self"),
        assessor_name=assessor.get("name"),
        person=data.get("person"),
        date=data.get("date"),
    )
