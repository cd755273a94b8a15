"""Reads a ladder file (YAML or JSON) safely into plain data, keeping where every value stood.

The loader builds the data itself from the parser's event stream rather than letting PyYAML
construct objects, which buys four things at once:

* positions: the line and column of every key and value, so findings can point at them;
* safety: no tag ever runs code, duplicate keys are errors, and aliases, nesting depth, key
  counts and text sizes are bounded, so a hostile file costs bounded time and memory;
* YAML 1.2 scalars: ``no`` and ``on`` stay text and dates stay text; the source text of every
  plain scalar that became a number or boolean is kept, so the schema step can give a person
  the string they wrote (``version: 1.10`` is "1.10", not 1.1);
* no recursion, so a 50,000-deep file is a clear error, not a crash.

The loader's limits are its own, so a file gets the same message at the same place whichever
libyaml is installed (see ``_LookaheadTooDeep``).

``.json`` files are read by pmframework.load.json_reader, which gives the builder
(pmframework.load.builder) the same events as the YAML parser.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pmframework.errors import LadderError, Location
from pmframework.findings import JsonPath

# The limits a file is read under, importable from here as before.
from pmframework.load.builder import MAX_ALIAS_VALUES as MAX_ALIAS_VALUES
from pmframework.load.builder import MAX_DEPTH as MAX_DEPTH
from pmframework.load.builder import MAX_KEYS_PER_MAPPING as MAX_KEYS_PER_MAPPING
from pmframework.load.builder import MAX_NODES as MAX_NODES
from pmframework.load.builder import MAX_TEXT_CHARS as MAX_TEXT_CHARS
from pmframework.load.builder import TOO_DEEP, TreeBuilder, mark_position
from pmframework.load.builder import YAML11_BOOLEANS as YAML11_BOOLEANS
from pmframework.load.json_reader import is_json, json_events
from pmframework.load.yaml_hints import explain
from pmframework.resources import BUILTIN_PREFIX, builtin_names, builtin_path

# The largest file read; the other limits are checked as the file is read (see
# pmframework.load.builder).
MAX_FILE_BYTES = 16 * 1024 * 1024

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML's line breaks, as libyaml counts lines.
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass
class Document:
    """A loaded file: its data, and where each value and key started in the text."""

    name: str
    data: Any
    # Source text of plain scalars that resolved to something other than text.
    plain_scalars: dict[JsonPath, str] = field(default_factory=dict)
    # The folder of the file it was read from (None for standard input and text), against
    # which the ladder's relative references to other files resolve.
    folder: Path | None = None
    source: str = ""  # the text parsed, for positions inside a value (pmframework.load.spans)
    # Where the loader found each value and key: the top value's entry, an entry being the
    # parser's start mark of a text or an alias, or for a mapping or list the list of marks
    # pmframework.load.builder's _Frame describes. Recording a mark per value costs the loader
    # one append, where a dictionary keyed by paths would cost a tuple and its hash. A path is
    # found by walking the data beside its marks: nothing changes loaded data in place (the
    # schema step coerces a copy). None for a document made in code, whose positions are set
    # in value_positions and key_positions.
    marks: Any = field(default=None, repr=False)
    _value_positions: dict[JsonPath, tuple[int, int]] | None = field(
        default=None, init=False, repr=False
    )
    _key_positions: dict[JsonPath, tuple[int, int]] | None = field(
        default=None, init=False, repr=False
    )
    # For each mapping's list of marks looked into (by id), the place of each key in it.
    _key_indexes: dict[int, dict[str | int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def value_positions(self) -> dict[JsonPath, tuple[int, int]]:
        """The line and column (from 1) of every value, by path."""
        if self._value_positions is None:
            self._value_positions, self._key_positions = self._position_tables()
        return self._value_positions

    @property
    def key_positions(self) -> dict[JsonPath, tuple[int, int]]:
        """The line and column (from 1) of every mapping key, by the path of its value."""
        if self._key_positions is None:
            self._value_positions, self._key_positions = self._position_tables()
        return self._key_positions

    def has_value(self, path: JsonPath) -> bool:
        """Whether there is a value at ``path``."""
        if self.marks is None:
            return path in self.value_positions
        return self._find(path)[2]

    def position(self, path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (from 1) of the value at ``path`` (or its key), else of its parent."""
        if self.marks is None:
            return _position_in(self.value_positions, self.key_positions, path, key=key)
        if key and not path:
            return (1, 1)  # the top value has no key: the file's start, as in _position_in
        mark, key_mark, found = self._find(path)
        if key and found and key_mark is not None:
            mark = key_mark
        return mark_position(mark)

    def location(self, path: JsonPath, *, key: bool = False) -> Location:
        line, column = self.position(path, key=key)
        return Location(self.name, line, column)

    def _find(self, path: JsonPath) -> tuple[Any, Any, bool]:
        """The mark of the value at ``path`` (else of the nearest value above it that has
        one), the mark of its key (None for a list item or the top value), and whether the
        value at ``path`` was found. Walks the data and its marks side by side."""
        entry, value, key_mark = self.marks, self.data, None
        for step in path:
            if not isinstance(entry, list):
                # A text, or an alias: the values an alias repeats have no marks of their own.
                return entry, None, False
            if isinstance(value, dict):
                place = self._key_index(entry, value).get(step)
                if place is None:
                    return entry[0], None, False
                key_mark, entry = entry[1 + 2 * place], entry[2 + 2 * place]
            elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
                key_mark, entry = None, entry[1 + step]
            else:
                return entry[0], None, False
            value = value[step]
        return (entry[0] if isinstance(entry, list) else entry), key_mark, True

    def _key_index(self, marks: list[Any], mapping: dict[str, Any]) -> dict[str | int, int]:
        # A mapping's keys are in its marks in the order they were read, the mapping's order.
        index = self._key_indexes.get(id(marks))
        if index is None:
            index = self._key_indexes[id(marks)] = {key: i for i, key in enumerate(mapping)}
        return index

    def _position_tables(
        self,
    ) -> tuple[dict[JsonPath, tuple[int, int]], dict[JsonPath, tuple[int, int]]]:
        """Every value's and key's position by path, from the marks (empty without marks)."""
        values: dict[JsonPath, tuple[int, int]] = {}
        keys: dict[JsonPath, tuple[int, int]] = {}
        # (path, its entry, its value, the mark of its key), taken in the order of the file.
        pending: list[tuple[JsonPath, Any, Any, Any]] = []
        if self.marks is not None:
            pending.append(((), self.marks, self.data, None))
        while pending:
            path, entry, value, key_mark = pending.pop()
            if key_mark is not None:
                keys[path] = mark_position(key_mark)
            if not isinstance(entry, list):
                values[path] = mark_position(entry)
                continue
            values[path] = mark_position(entry[0])
            if isinstance(value, dict):
                items = [
                    ((*path, key), entry[2 + 2 * i], child, entry[1 + 2 * i])
                    for i, (key, child) in enumerate(value.items())
                ]
            else:
                items = [((*path, i), entry[1 + i], child, None) for i, child in enumerate(value)]
            pending.extend(reversed(items))
        return values, keys


