"""Rewriting a ladder file at the newest schema version (``pmframework migrate``).

The data is migrated as the engine migrates it (pmframework.check.versions), and only what the
migration changes is written back into the file. A YAML file is edited with ruamel.yaml in
round-trip mode, which keeps comments, key order, quoting, flow style and long lines as they
are (PyYAML, which pmframework reads with, drops comments). The indentation of block mappings
and sequences is not recorded by any YAML library, so it is chosen among the common styles as
the one that writes the file back unchanged; where none does (Windows line ends, document
markers), a plain value the migration replaces is replaced where it stands in the text. So is
one of a JSON file; a JSON file that needs more is written as pmframework writes JSON.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any

from pmframework.check.engine import checked
from pmframework.check.schema import declared_version, latest_version
from pmframework.check.versions import migrate
from pmframework.errors import LadderError, Location
from pmframework.load.document import Document, decode, parse_document, read_input
from pmframework.load.json_reader import is_json
from pmframework.text import json_text

# Block indentation styles, (mapping, sequence, offset), the commonest first: pmframework's own
# (sequences indented under their key, "  - id:"), then sequences flush with their key.
_STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


@dataclass(frozen=True)
class Upgraded:
    """A ladder's text at the newest schema version, and the version it was at."""

    text: str
    version: int
    target: int

    @property
    def changed(self) -> bool:
        return self.version != self.target


def upgrade_input(spec: str) -> Upgraded:
    """The ladder ``spec`` (a path, ``-`` or ``builtin:NAME``) rewritten at the newest version."""
    name, data = read_input(spec)
    return upgrade_text(name, decode(name, data))


def upgrade_text(name: str, text: str) -> Upgraded:
    """``text`` (the ladder ``name``) rewritten at the newest schema version.

    The ladder must have no errors, so that what is migrated is what it means; a ladder at the
    newest version already comes back as it is.
    """
    document = parse_document(name, text)
    checked(document)  # raises InvalidLadderError, with the first error, where it has one
    version, target = declared_version(document.data), latest_version()
    if version == target:
        return Upgraded(text, version, target)
    after = migrate(document.data, version, target).data
    if is_json(name):
        rewritten = _splice(document, text, after) or json_text(after)
    else:
        rewritten = _rewrite_yaml(document, text, after)
    checked(parse_document(name, rewritten))  # what is written is a valid ladder
    return Upgraded(rewritten, version, target)


# A number or a double-quoted string (JSON's, and YAML's), as it starts at a value's position.
_SCALAR_TOKEN = re.compile(r'-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"')


def _splice(document: Document, text: str, after: Any) -> str | None:
    """``text`` with each top-level number or string the migration changed replaced where it
    stands, every other byte kept; or None where the migration changes more than that."""
    before = document.data
    if set(before) != set(after):
        return None
    lines = text.splitlines(keepends=True)
    starts = [0, *itertools.accumulate(len(line) for line in lines)]
    edits = []
    for key, value in after.items():
        if before[key] == value:
            continue
        if not isinstance(value, (int, str)) or not document.has_value((key,)):
            return None
        line, column = document.position((key,))
        offset = starts[line - 1] + column - 1
        token = _SCALAR_TOKEN.match(text, offset)
        if token is None:
            return None
        new = json.dumps(value, ensure_ascii=False, allow_nan=False)
        edits.append((token.start(), token.end(), new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _rewrite_yaml(document: Document, text: str, after: Any) -> str:
    """The YAML ``text`` with the migration's changes, edited in ruamel.yaml's round-trip
    tree. Where ruamel.yaml cannot write the file back as it is (Windows line ends, document
    markers, an indentation of its own), a change of plain values is spliced into the text
    instead; anything more is written in the closest style, comments kept."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    def dumper(style: tuple[int, int, int]) -> YAML:
        yaml = YAML()  # round-trip mode
        yaml.preserve_quotes = True
        yaml.width = 1_000_000  # never fold a line the author did not fold
        mapping, sequence, offset = style
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        return yaml

    try:
        tree = dumper(_STYLES[0]).load(text)
    except YAMLError as error:  # pmframework's reader accepted it; say so rather than crash
        where = Location(document.name)
        raise LadderError(where, f"cannot rewrite this YAML: {error}") from None
    style = next((s for s in _STYLES if _dump(dumper(s), tree) == text), None)
    if style is None:
        spliced = _splice(document, text, after)
        if spliced is not None:
            return spliced
    _apply(tree, document.data, after)
    return _dump(dumper(style or _STYLES[0]), tree)


def _dump(yaml: Any, tree: Any) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _apply(tree: Any, before: Any, after: Any) -> None:
    """Change ``tree`` (ruamel's, with the comments) where ``after`` differs from ``before``,
    leaving every part the migration did not touch as the file wrote it."""
    for key in [k for k in before if k not in after]:
        del tree[key]
    for key, value in after.items():
        if key in before and before[key] == value:
            continue
        if key in before and isinstance(value, dict) and isinstance(before[key], dict):
            _apply(tree[key], before[key], value)
        else:
            tree[key] = value
