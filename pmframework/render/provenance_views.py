"""The view model's provenance: the sources list, a statement's citations, and where a
structural choice comes from. Part of the view model ``pmframework.render.views`` documents."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceView:
    """An entry of the sources list; ``number`` is its position (from 1), ``anchor`` its id."""

    id: str
    number: int
    anchor: str
    citation: str  # "Jane Doe, Head of Product, Acme — Acme PM handbook"
    attribution: str  # who, in short: the person, else the organization, else the document
    document: str  # a locator: often a file name
    label: str | None  # what it is called: the title, or a document that is not a file name
    title: str | None
    person: str | None
    role: str | None
    organization: str | None
    date: str | None
    url: str | None
    link: str | None  # url, when it is a safe http(s) address to link to


@dataclass(frozen=True)
class CitationView:
    """Where a statement comes from: an entry of the sources list, and the supporting quote."""

    source: SourceView
    quote: str | None

    @property
    def title(self) -> str:
        """The tooltip of a citation mark: the quote, then who said it, where."""
        if self.quote:
            return f"“{self.quote}” — {self.source.citation}"
        return self.source.citation


@dataclass(frozen=True)
class BasisView:
    """Where a structural choice (a rank, ``inherits``, a proficiency, ...) comes from:
    ``citations`` when it is drawn from sources, or ``editorial`` with the authors' ``reason``."""

    editorial: bool
    reason: str | None
    citations: tuple[CitationView, ...]
