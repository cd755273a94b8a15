"""JSON ladders are read as JSON: every RFC 8259 document within the limits loads, with positions.

A ``.json`` file once went through the YAML parser, which refuses some valid JSON. Now it is read
by a JSON reader that keeps the line and column of every key and value and applies the same
limits as the YAML path; invalid JSON is one error at its line and column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, CliResult
from hypothesis import given, settings
from hypothesis import strategies as st
from test_loader import validate_measured

from pmframework.check.engine import check_input
from pmframework.errors import LadderError
from pmframework.load.document import (
    MAX_DEPTH,
    MAX_KEYS_PER_MAPPING,
    MAX_NODES,
    MAX_TEXT_CHARS,
    Document,
    parse_document,
)

NAME = "ladder.json"


def refused(text: str) -> str:
    """The one-line error that reading ``text`` as JSON gives."""
    with pytest.raises(LadderError) as caught:
        parse_document(NAME, text)
    return str(caught.value)


# --- valid JSON that the YAML parser refused --------------------------------------------------


def test_surrogate_pair_escapes_as_python_writes_them() -> None:
    data = {"schema_version": 1, "framework": {"title": "Ladder 🚀"}}
    text = json.dumps(data)  # ensure_ascii: the rocket is written "\ud83d\ude80"
    assert "\\ud83d\\ude80" in text
    document = parse_document(NAME, text)
    assert document.data == data
    assert document.position(("framework", "title")) == (1, 46)


def test_keys_over_1024_characters() -> None:
    key = "x-" + "k" * 2000
    document = parse_document(NAME, json.dumps({"schema_version": 1, key: True}, indent=2))
    assert document.data[key] is True
    assert document.position((key,), key=True) == (3, 3)
    assert document.position((key,)) == (3, 2009)


def test_key_and_colon_on_separate_lines() -> None:
    document = parse_document(NAME, '{\n  "schema_version"\n  :\n  1\n}\n')
    assert document.data == {"schema_version": 1}
    assert document.position(("schema_version",), key=True) == (2, 3)
    assert document.position(("schema_version",)) == (4, 3)


def test_positions_count_characters_and_every_line_ending() -> None:
    text = '{"a": "é😀",\r\n "b": [true,\r "c"],\n "d": null}'
    document = parse_document(NAME, text)
    assert document.data == {"a": "é😀", "b": [True, "c"], "d": None}
    assert document.position(("b", 1)) == (3, 2)
    assert document.position(("d",), key=True) == (4, 2)
    assert document.position(("d",)) == (4, 7)


def test_byte_order_mark_is_not_part_of_the_document() -> None:
    document = parse_document(NAME, b'\xef\xbb\xbf{"a": 1}')
    assert document.data == {"a": 1}
    assert document.position(("a",)) == (1, 7)
    assert parse_document(NAME, '\ufeff{"a": 1}').position(("a",)) == (1, 7)


def test_numbers_and_literals() -> None:
    text = '{"n": [0, -0, 12, -3.5, 1e3, 2E-2, 1.5e+2, true, false, null]}'
    assert parse_document(NAME, text).data == {
        "n": [0, 0, 12, -3.5, 1000.0, 0.02, 150.0, True, False, None]
    }


def test_a_number_where_the_schema_expects_text_keeps_its_digits() -> None:
    # As in YAML: the digits written, not the float they make, reach the schema step.
    document = parse_document(NAME, '{"version": 1.10}')
    assert document.plain_scalars[("version",)] == "1.10"


def test_files_are_read_as_json_by_their_name(tmp_path: Path) -> None:
    # A key whose colon is on the next line is valid JSON and invalid YAML.
    text = '{"schema_version"\n: 1}'
    for name in ("ladder.json", "LADDER.JSON"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        findings = check_input(str(path), [])
        assert {f.rule for f in findings} == {"PMF001"}  # parsed; only the schema complains
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    [finding] = check_input(str(path), [])
    assert finding.rule == "PMF000"
    assert finding.message.startswith("invalid YAML: ")


def test_a_sheet_imported_to_a_json_file_is_json(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    out = tmp_path / "ladder.json"
    result = run_cli(
        "import", str(REPO / "tests/fixtures/spreadsheets/pm-ladder.csv"), "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert run_cli("validate", str(out)).exit_code == 0


def test_a_ladder_started_in_a_json_file_is_json(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    out = tmp_path / "ladder.json"
    assert run_cli("init", str(out), "--organization", "Acme").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["framework"]["organization"] == "Acme"
    assert run_cli("validate", str(out)).exit_code == 0


# --- invalid JSON: one line, with line and column ---------------------------------------------

NO_TRAILING_COMMA = "JSON has no comma after the last item"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('{"a": 1,}', "1:9: invalid JSON: a ',' before '}'; " + NO_TRAILING_COMMA),
        ('{"a": [1,\n]}', "2:1: invalid JSON: a ',' before ']'; " + NO_TRAILING_COMMA),
        ("{a: 1}", "1:2: invalid JSON: expected a key in double quotes, found 'a'"),
        ("{'a': 1}", "1:2: invalid JSON: expected a key in double quotes, found \"'\""),
        ('{"a" 1}', "1:6: invalid JSON: expected ':' after the key, found '1'"),
        ('{"a": 1 "b": 2}', "1:9: invalid JSON: expected ',' or '}', found '\"'"),
        ('{"a": [1, 2}', "1:12: invalid JSON: expected ',' or ']', found '}'"),
        ('{"a": [1, 2', "1:12: invalid JSON: expected ',' or ']', found the end of the file"),
        ('{"a": NaN}', "1:7: invalid JSON: expected a value, found 'N'"),
        ('{"a": 01}', "1:8: invalid JSON: expected ',' or '}', found '1'"),
        ('{"a": .5}', "1:7: invalid JSON: expected a value, found '.'"),
        ('{"a": }', "1:7: invalid JSON: expected a value, found '}'"),
        ('{"a": 1}\n{"b": 2}', "2:1: invalid JSON: '{' after the document's end"),
        ("{} // note", "1:4: invalid JSON: '/' after the document's end"),
        ('{"a": "b\nc"}', "1:9: invalid JSON: U+000A inside a string; control characters are "
         "written as escapes such as \\n or \\t"),
        ('{"a": "b', "1:7: invalid JSON: a string with no closing '\"'"),
        ('{"a": "\\x41"}', "1:8: invalid JSON: an invalid escape; "
         'JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX'),
        ('{"a": "\\u00g1"}', "1:9: invalid JSON: a \\u escape needs four hexadecimal digits"),
        ('{"a": "\\ud800 alone"}', "1:7: invalid JSON: a \\u escape in this string is half of "
         "a surrogate pair, not a character; write the character itself or both halves of the "
         "pair"),
        ("\u00a0{}", "1:1: invalid JSON: expected a value, found U+00A0"),
    ],
)  # fmt: skip
def test_invalid_json(text: str, error: str) -> None:
    assert refused(text) == f"{NAME}:{error}"


def test_top_level_must_still_be_a_mapping() -> None:
    assert refused("[1]").startswith(f"{NAME}:1:1: the top level is a list; a ladder is a mapping")
    assert refused('  "x"').startswith(f"{NAME}:1:1: the top level is a single value")


# --- the limits of the YAML path --------------------------------------------------------------


def test_depth_limit() -> None:
    assert MAX_DEPTH == 64
    text = '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}"
    assert refused(text) == f"{NAME}:1:70: nested deeper than 64 levels"


def test_key_count_limit() -> None:
    text = "{" + ",\n".join(f'"k{i}": 1' for i in range(MAX_KEYS_PER_MAPPING + 5)) + "}"
    line = MAX_KEYS_PER_MAPPING + 1
    assert (
        refused(text) == f"{NAME}:{line}:1: more than {MAX_KEYS_PER_MAPPING:,} keys in one mapping"
    )


def test_text_size_limit_for_values_and_keys() -> None:
    long = "x" * (MAX_TEXT_CHARS + 1)
    message = f"a text of {MAX_TEXT_CHARS + 1:,} characters; the limit is 100,000"
    assert refused(json.dumps({"a": long})) == f"{NAME}:1:7: {message}"
    assert refused(json.dumps({long: 1})) == f"{NAME}:1:2: {message}"


def test_value_count_limit() -> None:
    error = refused('{"a": [' + "1," * MAX_NODES + "1]}")
    # The object and the array count too: item MAX_NODES - 2 (from 0) is one too many.
    column = 8 + 2 * (MAX_NODES - 2)
    assert error.startswith(f"{NAME}:1:{column}: more than {MAX_NODES:,} values")


def test_duplicate_keys() -> None:
    text = '{"schema_version": 1,\n "schema_version": 2}'
    assert refused(text) == (
        f"{NAME}:2:2: duplicate key 'schema_version' (first at line 1, column 2)"
    )


# Built when a test runs, and named by kind only: a parameter of megabytes in the test id would
# reach the environment of every subprocess (PYTEST_CURRENT_TEST) and make it too large to run.
HOSTILE_JSON = {
    "deep": lambda: '{"a": ' + "[" * 5_000_000,
    "wide": lambda: '{"a": [' + "0," * 5_000_000 + "0]}",
    "blank-lines": lambda: "\n" * 10_000_000 + "{,}",
    "long-string": lambda: '{"a": "' + "x" * 10_000_000 + '"}',
}


@pytest.mark.parametrize("kind", HOSTILE_JSON)
def test_hostile_json_through_the_cli(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.json"
    path.write_text(HOSTILE_JSON[kind](), encoding="utf-8")
    result = validate_measured(path)
    assert result["code"] == 1
    [finding, summary] = result["stdout"].splitlines()
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: PMF000 error ", finding), finding
    assert summary == "1 error, 0 warnings in 1 of 1 file"


# --- any JSON document loads to the same data, with positions ---------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
)
_KEYS = st.text(st.characters(exclude_categories=("Cs",)), max_size=10) | st.text(
    "k", min_size=1025, max_size=1030
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=30,
)


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for part, value in items:
        found.extend(_paths(value, (*path, part)))
    return found


def _canonical(data: Any) -> str:
    # json.dumps tells true from 1 and 1.0 from 1, which == does not.
    return json.dumps(data, sort_keys=True)


@settings(max_examples=100, deadline=None)
@given(
    data=st.dictionaries(_KEYS, _VALUES, max_size=6),
    ensure_ascii=st.booleans(),
    indent=st.sampled_from([None, 0, 1, 2, "\t"]),
    compact=st.booleans(),
    line_ending=st.sampled_from(["\n", "\r\n"]),
)
def test_any_json_document_loads_with_positions(
    data: dict[str, Any],
    ensure_ascii: bool,
    indent: int | str | None,
    compact: bool,
    line_ending: str,
) -> None:
    separators = (",", ":") if compact else None
    text = json.dumps(data, ensure_ascii=ensure_ascii, indent=indent, separators=separators)
    # Strings hold no raw line breaks (json.dumps escapes them), so this changes only layout.
    text = text.replace("\n", line_ending)
    document: Document = parse_document(NAME, text)
    assert _canonical(document.data) == _canonical(data)
    line_starts = [0, *(m.end() for m in re.finditer(r"\r\n|\n", text))]

    def read_at(position: tuple[int, int]) -> Any:
        line, column = position
        return json.JSONDecoder().raw_decode(text, line_starts[line - 1] + column - 1)[0]

    for path in _paths(data):
        # The value read at the position given for a path is the value at that path ...
        assert read_at(document.value_positions[path]) == _at(data, path)
        # ... and the key read at the position given for its key is its key.
        if path and isinstance(path[-1], str):
            assert read_at(document.key_positions[path]) == path[-1]
