"""An exported sheet imported back: the ladder its metadata row holds, with what its cells say.

The metadata (pmframework.sheets.metadata) gives back everything a sheet has no column for:
ids, ranks, tracks, scales, sources, quotes. The cells win where they speak: a competency is
found by its name, a level by its title, and what each cell says replaces the level's
expectation of the competency. A statement whose text is unchanged is the statement as it was,
with its source, quote, points, examples and signals; an edited one is the new text, marked
with its cell. A row or column the metadata does not know is a new competency or level.

A level's cells come unread (pmframework.sheets.cells.Unread): a cell whose text is the one
export wrote for the metadata's expectation (most cells, in a sheet nobody edited) gives that
expectation back as it was, as reading it would, without reading it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pmframework.sheets.cells import STATEMENT_LISTS as _STATEMENT_LISTS
from pmframework.sheets.cells import Unread, exported_text
from pmframework.sheets.layouts import bare, paragraphs
from pmframework.text import slug

_FROM_CELLS = frozenset(("proficiency", *_STATEMENT_LISTS))  # what a cell says of a level


def restore(
    fresh: dict[str, Any],
    metadata: Sequence[Mapping[str, Any] | None],
    rows: Sequence[set[str]],
) -> dict[str, Any]:
    """The ladder of the first metadata, updated with ``fresh`` (the data the cells give, a
    track per sheet, its statements without a ``source``: their ``x-cell`` says where they came
    from); ``metadata`` and ``rows`` (the ids, in ``fresh``, of the competencies each sheet has a
    row for) are per sheet."""
    base: dict[str, Any] = _copied(dict(next(m for m in metadata if m is not None)["ladder"]))
    ids = _competency_ids(base, fresh)
    for track, meta, written in zip(fresh["tracks"], metadata, rows, strict=True):
        target = _find(base.get("tracks", []), meta["track"] if meta else None)
        if target is None:
            track["id"] = _unique(track["id"], {t["id"] for t in base.get("tracks", [])})
            track["levels"] = [_read_cells(level) for level in track["levels"]]
            base.setdefault("tracks", []).append(_renamed(track, ids))
            continue
        for level in track["levels"]:
            _restore_level(target, _renamed(level, ids), {ids[c] for c in written}, base)
    return base


def _copied(value: Any) -> Any:
    """A copy of JSON data (mappings, lists and scalars), to be updated while the metadata it
    came from stays as read: twice as fast as copy.deepcopy, which must allow for
    shared and cyclic values that JSON cannot hold."""
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return value


def _all_competencies(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for area in data.get("areas", []):
        yield from area.get("competencies", [])
    yield from data.get("competencies", [])


def _competency_ids(base: dict[str, Any], fresh: Mapping[str, Any]) -> dict[str, str]:
    """Fresh competency id → the base's, found by name; a new competency is added to the
    base, in the area of its name (made when there is none)."""
    known = {bare(c["name"]).casefold(): c for c in _all_competencies(base)}
    taken = {c["id"] for c in _all_competencies(base)}
    ids: dict[str, str] = {}
    for area in fresh.get("areas", []):
        for competency in area["competencies"]:
            found = known.get(competency["name"].casefold())
            if found is None:
                found = {k: v for k, v in competency.items() if k != "tracks"}
                found["id"] = _unique(found["id"], taken)
                _area_named(base, area).setdefault("competencies", []).append(found)
                known[competency["name"].casefold()] = found
            else:
                _put(
                    found,
                    "description",
                    _same_or_new(found.get("description"), competency.get("description")),
                )
            ids[competency["id"]] = found["id"]
    return ids


def _area_named(base: dict[str, Any], fresh_area: Mapping[str, Any]) -> dict[str, Any]:
    areas: list[dict[str, Any]] = base.setdefault("areas", [])
    for area in areas:
        if bare(area["name"]).casefold() == fresh_area["name"].casefold():
            return area
    area = {k: v for k, v in fresh_area.items() if k != "competencies"}
    area["id"] = _unique(area["id"], {a["id"] for a in areas})
    area["competencies"] = []
    areas.append(area)
    return area


def _restore_level(
    track: dict[str, Any], level: dict[str, Any], written: set[str], base: Mapping[str, Any]
) -> None:
    """The level of ``track`` with the fresh level's title given what its cells say."""
    target = _level_titled(track, level["title"])
    if target is None:
        taken = {lv["id"] for t in base.get("tracks", []) for lv in t.get("levels", [])}
        level["id"] = _unique(level["id"], taken)
        level["rank"] = max((lv["rank"] for lv in track["levels"]), default=0) + 1
        track["levels"].append(_read_cells(level))
        return
    expectations = target.get("expectations", {})
    fresh = level.get("expectations", {})
    for competency in written:
        merged = _expectation(expectations.get(competency), fresh.get(competency))
        _put(expectations, competency, merged)
    _put(target, "expectations", expectations or None)
    _put(
        target,
        "anti_patterns",
        _statements(target.get("anti_patterns"), level.get("anti_patterns")),
    )


