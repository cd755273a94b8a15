"""The parser's events (YAML's, or the JSON reader's) made into plain data and its marks.

Each limit is checked as the events come, before the work it would cost, and fires at the
event that passes it; a tag that could run code, a duplicate key or an alias that names no
anchor is an error there too. Plain scalars resolve as YAML 1.2 says (``no`` stays text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from pmframework.errors import LadderError, Location
from pmframework.findings import JsonPath

# Limits above the largest real ladders (a company with 20,000 competencies, or 5,000
# competencies written at 10 levels: 50,000 expectations, about 14 MiB and 300,000 values) and
# low enough that a hostile file is refused within seconds and a few hundred MiB of memory;
# each is checked as the file is read, before the work it would cost.
MAX_TEXT_CHARS = 100_000
MAX_DEPTH = 64
MAX_KEYS_PER_MAPPING = 50_000
MAX_NODES = 600_000  # counting every value an alias expands to
# Values that aliases add beyond those written out: every one is checked by the schema and the
# rules like a written one, so a few lines of anchors could otherwise cost minutes.
MAX_ALIAS_VALUES = 10_000

TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels"

# YAML 1.2 core schema resolution for plain scalars; everything else is text.
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# YAML 1.1 booleans: text under YAML 1.2, but kept so a boolean field can read them as meant.
YAML11_BOOLEANS = {
    "yes": True, "Yes": True, "YES": True, "on": True, "On": True, "ON": True,
    "no": False, "No": False, "NO": False, "off": False, "Off": False, "OFF": False,
}  # fmt: skip

# Plain scalars that may resolve to something other than text: these, and those that start
# like a number.
_SPECIAL = frozenset(_NULLS | _TRUE | _FALSE | YAML11_BOOLEANS.keys())
_DIGITS = frozenset("+-.0123456789")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}


def _mark(event: Any) -> tuple[int, int]:
    return mark_position(event.start_mark)


def mark_position(mark: Any) -> tuple[int, int]:
    """Line and column (from 1) of a parser mark."""
    return (mark.line + 1, mark.column + 1)


def _integer(text: str) -> int | float:
    """The integer ``text`` writes; past the digits Python converts (4,300 unless configured),
    the float it rounds to, infinity, which the schema's bounds then refuse like any number
    too large, while a text field still gets the digits as written."""
    try:
        return int(text)
    except ValueError:
        return float(text)


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence under construction."""

    value: dict[str, Any] | list[Any]
    # Where it starts, then for a list where each item starts, for a mapping where each key
    # and then its value start; an item or value that is a mapping or list is its own such
    # list of marks. Kept as pmframework.load.document.Document.marks, looked up by walking
    # the data alongside.
    marks: list[Any]
    anchor: str | None
    size: int = 1
    key: str | None = None  # in a mapping: the key whose value comes next


