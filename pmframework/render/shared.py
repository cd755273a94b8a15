"""Shared statements (schema version 2) in a rendered ladder: each entry printed once, with the
levels it applies to. At each level its statements are also shown, marked as shared
(``TextView.shared``), so that a level's page stays complete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmframework.model import Shared
from pmframework.render.views import SharedView

if TYPE_CHECKING:
    from pmframework.render.context import _Builder


def shared_views(builder: _Builder, shared: Sequence[Shared]) -> tuple[SharedView, ...]:
    """The shared entries that apply to at least one level rendered, each once."""
    views = []
    for entry in shared:
        levels = tuple(
            builder.level_refs[level.id]
            for level in builder.ladder.levels
            if entry.covers(level) and level.id in builder.selection.levels
        )
        if not levels:
            continue
        views.append(
            SharedView(
                competency=(
                    None if entry.competency is None else builder.competency(entry.competency)
                ),
                dimension=None
                if entry.dimension is None
                else builder.dimensions.get(entry.dimension),
                levels=levels,
                text=builder.text(entry.text),
                criteria=builder.texts(entry.criteria),
                examples=builder.texts(entry.examples),
                anti_patterns=builder.texts(entry.anti_patterns),
            )
        )
    return tuple(views)
