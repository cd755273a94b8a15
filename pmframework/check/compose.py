"""Layers (schema version 2): a ladder that ``extends`` a base ladder, a file or ``builtin:NAME``.

The ladder is composed over its base before the model is built, so rules, render and diff all
see one ladder. Composing follows ids, never list positions:

* lists of objects with an ``id`` (tracks, levels, areas, competencies, sources, scales, steps,
  dimensions, sub-grades) are merged item by item: an item with an id of the base is merged
  into it, a new one is added after the base's;
* lists of statements (criteria, examples, signals, anti_patterns, promotion, ...), shared
  entries and assessment prompts are added after the base's;
* mappings (expectations, dimensions of a level, ...) are merged key by key; a statement
  (a mapping with ``text``) and a provenance entry are replaced whole, as is any other value.

Each part of the composed data remembers the document and path it came from (``Layered``), so a
finding about a statement of the base is reported in the base file, at its line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pmframework.check.versions import PathMap
from pmframework.findings import JsonPath
from pmframework.load.document import Document

# Lists whose items are added after the base's rather than replacing them.
APPENDED = frozenset(
    {
        "criteria",
        "examples",
        "signals",
        "anti_patterns",
        "promotion",
        "promotion_process",
        "in_scope",
        "out_of_scope",
        "rationale",
        "shared",
        "assessment",
    }
)


@dataclass(frozen=True)
class Origin:
    """Where a part of the composed data was written: a document, the part's path in the
    document's data (migrated to the newest version), and that migration's path map."""

    document: Document
    path: JsonPath
    original_path: PathMap


# A path in the composed data → the document it was written in, and its path there.
Locate = Callable[[JsonPath], tuple[Document, JsonPath]]


@dataclass(frozen=True)
class Layered:
    """Data composed from one document or several, and where each part came from: ``origins``
    maps a path of the composed data to the origin of everything under it."""

    data: Any
    origins: dict[JsonPath, Origin]

    @classmethod
    def single(cls, document: Document, data: Any, original_path: PathMap) -> Layered:
        return cls(data, {(): Origin(document, (), original_path)})

    def locate(self, path: JsonPath) -> tuple[Document, JsonPath]:
        """The document ``path`` of the composed data was written in, and its path there."""
        for length in range(len(path), -1, -1):
            origin = self.origins.get(path[:length])
            if origin is not None:
                return origin.document, origin.original_path((*origin.path, *path[length:]))
        raise KeyError(path)  # () is always recorded


def layer(base: Layered, overlay: Layered) -> Layered:
    """``overlay`` (one document's data) composed over ``base``."""
    origins = dict(base.origins)
    root = overlay.origins[()]
    data = _Composer(root, origins).merge(base.data, overlay.data, (), ())
    data.pop("extends", None)
    return Layered(data, origins)


@dataclass(frozen=True)
class _Composer:
    overlay: Origin
    origins: dict[JsonPath, Origin]

    def merge(self, base: Any, over: Any, here: JsonPath, there: JsonPath) -> Any:
        """``over`` (at ``there`` in the overlay) merged into ``base`` (at ``here``)."""
        if _mergeable_mapping(base, here) and _mergeable_mapping(over, here):
            merged = dict(base)
            for key, value in over.items():
                if key in base:
                    merged[key] = self.merge(base[key], value, (*here, key), (*there, key))
                else:
                    merged[key] = self.take(value, (*here, key), (*there, key))
            return merged
        if isinstance(base, list) and isinstance(over, list):
            if _identified(base) and _identified(over):
                return self.merge_by_id(base, over, here, there)
            if here and here[-1] in APPENDED:
                merged_list = list(base)
                for index, item in enumerate(over):
                    merged_list.append(self.take(item, (*here, len(merged_list)), (*there, index)))
                return merged_list
        return self.take(over, here, there)

    def merge_by_id(
        self, base: list[Any], over: list[Any], here: JsonPath, there: JsonPath
    ) -> list[Any]:
        merged = list(base)
        position = {item["id"]: index for index, item in enumerate(base)}
        for index, item in enumerate(over):
            at = position.get(item["id"])
            if at is None:
                position[item["id"]] = len(merged)
                merged.append(self.take(item, (*here, len(merged)), (*there, index)))
            else:
                merged[at] = self.merge(merged[at], item, (*here, at), (*there, index))
        return merged

    def take(self, value: Any, here: JsonPath, there: JsonPath) -> Any:
        """The overlay's ``value`` as it stands, remembered as written in the overlay."""
        for path in [p for p in self.origins if p[: len(here)] == here]:
            del self.origins[path]  # what the base had there is gone
        overlay = self.overlay
        self.origins[here] = Origin(
            overlay.document, (*overlay.path, *there), overlay.original_path
        )
        return value


def _mergeable_mapping(value: Any, here: JsonPath) -> bool:
    # A statement says one thing, and a provenance entry one choice: replaced, not mixed.
    return isinstance(value, dict) and "text" not in value and here[-2:-1] != ("provenance",)


def _identified(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(item, dict) and "id" in item for item in items)
