"""Comparing two value maps field by field, list fields item by item (never by position)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from pmframework.diff.matching import pair_by_similarity
from pmframework.diff.results import FieldChange
from pmframework.diff.textdiff import compare_words
from pmframework.diff.values import SCALAR_STATEMENTS, Item, Value


def _is_scalar(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in SCALAR_STATEMENTS or name.startswith("dimensions.")


def compare_values(old: Mapping[str, Value], new: Mapping[str, Value]) -> list[FieldChange]:
    """The field changes between two value maps, in the new map's order (removed fields last)."""
    changes: list[FieldChange] = []
    names = list(new) + [name for name in old if name not in new]
    for name in names:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, tuple) or isinstance(after, tuple):
            old_items = before if isinstance(before, tuple) else ()
            new_items = after if isinstance(after, tuple) else ()
            if _is_scalar(name) and len(old_items) == 1 and len(new_items) == 1:
                changes.append(_item_change(name, old_items[0], new_items[0]))
            else:
                changes.extend(compare_items(name, old_items, new_items))
        else:
            changes.append(_text_change(name, before, after))
    return changes


def _text_change(name: str, old: str | None, new: str | None) -> FieldChange:
    if old is None or new is None:
        return FieldChange(name, old, new)
    words = compare_words(old, new)
    return FieldChange(name, old, new, words.segments, words.note)


# What a change says when the words read the same and only the markup (emphasis, a link's
# address hidden behind the same text, list marks) differs.
FORMATTING_ONLY = "formatting only"


def _item_change(name: str, old: Item, new: Item) -> FieldChange:
    with_attribution = old.attribution != new.attribution
    change = _text_change(
        name,
        old.shown(with_attribution=with_attribution),
        new.shown(with_attribution=with_attribution),
    )
    if change.old == change.new and old.written != new.written:
        return dataclasses.replace(change, words_note=FORMATTING_ONLY)
    return change


def compare_items(name: str, old: Sequence[Item], new: Sequence[Item]) -> list[FieldChange]:
    """Items of a list field, matched by content (never by position): equal items match; the
    rest pair up when similar enough (a reworded statement), else count as added or removed.

    Changes come in the new list's order, removed items after.
    """
    pairs = pair_by_similarity(
        [i.text for i in old], [i.text for i in new], exact=lambda x, y: old[x] == new[y]
    )
    changes: list[tuple[tuple[int, int], FieldChange]] = []
    matched_new = set()
    for i, j in pairs:
        matched_new.add(j)
        if old[i] != new[j]:
            changes.append(((0, j), _item_change(name, old[i], new[j])))
    paired_old = {i for i, _ in pairs}
    for j, item in enumerate(new):
        if j not in matched_new:
            changes.append(((0, j), FieldChange(name, None, item.text)))
    for i, item in enumerate(old):
        if i not in paired_old:
            changes.append(((1, i), FieldChange(name, item.text, None)))
    changes.sort(key=lambda pair: pair[0])
    return [change for _, change in changes]


def added(values: Mapping[str, Value]) -> tuple[FieldChange, ...]:
    return tuple(compare_values({}, values))


def removed(values: Mapping[str, Value]) -> tuple[FieldChange, ...]:
    return tuple(compare_values(values, {}))
