"""The sources list of a rendered ladder: each source as a reader finds it."""

from __future__ import annotations

from pmframework.model import Source
from pmframework.render.naming import anchor, safe_link
from pmframework.render.provenance_views import SourceView


def source_view(source: Source, number: int) -> SourceView:
    """``source``, the ``number``-th of the list."""
    return SourceView(
        id=source.id,
        number=number,
        anchor=anchor("source", source.id),
        citation=source.citation(),
        attribution=source.person or source.organization or source.title or source.document,
        document=_locator(source.document),
        label=source.label,
        title=source.title,
        person=source.person,
        role=source.role,
        organization=source.organization,
        date=source.date,
        url=source.url,
        link=safe_link(source.url),
    )


def _locator(document: str) -> str:
    """Where a source's document is, for a reader: as written when it is an address or a path
    inside the ladder's folder (``sources/interview.txt``); only its file name when the path
    climbs out of it or is absolute (``../../seeds/interview.txt`` means nothing on a page)."""
    if "://" in document or document.startswith("mailto:"):
        return document
    parts = document.replace("\\", "/").split("/")
    if ".." in parts or document.startswith(("/", "\\")) or ":" in parts[0]:
        return next((part for part in reversed(parts) if part), document)
    return document
