"""Ladder data as YAML text, written directly: the few types a ladder holds, in block style.

PyYAML's dumper spends most of a large import on what a ladder does not need (a type lookup,
alias bookkeeping and an implicit-type resolution per value); this writes each value in one
step. Texts are written so that any YAML reader (the ladder loader, YAML 1.2, or PyYAML's YAML
1.1 ``safe_load``) reads back exactly the text written:

* plain, when nothing in the text could be read as YAML syntax, a number, a boolean or null;
* as a literal block (``|-``) when it spans several lines, so that a ladder reads like the sheet
  it came from;
* double-quoted otherwise, every character YAML would fold or refuse escaped.
"""

from __future__ import annotations

import re
from typing import Any

# Characters YAML escapes in any style (besides the controls \x00-\x1f): C1 controls, the
# line and paragraph separators, the byte order mark, non-characters and lone surrogates.
_ODD = r"\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
_NOT_PLAIN = re.compile(r"[\x00-\x1f" + _ODD + "]")
# A plain text must not start with an indicator (a list item, a quote, an anchor, a comment...)
# or with a sign that could start a number (.5, +1, -1).
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`=~<.+")
# Texts YAML 1.1 (PyYAML) or 1.2 read as a number, a date, a time, a boolean or null when plain.
_NUMBER_LIKE = re.compile(r"[0-9][-0-9_:.,eExXoObBtTzZ+a-fA-F ]*")
_WORDS = frozenset(["y", "yes", "n", "no", "true", "false", "on", "off", "null"])
# In a literal block every character but the line break is written as it is; a line's leading
# and trailing spaces would be taken for indentation or lost.
_NOT_LITERAL = re.compile(r"[\x00-\x09\x0b-\x1f" + _ODD + r"]| \n|\n ")
_ESCAPED = re.compile(r'[\x00-\x1f"\\' + _ODD + "]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def quoted(text: str) -> str:
    """``a "b"`` → ``"a \\"b\\""``: a double-quoted YAML scalar, every special character escaped."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


# Most texts of a ladder: a letter, then letters, digits, spaces and punctuation that means
# nothing inside a plain scalar (no ':' or '#'), not ending in a space. Such a text is plain
# unless it is a word YAML reads as a boolean or null; one match decides most texts at once.
_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;!?()'/_-]*[A-Za-z0-9.!?)'_-]")


def scalar(text: str) -> str:
    """A single-line text as YAML: plain where it reads back as the same text, else quoted."""
    if _SAFE.fullmatch(text) and not (len(text) <= 5 and text.casefold() in _WORDS):
        return text
    plain = (
        text
        and text[0] not in _NOT_FIRST
        and not text[0].isspace()
        and not text[-1].isspace()
        and text[-1] != ":"
        and ": " not in text  # a key
        and " #" not in text  # a comment
        and not _NOT_PLAIN.search(text)
        and not (text[0].isdigit() and _NUMBER_LIKE.fullmatch(text))
        and not (len(text) <= 5 and text.casefold() in _WORDS)
    )
    return text if plain else quoted(text)


def _literal(text: str) -> bool:
    """Whether a text of several lines can be a literal block: no line starts or ends with a
    space, since a block's indentation and its lines' ends are not part of its text."""
    return (
        "\n" in text
        and not text[0].isspace()
        and not text[-1].isspace()
        and not _NOT_LITERAL.search(text)
    )


def yaml_text(data: dict[str, Any]) -> str:
    """A mapping of texts, integers, lists and mappings as block-style YAML, keys in order."""
    out: list[str] = []
    _mapping(data, "", out, {}, inline=False)
    return "".join(out)


def _mapping(
    data: dict[str, Any], indent: str, out: list[str], keys: dict[str, str], *, inline: bool
) -> None:
    """Keys at ``indent``; with ``inline`` the first follows a ``- `` already written. ``keys``
    holds the keys written so far, as written: a ladder repeats the same few thousand."""
    for key, value in data.items():
        written = keys.get(key)
        if written is None:
            written = keys[key] = scalar(key) + ":"
        if not inline:
            written = indent + written
        inline = False
        if type(value) is str and "\n" not in value:  # most values: a line of text, one append
            out.append(f"{written} {scalar(value)}\n")
        else:
            out.append(written)
            # A list in a mapping is written at the key's own indentation, as PyYAML writes it.
            _value(value, indent if isinstance(value, list) else indent + "  ", out, keys)


def _sequence(
    items: list[Any], indent: str, out: list[str], keys: dict[str, str], *, inline: bool
) -> None:
    """Items at ``indent``; with ``inline`` the first follows a ``- `` already written."""
    for item in items:
        out.append("-" if inline else indent + "-")
        inline = False
        if isinstance(item, dict) and item:
            out.append(" ")
            _mapping(item, indent + "  ", out, keys, inline=True)
        elif isinstance(item, list) and item:
            out.append(" ")
            _sequence(item, indent + "  ", out, keys, inline=True)
        else:
            _value(item, indent + "  ", out, keys)


def _value(value: Any, indent: str, out: list[str], keys: dict[str, str]) -> None:
    """``value`` after a ``key:`` or ``-``: on the same line when it is a scalar or empty, else
    on the lines that follow, at ``indent``."""
    if isinstance(value, str):
        if _literal(value):
            lines = (indent + line if line else line for line in value.split("\n"))
            out.append(" |-\n" + "\n".join(lines) + "\n")
        else:
            out.append(" " + scalar(value) + "\n")
    elif isinstance(value, bool):
        out.append(" true\n" if value else " false\n")
    elif isinstance(value, int):
        out.append(f" {value}\n")
    elif isinstance(value, float):  # a rank or points between whole numbers (1.5)
        out.append(f" {_float(value)}\n")
    elif value is None:
        out.append(" null\n")
    elif isinstance(value, (dict, list)):
        if not value:
            out.append(" {}\n" if isinstance(value, dict) else " []\n")
        elif isinstance(value, dict):
            out.append("\n")
            _mapping(value, indent, out, keys, inline=False)
        else:
            out.append("\n")
            _sequence(value, indent, out, keys, inline=False)
    else:
        raise TypeError(f"a ladder holds no {type(value).__name__}")


def _float(value: float) -> str:
    """A finite float as YAML 1.1 reads it back as a float: ``1e+20`` would be a string."""
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        return f"{mantissa}.0e{exponent}"
    return text