def _position_in(
    values: dict[JsonPath, tuple[int, int]],
    keys: dict[JsonPath, tuple[int, int]],
    path: JsonPath,
    *,
    key: bool,
) -> tuple[int, int]:
    """``Document.position`` for positions set by path, in a document made in code."""
    index = keys if key else values
    while True:
        if path in index:
            return index[path]
        if not path:
            return (1, 1)
        if key and path in values:
            return values[path]
        path = path[:-1]
        index = values


def read_input(spec: str) -> tuple[str, bytes]:
    """The display name and bytes of a ladder given as a path, ``-`` (stdin) or ``builtin:NAME``."""
    if spec == "-":
        return "<stdin>", _check_size("<stdin>", sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
    if spec.startswith(BUILTIN_PREFIX):
        name = spec[len(BUILTIN_PREFIX) :]
        path = builtin_path(name)
        if path is None:
            known = ", ".join(builtin_names())
            raise LadderError(Location(spec), f"no built-in framework {name!r}; known: {known}")
        return spec, path.read_bytes()
    path = Path(spec)
    try:
        if path.is_dir():
            raise LadderError(Location(spec), "is a directory, not a ladder file")
        refuse_too_large(spec, path.stat().st_size)
        with path.open("rb") as stream:
            return spec, _check_size(spec, stream.read(MAX_FILE_BYTES + 1))
    except FileNotFoundError:
        raise LadderError(Location(spec), "no such file") from None
    except OSError as error:
        raise LadderError(Location(spec), f"cannot read: {error.strerror or error}") from None


def refuse_too_large(name: str, size: int, *, known: bool = True) -> None:
    """Refuse a ladder of ``size`` bytes (or characters) past the limit; ``known``: measured."""
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        measured = f"{size / 1024 / 1024:.1f}" if known else f"over {limit}"
        problem = f"file is {measured} MiB; pmframework reads ladders of up to {limit} MiB"
        raise LadderError(Location(name), problem)


def _check_size(name: str, data: bytes) -> bytes:
    refuse_too_large(name, len(data), known=False)
    return data


def decode(name: str, data: bytes, *, save_as: str = "the file as UTF-8") -> str:
    """UTF-8 text of ``data``, or an error at the line and column of the first bad byte.

    ``save_as`` completes the advice "save ..." that ends each message.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # What Windows tools often write; without this it would read as "not a text file".
        raise LadderError(Location(name, 1, 1), f"UTF-16 text; save {save_as}")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise LadderError(Location(name, line, column), "NUL byte: this is not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        raise LadderError(
            Location(name, line, column),
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save {save_as}",
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def load_document(spec: str) -> Document:
    """Read, decode and parse one ladder input. Raises LadderError with a location."""
    name, data = read_input(spec)
    document = parse_document(name, data)
    document.folder = _input_folder(spec)
    return document


def _input_folder(spec: str) -> Path | None:
    if spec == "-":
        return None
    if spec.startswith(BUILTIN_PREFIX):
        path = builtin_path(spec[len(BUILTIN_PREFIX) :])
        return path.parent if path else None
    return Path(spec).parent


def parse_document(name: str, data: bytes | str) -> Document:
    """Parse ladder text that has already been read; ``name`` is used in messages."""
    # The same bound as for files, for callers of the Python API that pass text directly.
    refuse_too_large(name, len(data))
    text = decode(name, data) if isinstance(data, bytes) else data
    if not text.strip():
        raise LadderError(Location(name), "file is empty; a ladder starts with 'schema_version: 2'")
    builder = TreeBuilder(name)
    try:
        if is_json(name):
            builder.build(json_events(name, text))
        else:
            _build_yaml(builder, name, text)
    except _LookaheadTooDeep as limit:
        raise _error_before(name, text, limit) from None
    if builder.documents == 0:
        raise LadderError(
            Location(name),
            "file holds only comments and blank lines; a ladder starts with 'schema_version: 2'",
        )
    if not isinstance(builder.data, dict):
        kind = "a list" if isinstance(builder.data, list) else "a single value"
        raise LadderError(
            Location(name, 1, 1),
            f"the top level is {kind}; a ladder is a mapping with keys such as "
            "schema_version, framework and tracks",
        )
    return Document(name, builder.data, builder.plain_scalars, source=text, marks=builder.marks)


class _LookaheadTooDeep(Exception):
    """libyaml's own nesting limit fired, perhaps before pmframework's.

    libyaml 0.2.6 and later refuse flow collections nested 1,000 deep, and its scanner reads up
    to 1,024 characters ahead of the events it hands over (to tell whether a ``[`` starts a
    key), so that limit can fire while pmframework has seen only a few levels.
    """

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line, self.column = line, column


def _error_before(name: str, text: str, limit: _LookaheadTooDeep) -> LadderError:
    """The error pmframework finds in ``text`` up to where libyaml's nesting limit fired.

    Cut there, the text gives the same events up to pmframework's first error (at most 64
    levels deep): the cut could change an event only by hiding the ``:`` that makes a
    ``[`` or ``{`` a key, and that ``:`` would come after closing the 900-odd levels opened
    past it, more than the 1,024 characters within which a key is looked for. So the message
    and place do not depend on which libyaml is installed. If the cut text shows no error of
    pmframework's own, the file is too deep at the place libyaml stopped.
    """
    cut = _offset(text, limit.line, limit.column)
    too_deep = LadderError(Location(name, limit.line + 1, limit.column + 1), TOO_DEEP)
    try:
        _build_yaml(TreeBuilder(name), name, text[:cut])
    except _LookaheadTooDeep:
        return too_deep
    except LadderError as error:
        # A YAML error where the text was cut is the cut's doing, not the file's.
        where = error.location
        at_cut = (where.line, where.column) >= (limit.line + 1, limit.column + 1)
        return too_deep if at_cut or not where.line else error
    return too_deep


def _build_yaml(builder: TreeBuilder, name: str, text: str) -> None:
    """Give ``builder`` the events of YAML ``text``; a parser error is a LadderError there."""
    loader = _Loader(text)
    try:
        # get_event gives None after the last event; iter() calls it without a Python loop (nor
        # a generator between parser and builder, whose resuming costs per event).
        builder.build(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark and "maximum nesting depth" in (error.problem or ""):
            raise _LookaheadTooDeep(mark.line, mark.column) from None
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.problem:
            problem = f"{problem} ({error.context})"
        hint = explain(text, error)
        if hint:
            problem = hint
        raise LadderError(Location(name, line, column), f"invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise LadderError(Location(name), f"invalid YAML: {error}") from None
    finally:
        loader.dispose()


def _offset(text: str, line: int, column: int) -> int:
    """Index in ``text`` of a parser mark's line and column (both from 0)."""
    start = 0
    for _ in range(line):
        found = _BREAK.search(text, start)
        if found is None:
            break
        start = found.end()
    return start + column
