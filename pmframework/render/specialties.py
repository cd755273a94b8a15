"""Specialties of the job family in a rendered ladder: a section listing each with the
competencies it adds (``--specialty``, the ladder as one reads it, is in selection.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmframework.render.naming import anchor
from pmframework.render.views import SpecialtyView

if TYPE_CHECKING:
    from pmframework.render.context import _Builder


def specialty_views(builder: _Builder) -> tuple[SpecialtyView, ...]:
    """Each specialty of the ladder (with ``--specialty``, that one), with its competencies in
    catalog order."""
    return tuple(
        SpecialtyView(
            id=s.id,
            name=s.name,
            anchor=anchor("specialty", s.id),
            description=builder.text(s.description),
            competencies=tuple(
                builder.competency(c.id)
                for c in builder.ladder.competencies
                if s.id in c.specialties
            ),
        )
        for s in builder.ladder.specialties
        if builder.specialty in (None, s.id)
    )