def _level_titled(track: Mapping[str, Any], title: str) -> dict[str, Any] | None:
    """The level a column heading names: by title, else grade, id or "Level RANK", each tried
    on every level before the next (a level titled "Level 4" is not another one of rank 4)."""
    levels = track.get("levels", [])
    for name_of in (
        lambda lv: lv.get("title"),
        lambda lv: lv.get("grade"),
        lambda lv: lv["id"],
        lambda lv: f"Level {lv['rank']}",
    ):
        for level in levels:
            name = name_of(level)
            if isinstance(name, str) and bare(name).casefold() == title.casefold():
                return level  # type: ignore[no-any-return]
    return None


def _read_cells(level: dict[str, Any]) -> dict[str, Any]:
    """A new level, its cells read: there is no expectation of the metadata's to compare."""
    if "expectations" in level:
        level["expectations"] = {
            key: value.read() if isinstance(value, Unread) else value
            for key, value in level["expectations"].items()
        }
    return level


def _expectation(old: Mapping[str, Any] | None, new: Mapping[str, Any] | Unread | None) -> Any:
    """What a cell says, with the statements it leaves unchanged as they were."""
    if new is None:
        return None
    if isinstance(new, Unread):
        if isinstance(old, dict) and new.text == exported_text(old):
            return _as_exported(old)
        new = new.read()
    kept = {k: v for k, v in (old or {}).items() if k not in _FROM_CELLS}
    result = {**({"proficiency": new["proficiency"]} if "proficiency" in new else {}), **kept}
    for key in _STATEMENT_LISTS:
        _put(result, key, _statements((old or {}).get(key), new.get(key)))
    return result


def _as_exported(old: Mapping[str, Any]) -> dict[str, Any]:
    """What ``_expectation`` makes of a cell that says what export wrote for ``old``: every
    statement as it was, the proficiency first (as a cell gives it) and what no cell says kept,
    the statement lists last; a list that wrote nothing is dropped, like the paragraphs it
    wrote."""
    result = {"proficiency": old["proficiency"]} if old.get("proficiency") else {}
    result.update((key, value) for key, value in old.items() if key not in _FROM_CELLS)
    result.update((key, list(old[key])) for key in _STATEMENT_LISTS if old.get(key))
    return result


def _statements(old: list[Any] | None, new: list[Any] | None) -> list[Any] | None:
    """The new statements, each one whose text is unchanged as it was. A statement of several
    paragraphs is several in a cell (a blank line parts them), so it is found in as many."""
    if not new:
        return None
    texts = [_text(s) for s in new]
    if old and len(old) == len(texts) and all(map(_unchanged, old, texts)):
        return list(old)  # the cell as exported (most cells): each statement as it was
    # The unused old statements, each with its paragraphs (split once, not once per search).
    unused = [(s, paragraphs(_text(s))) for s in old or ()]
    result, index = [], 0
    while index < len(new):
        found = next(
            (
                i
                for i, (_, parts) in enumerate(unused)
                if parts and texts[index : index + len(parts)] == parts
            ),
            None,
        )
        if found is None:
            result.append(new[index])
            index += 1
        else:
            same, parts = unused.pop(found)
            result.append(same)
            index += len(parts)
    return result


def _unchanged(old: Any, text: str) -> bool:
    """Whether ``old`` is one paragraph whose text is ``text``: the statement found for it."""
    written = _text(old)
    return (
        bool(text)
        and written == text
        and "\n" not in text
        and "\r" not in text
        and text == text.strip()
    )


def _same_or_new(old: Any, new: Any) -> Any:
    if new is None or old is None:
        return new
    return old if _text(old) == _text(new) else new


def _text(statement: Any) -> str:
    return str(statement["text"]) if isinstance(statement, dict) else str(statement)


def _put(mapping: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key``, or remove it for nothing (None, or an empty list or mapping)."""
    if value is None or value == [] or value == {}:
        mapping.pop(key, None)
    else:
        mapping[key] = value


def _renamed(value: dict[str, Any], ids: Mapping[str, str]) -> dict[str, Any]:
    """A fresh track or level with its expectations keyed by the base's competency ids."""
    result = dict(value)
    if "expectations" in result:
        result["expectations"] = {ids.get(k, k): v for k, v in result["expectations"].items()}
    if "levels" in result:
        result["levels"] = [_renamed(level, ids) for level in result["levels"]]
    return result


def _find(items: Sequence[dict[str, Any]], ident: str | None) -> dict[str, Any] | None:
    return next((item for item in items if item.get("id") == ident), None)


def _unique(ident: str, taken: set[str]) -> str:
    candidate, number = slug(ident, "item"), 1
    while candidate in taken:
        number += 1
        candidate = f"{ident}-{number}"
    taken.add(candidate)
    return candidate
