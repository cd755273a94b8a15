"""What to do about the YAML mistakes people make most, said in place of the parser's words.

The parser knows where it stopped and which collection it was reading; these functions look at
the text there and say what the fix is: quote a text with ``: `` in it, replace a tab with
spaces, indent a line as the key or the ``-`` it should continue. The same messages whichever
YAML parser is installed (libyaml and the pure-Python one word their errors differently).
"""

from __future__ import annotations

import re
from typing import Any

_KEY = re.compile(r"""\s*(?:-\s+)?(?P<key>"[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)""")
_BLOCK = ("block", "expected key", "'-' indicator")


def explain(text: str, error: Any) -> str | None:
    """A message with the fix for a ``yaml.MarkedYAMLError`` in ``text``, or None."""
    mark, context_mark = error.problem_mark, error.context_mark
    if mark is None:
        return None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    problem = error.problem or ""
    if "\t" in line[: mark.column + 1] and ("token" in problem or "tab" in problem):
        return (
            "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
        )
    if "mapping values are not allowed" in problem:
        return _colon(lines, mark.line, mark.column)
    context = error.context or ""
    if context_mark is not None and any(word in f"{problem} {context}" for word in _BLOCK):
        return _indent(lines, mark.line)
    return None


def _colon(lines: list[str], at: int, column: int) -> str:
    line = lines[at]
    key = _KEY.match(line)
    if key and key.end() <= column:
        value = line[key.end() :].strip()
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return (
            f"a colon followed by a space inside plain text; quote the text: "
            f"{key.group('key')}: {quoted}"
        )
    if key is None or lines[at][: len(lines[at]) - len(lines[at].lstrip())] != "":
        return _indent(lines, at)
    return "a colon followed by a space inside plain text; quote the text"


def _indent(lines: list[str], at: int) -> str:
    """A line indented unlike what it continues: name the lines above it could align with."""
    line = lines[at] if at < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    choices: dict[int, str] = {}  # column → what is there, nearest first
    limit = len(line) + 1
    for number in range(at - 1, -1, -1):
        stripped = lines[number].lstrip(" ")
        column = len(lines[number]) - len(stripped)
        if not stripped or stripped.startswith("#") or column >= limit:
            continue
        limit = column
        for place, what in _places(stripped, number, column):
            if place != indent:
                choices.setdefault(place, what)
        if column == 0 or len(choices) >= 2:
            break
    where = f"this line starts at column {indent + 1}"
    if not choices:
        return f"wrong indentation: {where}"
    return f"wrong indentation: {where}; indent it as {' or as '.join(list(choices.values())[:2])}"


def _places(stripped: str, number: int, column: int) -> list[tuple[int, str]]:
    """Where a line above lets the next line start: at its key, and for ``- key:`` also at
    the key after the dash (the next key of that item)."""
    places = []
    if stripped.startswith("-"):
        rest = stripped[1:]
        item_key = _KEY.match(rest)
        if item_key:
            key_column = column + 1 + len(rest) - len(rest.lstrip())
            name = item_key.group("key").strip("\"'")
            places.append((key_column, f"{name!r} (line {number + 1}, column {key_column + 1})"))
        places.append(
            (column, f"the list item on line {number + 1} (its '-' at column {column + 1})")
        )
        return places
    key = _KEY.match(stripped)
    name = repr(key.group("key").strip("\"'")) if key else "the line"
    return [(column, f"{name} (line {number + 1}, column {column + 1})")]
