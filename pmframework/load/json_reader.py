"""Reads JSON ladders as JSON (RFC 8259), not as YAML, keeping where every key and value stood.

Most JSON is also YAML, but not all of it: a YAML parser refuses surrogate-pair escapes
(``"\\ud83d\\ude00"``, what Python's ``json.dumps`` writes by default), keys longer than 1,024
characters, and a key whose colon is on the next line. So ``.json`` files are read here.

The reader speaks the YAML parser's event language (mapping start, scalar, ...), so the one
builder in pmframework.load.builder turns both kinds of file into data and positions, with the same
limits on depth, keys, values and text sizes and the same duplicate-key check. It does not
recurse, so nesting depth costs no stack; the builder refuses deep files at the limit.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import yaml

from pmframework.errors import LadderError, Location

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = ("true", "false", "null")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The string scanner of Python's json module (C code), which typeshed does not list.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_TRAILING_COMMA = "a ',' before '{}'; JSON has no comma after the last item"
_TEXT = (False, True)  # a scalar's ``implicit`` flags: quoted, so always text
_PLAIN = (True, False)  # unquoted: resolved as the builder resolves plain YAML scalars


class _Mark(NamedTuple):
    """Where an event starts (from 0), all that the builder reads of a YAML parser's mark."""

    line: int
    column: int


def is_json(name: str) -> bool:
    """Whether the input called ``name`` (a path, or ``REV:path``) is read as JSON."""
    return name.lower().endswith(".json")


def json_events(name: str, text: str) -> Iterator[Any]:
    """The parser events of one JSON document; invalid JSON raises LadderError at its place."""
    return _Reader(name, text).events()


class _Reader:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        # A byte order mark is not part of the document (RFC 8259, section 8.1).
        self.text = text.removeprefix("\ufeff")
        # The line of the last offset asked for, and where that line starts: marks are asked
        # for in reading order, so each counts line breaks only from the one before.
        self.last = self.line = self.line_start = 0
        self.has_cr = "\r" in self.text  # most files break lines at LF alone: one count a mark

    def mark(self, offset: int) -> Any:
        """Line and column of ``offset``, breaking lines at LF, CR LF and CR as YAML does.

        A _Mark stands for the parser's yaml.Mark (hence Any): the loader keeps one per value,
        and a two-field tuple is quicker to make and smaller than a yaml.Mark."""
        text, last = self.text, self.last
        if offset < last:
            last = self.line = self.line_start = 0
        breaks = text.count("\n", last, offset)
        if self.has_cr:
            breaks += text.count("\r", last, offset) - text.count("\r\n", last, offset)
        if breaks:
            self.line += breaks
            start = text.rfind("\n", last, offset)
            if self.has_cr:
                start = max(start, text.rfind("\r", last, offset))
            self.line_start = start + 1
        self.last = offset
        return _Mark(self.line, offset - self.line_start)

    def error(self, offset: int, message: str) -> LadderError:
        mark = self.mark(offset)
        where = Location(self.name, mark.line + 1, mark.column + 1)
        return LadderError(where, f"invalid JSON: {message}")

    def found(self, offset: int) -> str:
        if offset >= len(self.text):
            return "the end of the file"
        char = self.text[offset]
        return repr(char) if char.isprintable() else f"U+{ord(char):04X}"

    def skip(self, offset: int) -> int:
        # Every JSON white-space character sorts at or below the space: most tokens are found
        # without a regular expression.
        if offset < len(self.text) and self.text[offset] > " ":
            return offset
        match = _WHITESPACE.match(self.text, offset)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def events(self) -> Iterator[Any]:
        text = self.text
        offset = self.skip(0)
        yield yaml.DocumentStartEvent(self.mark(offset))
        closers: list[str] = []  # "}" or "]" for each open object or array
        while True:
            # Here a value starts: the document, an array item or the value after a key.
            char = text[offset : offset + 1]
            if char in ("{", "["):
                closer = "}" if char == "{" else "]"
                start = yaml.MappingStartEvent if char == "{" else yaml.SequenceStartEvent
                yield start(None, None, True, self.mark(offset))
                offset = self.skip(offset + 1)
                if text.startswith(closer, offset):
                    yield self.end(closer, offset)
                    offset += 1
                else:
                    closers.append(closer)
                    if closer == "}":
                        event, offset = self.key(offset)
                        yield event
                    continue
            elif char == "]" and closers and closers[-1] == "]":
                raise self.error(offset, _TRAILING_COMMA.format("]"))
            else:
                event, offset = self.scalar(offset)
                yield event
            # After a value: a comma and the next one, or the end of the array or object.
            while True:
                offset = self.skip(offset)
                if not closers:
                    if offset < len(text):
                        raise self.error(offset, f"{self.found(offset)} after the document's end")
                    return
                closer = closers[-1]
                if text.startswith(",", offset):
                    offset = self.skip(offset + 1)
                    if closer == "}":
                        event, offset = self.key(offset)
                        yield event
                    break
                if not text.startswith(closer, offset):
                    raise self.error(
                        offset, f"expected ',' or {closer!r}, found {self.found(offset)}"
                    )
                yield self.end(closer, offset)
                closers.pop()
                offset += 1

    def end(self, closer: str, offset: int) -> Any:
        event = yaml.MappingEndEvent if closer == "}" else yaml.SequenceEndEvent
        return event(self.mark(offset))

    def key(self, offset: int) -> tuple[Any, int]:
        """The event of an object member's key, and the offset of its value."""
        if self.text.startswith("}", offset):
            raise self.error(offset, _TRAILING_COMMA.format("}"))
        if not self.text.startswith('"', offset):
            raise self.error(offset, f"expected a key in double quotes, found {self.found(offset)}")
        event, offset = self.scalar(offset)
        offset = self.skip(offset)
        if not self.text.startswith(":", offset):
            raise self.error(offset, f"expected ':' after the key, found {self.found(offset)}")
        return event, self.skip(offset + 1)

    def scalar(self, offset: int) -> tuple[Any, int]:
        """The event of a string, number, true, false or null; the offset just after it."""
        text = self.text
        mark = self.mark(offset)
        if text.startswith('"', offset):
            value, end = self.string(offset)
            return yaml.ScalarEvent(None, None, _TEXT, value, mark, None, '"'), end
        match = _NUMBER.match(text, offset)
        word = (
            match.group()
            if match
            else next((w for w in _LITERALS if text.startswith(w, offset)), "")
        )
        if not word:
            raise self.error(offset, f"expected a value, found {self.found(offset)}")
        # The builder reads these as it reads plain YAML scalars, the only place numbers,
        # booleans and null are made, and keeps the text written for the schema step.
        return yaml.ScalarEvent(None, None, _PLAIN, word, mark, None, None), offset + len(word)

    def string(self, offset: int) -> tuple[str, int]:
        try:
            value, end = _scanstring(self.text, offset + 1, True)
        except json.JSONDecodeError as error:
            raise self.error(error.pos, self.string_problem(error)) from None
        if _SURROGATE.search(value):
            raise self.error(
                offset,
                "a \\u escape in this string is half of a surrogate pair, not a character; "
                "write the character itself or both halves of the pair",
            )
        return value, end

    def string_problem(self, error: json.JSONDecodeError) -> str:
        if error.msg.startswith("Unterminated"):
            return "a string with no closing '\"'"
        if error.msg.startswith("Invalid control"):
            return (
                f"{self.found(error.pos)} inside a string; "
                "control characters are written as escapes such as \\n or \\t"
            )
        if error.msg.startswith("Invalid \\u"):
            return "a \\u escape needs four hexadecimal digits"
        return 'an invalid escape; JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX'
