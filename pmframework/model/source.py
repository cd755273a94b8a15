"""A document a ladder's statements come from, and the person who said them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pmframework.findings import JsonPath


@dataclass(frozen=True)
class Source:
    id: str
    document: str
    title: str | None = None
    person: str | None = None
    role: str | None = None
    organization: str | None = None
    date: str | None = None
    url: str | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    path: JsonPath = field(default=(), compare=False)

    @property
    def label(self) -> str | None:
        """What the source is called: its title, else its document unless that is a file name
        or path (a locator, not a name a reader can follow)."""
        if self.title:
            return self.title
        return None if _LOCATOR.search(self.document) else self.document

    def citation(self) -> str:
        """``Jane Doe, Head of Product, Acme — PM levels, May 17``: who said it, what, when."""
        who = ", ".join(part for part in (self.person, self.role, self.organization) if part)
        what = self.label or ("" if who else self.document)
        text = f"{who} — {what}" if who and what else who or what
        return f"{text}, {self.date}" if self.date else text


# A document that names a file: a path, or a name with an extension.
_LOCATOR = re.compile(r"[/\\]|\.[A-Za-z0-9]{1,5}$")