class TreeBuilder:
    """Builds one document's data, marks and plain scalars from the parser's events."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.data: Any = None
        self.marks: Any = None  # the top value's mark, or its list of marks
        # Source text of plain scalars that resolved to something other than text.
        self.plain_scalars: dict[JsonPath, str] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.alias_values = 0  # values that aliases add
        self.stack: list[_Frame] = []
        self.documents = 0

    def error(self, event: Any, message: str) -> LadderError:
        line, column = _mark(event)
        return LadderError(Location(self.name, line, column), message)

    def build(self, events: Iterator[Any]) -> None:
        # Dispatch on the event's exact class: a dictionary look-up per event, where a chain of
        # isinstance tests cost more than libyaml's parsing of a large file.
        handlers: dict[type, Any] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.start_collection,
            yaml.SequenceStartEvent: self.start_collection,
            yaml.MappingEndEvent: self.end_collection,
            yaml.SequenceEndEvent: self.end_collection,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.start_document,
        }
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def start_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.error(event, "a second YAML document starts here; a ladder file holds one")

    def end_collection(self, event: Any) -> None:
        frame = self.stack.pop()
        self.finish(frame.value, frame.size, frame.anchor, frame.marks)

    def expects_key(self) -> bool:
        """Whether the next event is a mapping's key (not a value)."""
        if not self.stack:
            return False
        parent = self.stack[-1]
        return parent.key is None and isinstance(parent.value, dict)

    def path(self) -> JsonPath:
        """The path of the value that comes next."""
        path: list[str | int] = []
        for frame in self.stack:
            step = frame.key if isinstance(frame.value, dict) else len(frame.value)
            assert step is not None  # a value comes next, so its mapping has its key
            path.append(step)
        return tuple(path)

    def count(self, event: Any, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise self.too_many_values(event)

    def too_many_values(self, event: Any) -> LadderError:
        return self.error(
            event,
            f"more than {MAX_NODES:,} values (counting what aliases expand to); "
            "is this an alias bomb?",
        )

    def check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in _STANDARD_TAGS:
            written = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise self.error(event, f"YAML tag {written} is not allowed in a ladder")

    def start_collection(self, event: Any) -> None:
        if self.expects_key():
            raise self.error(event, "a mapping or list cannot be a key; keys are plain text")
        if event.tag is not None:
            self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(event, TOO_DEEP)
        self.nodes += 1  # count(), written out as in scalar()
        if self.nodes > MAX_NODES:
            raise self.too_many_values(event)
        value: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(value, [event.start_mark], event.anchor))

    def finish(self, value: Any, size: int, anchor: str | None, marks: Any) -> None:
        """Attach a completed value and its marks to its parent (or make it the document)."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.data = value
            self.marks = marks
            return
        parent = self.stack[-1]
        parent.size += size
        parent.marks.append(marks)
        if isinstance(parent.value, dict):
            assert parent.key is not None
            parent.value[parent.key] = value
            parent.key = None
        else:
            parent.value.append(value)

    def scalar(self, event: Any) -> None:
        # The commonest event: what count(), resolve() and finish() do for it is written out
        # here, for the common case, as a call per scalar costs more than libyaml's parsing.
        text: str = event.value
        if event.tag is not None:
            self.check_tag(event)
        if len(text) > MAX_TEXT_CHARS:
            raise self.error(
                event, f"a text of {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}"
            )
        stack = self.stack
        parent = stack[-1] if stack else None
        if parent is not None and parent.key is None and isinstance(parent.value, dict):
            self.key(event, parent)
            return
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.too_many_values(event)
        if event.tag is None and (
            event.style not in (None, "") or (text not in _SPECIAL and text[:1] not in _DIGITS)
        ):
            value: Any = text  # quoted, or plain text that cannot be anything else
        else:
            value = self.resolve(event)
        if event.anchor is not None or parent is None:
            self.finish(value, 1, event.anchor, event.start_mark)
            return
        parent.size += 1
        parent.marks.append(event.start_mark)
        if isinstance(parent.value, dict):
            parent.value[parent.key] = value  # type: ignore[index]
            parent.key = None
        else:
            parent.value.append(value)

    def key(self, event: Any, parent: _Frame) -> None:
        assert isinstance(parent.value, dict)
        key = event.value
        if key in parent.value:
            first_line, first_column = mark_position(
                parent.marks[1 + 2 * list(parent.value).index(key)]
            )
            raise self.error(
                event, f"duplicate key {key!r} (first at line {first_line}, column {first_column})"
            )
        if len(parent.value) >= MAX_KEYS_PER_MAPPING:
            raise self.error(event, f"more than {MAX_KEYS_PER_MAPPING:,} keys in one mapping")
        parent.key = key
        # Reserve the slot now, so the duplicate check above sees keys whose value is pending.
        parent.value[key] = None
        parent.marks.append(event.start_mark)

    def resolve(self, event: Any) -> Any:
        text: str = event.value
        tag = event.tag
        plain = event.implicit[0] and event.style in (None, "")
        # The non-specific tag "!" (``! 12``) makes a text, as quotes would.
        if (tag is None and not plain) or tag in ("!", "tag:yaml.org,2002:str"):
            return text
        value: Any = text
        if text in _NULLS and tag in (None, "tag:yaml.org,2002:null"):
            value = None
        elif text in _TRUE and tag in (None, "tag:yaml.org,2002:bool"):
            value = True
        elif text in _FALSE and tag in (None, "tag:yaml.org,2002:bool"):
            value = False
        elif _INT.match(text) and tag in (None, "tag:yaml.org,2002:int"):
            value = _integer(text)
        elif _FLOAT.match(text) and tag in (None, "tag:yaml.org,2002:float"):
            value = float(text)
        elif tag is not None:
            raise self.error(event, f"{text!r} cannot be read as {tag.rsplit(':', 1)[-1]}")
        if not isinstance(value, str) or text in YAML11_BOOLEANS:
            self.plain_scalars[self.path()] = text
        return value

    def alias(self, event: Any) -> None:
        if self.expects_key():
            raise self.error(event, "an alias cannot be a key")
        if any(frame.anchor == event.anchor for frame in self.stack):
            raise self.error(
                event, f"alias *{event.anchor} is inside the value it names: a recursive alias"
            )
        if event.anchor not in self.anchors:
            raise self.error(event, f"alias *{event.anchor} names no anchor defined before it")
        value, size = self.anchors[event.anchor]
        self.alias_values += size
        if self.alias_values > MAX_ALIAS_VALUES:
            raise self.error(
                event,
                f"aliases expand to more than {MAX_ALIAS_VALUES:,} values; is this an alias bomb?",
            )
        self.count(event, size)
        # The aliased value is shared, not copied: nothing downstream mutates loaded data
        # except schema coercion, which only ever touches plain scalars, never collections.
        # Its marks are the alias's alone: a path into the value it repeats has none.
        self.finish(value, size, None, event.start_mark)
