"""Positions inside a text value: the line and column in the file of a character of a string.

A finding about part of a text (a link in a criterion) points at that part, not at the start
of the value. The loader keeps where each value starts; from there the value's characters are
found again in the source, in order, skipping what the value's quoting adds to the file:
indentation and line breaks a block or folded scalar leaves out, quote marks, escape
backslashes. When a character cannot be found that way (an escape such as ``\\u00e9``), the
value's start is the answer: never a wrong place.
"""

from __future__ import annotations

from pmframework.findings import JsonPath
from pmframework.load.document import Document

# How far past the last matched character the next one may be: indentation and quoting.
_MAX_SKIP = 200
_SKIPPABLE = frozenset(" \t\r\n\"'\\")


def text_position(document: Document, path: JsonPath, offset: int) -> tuple[JsonPath, int, int]:
    """The path of the text at ``path`` (a statement's ``text`` key, when it is a mapping) and
    the line and column (from 1) of its character at ``offset``."""
    text_path = (*path, "text")
    if document.has_value(text_path):
        path = text_path
    line, column = document.position(path)
    value = _value_at(document.data, path)
    if not isinstance(value, str) or not document.source or not document.has_value(path):
        return path, line, column
    found = _find(document.source, line, column, value, offset)
    return (path, *found) if found else (path, line, column)


def _value_at(data: object, path: JsonPath) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _find(source: str, line: int, column: int, value: str, offset: int) -> tuple[int, int] | None:
    lines = source.split("\n", line)  # only the lines up to the value's are split apart
    if len(lines) < line:
        return None
    at = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    if source[at : at + 1] in ("|", ">"):
        at = source.find("\n", at)  # a block scalar's text starts on the next line
        if at < 0:
            return None
    elif source[at : at + 1] in ("'", '"'):
        at += 1
    for char in value[:offset]:
        at = _next(source, at, char)
        if at < 0:
            return None
        at += 1
    at = _next(source, at, value[offset]) if offset < len(value) else at
    if at < 0:
        return None
    row = source.count("\n", 0, at)
    return row + 1, at - (source.rfind("\n", 0, at) + 1) + 1


def _next(source: str, start: int, char: str) -> int:
    """Where ``char`` is next in ``source``, past only quoting and white space; -1 if not near.

    A space or line break of the value may stand for a line break or space in the source (a
    folded or plain scalar's lines are joined by a space)."""
    spaces = (" ", "\n") if char in " \n" else (char,)
    for at in range(start, min(len(source), start + _MAX_SKIP)):
        if source[at] in spaces:
            return at
        if source[at] not in _SKIPPABLE:
            return -1
    return -1
