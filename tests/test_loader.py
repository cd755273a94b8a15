"""Hostile and malformed inputs: each is a clear error that names the file and the place.

Every class of bad input is refused by the loader with a LadderError whose text reads
``file:line:column: message`` (or ``file: message`` when no place applies), and through the
real command line it is one PMF000 finding, exit code 1, no traceback, and bounded memory.
The big inputs are generated in tmp_path at test time.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pmframework.check.engine import check_input
from pmframework.errors import LadderError
from pmframework.load import document as loader_module
from pmframework.load.document import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_KEYS_PER_MAPPING,
    MAX_NODES,
    MAX_TEXT_CHARS,
    load_document,
    parse_document,
)

NAME = "hostile.yaml"


def refused(data: str | bytes, name: str = NAME) -> LadderError:
    """The LadderError that parsing ``data`` raises."""
    with pytest.raises(LadderError) as caught:
        parse_document(name, data)
    return caught.value


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


# --- one test per class of hostile input ------------------------------------------------------


def test_alias_bomb() -> None:
    # Nine levels of nine aliases would expand to 9**9 (387 million) values. Line n expands
    # to about 9**n values, so line 5 is the first to pass MAX_ALIAS_VALUES.
    assert 9**4 < MAX_ALIAS_VALUES < 9**5
    error = refused(billion_laughs())
    assert error.location.file == NAME
    assert error.location.line == 5
    assert "is this an alias bomb?" in error.message
    assert f"aliases expand to more than {MAX_ALIAS_VALUES:,} values" in error.message


def test_aliases_below_the_limit_are_expanded() -> None:
    document = parse_document(NAME, "a: &a [x, y]\nb: *a\nc: [*a, *a]\n")
    assert document.data == {"a": ["x", "y"], "b": ["x", "y"], "c": [["x", "y"], ["x", "y"]]}


class LookaheadLimitLoader(yaml.SafeLoader):
    """The pure-Python loader with a flow nesting limit in its scanner, as libyaml 0.2.6 has
    (there 1,000 levels; 200 here to keep the tests fast, which behaves the same for texts
    that, like those below, do not close what they open past the limit).

    The scanner reads ahead of the events it hands over, so this limit can fire while the
    builder has seen only a few levels: the case pmframework's own limit must still win.
    """

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= 200:
            mark = self.get_mark()
            raise yaml.scanner.ScannerError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )
        super().fetch_flow_collection_start(TokenClass)


LOADERS = {
    "installed": getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    "no-limit": yaml.SafeLoader,
    "lookahead-limit": LookaheadLimitLoader,
}


@pytest.fixture(params=sorted(LOADERS))
def any_libyaml(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test using this runs with the installed parser, with PyYAML's own (no nesting
    limit) and with one whose limit fires ahead of the events (as libyaml 0.2.6+ does)."""
    monkeypatch.setattr(loader_module, "_Loader", LOADERS[request.param])
    return str(request.param)


def test_the_lookahead_limit_fires_before_the_events_reach_64_levels() -> None:
    # What makes the case hard: with that limit, the parser's error comes before event 64.
    events = yaml.parse("a: " + "[" * 1000, Loader=LookaheadLimitLoader)
    with pytest.raises(yaml.scanner.ScannerError, match="exceeded maximum nesting depth"):
        for count, _ in enumerate(events):
            assert count < 10


@pytest.mark.usefixtures("any_libyaml")
def test_deep_flow_nesting() -> None:
    # The top mapping is one level, each bracket one more: bracket 64, at column 67, is the
    # first that would nest deeper than MAX_DEPTH.
    assert MAX_DEPTH == 64
    error = refused("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert str(error) == f"{NAME}:1:67: nested deeper than 64 levels"


@pytest.mark.usefixtures("any_libyaml")
@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Brackets inside quotes and comments do not count; the apostrophe of don't is text.
        ("a: [\"[{\", '[''[', don't, # [[[[\n" + "[" * 100, "2:63"),
        # Flow mappings under 4 block levels (top, two sequences, {c}): "{" 61 is at column 250.
        ("a: x\nb:\n  - - c: " + "{k: " * 100, "3:250"),
        # One bracket a line.
        ("a: [" + "\n[" * 300, "64:1"),
        # 40 block mappings by indentation, then brackets.
        ("a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(40)) + " " * 40 + "[" * 300,
         "42:65"),
    ],
    ids=["quotes-and-comments", "flow-mappings", "one-per-line", "block-then-flow"],
)  # fmt: skip
def test_deep_flow_nesting_is_found_where_it_passes_the_limit(text: str, place: str) -> None:
    assert str(refused(text)) == f"{NAME}:{place}: nested deeper than 64 levels"


FLOW_PIECES = ["[", "{k: ", "{", "x, ", "p: q, ", "? ", "&n y, ", "!!str t, ", "'q[', ",
               '"d{\\"", ', "don't, ", "# [{\n", "\n", "[], "]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FLOW_PIECES), max_size=40))
def test_a_parser_that_stops_early_gives_the_same_error(pieces: list[str]) -> None:
    # Whatever precedes the deep part, the parser whose limit fires early (as libyaml 0.2.6+
    # does) and the one without a limit give the same message at the same place.
    text = "a: [" + "".join(pieces) + "[" * 250

    def outcome(parser: type[Any]) -> str:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loader_module, "_Loader", parser)
            try:
                parse_document(NAME, text)
            except LadderError as error:
                return str(error)
        return "loaded"

    assert outcome(LookaheadLimitLoader) == outcome(yaml.SafeLoader)


def test_deep_block_nesting() -> None:
    # "- - - x" is block sequences nested in block sequences; the 65th dash is at column 129.
    error = refused("- " * 50_000 + "x\n")
    assert str(error) == f"{NAME}:1:129: nested deeper than 64 levels"


def test_deep_block_nesting_by_indentation() -> None:
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(100)) + " " * 100 + "leaf\n"
    error = refused(text)
    assert str(error) == f"{NAME}:65:65: nested deeper than 64 levels"


def test_nesting_within_the_limit_is_fine() -> None:
    document = parse_document(NAME, "a: " + "[" * 60 + "]" * 60 + "\n")
    value = document.data["a"]
    for _ in range(59):
        value = value[0]
    assert value == []


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("description: " + "x" * (20 * 1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(LadderError) as caught:
        load_document(str(path))
    assert str(caught.value) == (
        f"{path}: file is 20.0 MiB; pmframework reads ladders of up to "
        f"{MAX_FILE_BYTES // 1024 // 1024} MiB"
    )


def test_long_text_within_the_size_limit() -> None:
    error = refused("schema_version: 1\ndescription: " + "x" * (MAX_TEXT_CHARS + 1) + "\n")
    assert str(error) == (
        f"{NAME}:2:14: a text of {MAX_TEXT_CHARS + 1:,} characters; the limit is 100,000"
    )


def test_300_000_keys() -> None:
    text = "".join(f"k{i}: 1\n" for i in range(300_000))
    error = refused(text)
    # The key after the last one allowed, on the line after it.
    assert str(error) == (
        f"{NAME}:{MAX_KEYS_PER_MAPPING + 1}:1: "
        f"more than {MAX_KEYS_PER_MAPPING:,} keys in one mapping"
    )


def test_a_million_values() -> None:
    error = refused("a: [" + "1, " * 1_000_000 + "1]\n")
    assert error.location.line == 1
    assert f"more than {MAX_NODES:,} values" in error.message


def test_bytes_that_are_not_utf8_are_found_at_their_position() -> None:
    # Line 3, after "a: été " (7 characters, 9 bytes): column 8 counts characters, not bytes.
    error = refused(b"x: 1\ny: 2\na: \xc3\xa9t\xc3\xa9 \xff\xfe\n")
    assert str(error) == f"{NAME}:3:8: not UTF-8 text (byte 0xff); save the file as UTF-8"


def test_binary_file() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    # The first NUL byte is on line 3 ("\r\n" and "\n" end lines 1 and 2).
    assert str(refused(png)) == f"{NAME}:3:1: NUL byte: this is not a text file"


def test_utf16_file() -> None:
    data = "schema_version: 1\n".encode("utf-16")
    assert str(refused(data)) == f"{NAME}:1:1: UTF-16 text; save the file as UTF-8"


def test_utf8_byte_order_mark_is_fine() -> None:
    assert parse_document(NAME, b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_nul_bytes() -> None:
    error = refused(b"schema_version: 1\nframework:\n  id: ab\x00cd\n")
    assert str(error) == f"{NAME}:3:9: NUL byte: this is not a text file"


def test_several_documents_in_one_file() -> None:
    error = refused("schema_version: 1\n---\nschema_version: 1\n")
    assert str(error) == f"{NAME}:2:1: a second YAML document starts here; a ladder file holds one"


def test_one_document_with_explicit_markers_is_fine() -> None:
    assert parse_document(NAME, "---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["", "\n\n", "   \t\n"], ids=["empty", "newlines", "spaces"])
def test_empty_file(text: str) -> None:
    assert str(refused(text)) == f"{NAME}: file is empty; a ladder starts with 'schema_version: 2'"


def test_comment_only_file() -> None:
    error = refused("# a ladder, one day\n\n   # maybe\n")
    assert str(error) == (
        f"{NAME}: file holds only comments and blank lines; "
        "a ladder starts with 'schema_version: 2'"
    )


def test_top_level_list() -> None:
    error = refused("# comment\n- schema_version: 1\n")
    assert str(error).startswith(f"{NAME}:1:1: the top level is a list; a ladder is a mapping")


@pytest.mark.parametrize("text", ["just some text\n", "42\n", "null\n", '"quoted"\n'])
def test_top_level_scalar(text: str) -> None:
    error = refused(text)
    assert str(error).startswith(f"{NAME}:1:1: the top level is a single value; a ladder is a")


def test_duplicate_keys_name_the_first() -> None:
    text = "schema_version: 1\ntracks:\n  - id: ic\n    name: IC\n    id: other\n"
    error = refused(text)
    assert str(error) == f"{NAME}:5:5: duplicate key 'id' (first at line 3, column 5)"


def test_duplicate_top_level_key() -> None:
    error = refused("schema_version: 1\nframework: {}\nschema_version: 2\n")
    assert str(error) == f"{NAME}:3:1: duplicate key 'schema_version' (first at line 1, column 1)"


def test_python_tag_does_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    text = f"schema_version: !!python/object/apply:os.system [{shlex.quote(f'touch {marker}')}]\n"
    error = refused(text)
    assert str(error) == (
        f"{NAME}:1:17: YAML tag !!python/object/apply:os.system is not allowed in a ladder"
    )
    assert not marker.exists()
    # The payload is live: an unsafe loader would have run it.
    yaml.load(text, Loader=yaml.UnsafeLoader)
    assert marker.exists()


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("!!python/name:os.system ''", 4),
        ("!custom text", 4),
        ("!!binary aGVsbG8=", 4),
        ("!!set {a, b}", 4),
        ("[!!timestamp 2024-01-01]", 5),
    ],
)
def test_other_tags_are_refused(value: str, column: int) -> None:
    error = refused(f"a: {value}\n")
    assert error.location.line == 1
    assert error.location.column == column
    assert error.message.startswith("YAML tag ")


def test_standard_tags_are_fine() -> None:
    document = parse_document(NAME, "a: !!str 1.10\nb: !!int '3'\nc: ! yes\nd: ! 12\n")
    assert document.data == {"a": "1.10", "b": 3, "c": "yes", "d": "12"}


def test_recursive_alias() -> None:
    error = refused("a: &a [x, *a]\n")
    assert str(error) == f"{NAME}:1:11: alias *a is inside the value it names: a recursive alias"


def test_unknown_anchor() -> None:
    error = refused("a: [x]\nb: *nope\n")
    assert str(error) == f"{NAME}:2:4: alias *nope names no anchor defined before it"


def test_alias_used_before_its_anchor() -> None:
    error = refused("b: *a\na: &a [x]\n")
    assert str(error) == f"{NAME}:1:4: alias *a names no anchor defined before it"


def test_yaml_syntax_error_has_the_parsers_position() -> None:
    error = refused("schema_version: 1\nframework:\n  id: [unclosed\n  title: T\n")
    assert error.location.file == NAME
    assert error.location.line == 4
    assert error.message.startswith("invalid YAML: ")


def test_unreadable_input_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: &a [*a]\n", encoding="utf-8")
    [finding] = check_input(str(path), [])
    assert (finding.file, finding.line, finding.column, finding.rule) == (str(path), 1, 8, "PMF000")
    [finding] = check_input(str(tmp_path / "absent.yaml"), [])
    assert (finding.rule, finding.message) == ("PMF000", "no such file")
    [finding] = check_input(str(tmp_path), [])
    assert finding.message == "is a directory, not a ladder file"


def test_json_input_keeps_positions() -> None:
    text = json.dumps({"schema_version": 1, "tracks": [{"id": "ic"}]}, indent=2)
    document = parse_document("ladder.json", text)
    assert document.data == {"schema_version": 1, "tracks": [{"id": "ic"}]}
    assert document.position(("tracks", 0, "id")) == (5, 13)
    assert document.position(("tracks", 0, "id"), key=True) == (5, 7)


# --- through the real command line, in a subprocess -------------------------------------------

# Runs one command as its only child and reports its exit code, output and peak memory.
_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, stdin=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak_bytes = peak if sys.platform == "darwin" else peak * 1024
print(json.dumps({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                  "peak_bytes": peak_bytes}))
"""

MiB = 1024 * 1024


def _write(text: str | bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return write


def _write_huge(path: Path) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write("description: ")
        for _ in range(20):
            stream.write("x" * MiB)
        stream.write("\n")


def _write_many_values(path: Path) -> None:
    # Nearly MAX_FILE_BYTES of small values, far more than MAX_NODES.
    row = "  - [" + ", ".join(["ab"] * 40) + "]\n"
    rows = (MAX_FILE_BYTES - 100) // len(row)
    path.write_text("values:\n" + row * rows, encoding="utf-8")


HOSTILE: dict[str, Callable[[Path], None]] = {
    "alias-bomb": _write(billion_laughs()),
    "deep-flow": _write("a: " + "[" * 50_000 + "]" * 50_000 + "\n"),
    "deep-block": _write("- " * 50_000 + "x\n"),
    "huge-scalar": _write_huge,
    "many-values": _write_many_values,
    "many-keys": _write("".join(f"k{i}: 1\n" for i in range(300_000))),
    "binary": _write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100),
    "nul": _write(b"schema_version: 1\x00\n"),
    "two-documents": _write("a: 1\n---\nb: 2\n"),
    "empty": _write(""),
    "comments-only": _write("# nothing yet\n"),
    "top-level-list": _write("- a\n"),
    "top-level-scalar": _write("a ladder\n"),
    "duplicate-keys": _write("a: 1\na: 2\n"),
    "python-tag": _write("a: !!python/object/apply:os.system ['echo pwned']\n"),
    "recursive-alias": _write("a: &a [*a]\n"),
    "unknown-anchor": _write("a: *nope\n"),
    "syntax-error": _write("a: [1, 2\nb: }\n"),
}


def validate_measured(path: Path) -> dict[str, Any]:
    """``pmframework validate PATH`` in a subprocess: exit code, output and peak memory."""
    command = [sys.executable, "-m", "pmframework", "validate", str(path)]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        cwd=path.parent,
    )
    result: dict[str, Any] = json.loads(measured.stdout)
    output = result["stdout"] + result["stderr"]
    assert "Traceback" not in output
    assert result["peak_bytes"] < 300 * MiB, f"{result['peak_bytes'] / MiB:.0f} MiB"
    return result


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_file_through_the_cli(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.yaml"
    HOSTILE[kind](path)
    result = validate_measured(path)
    output = result["stdout"] + result["stderr"]
    assert result["code"] == 1, output
    assert result["stderr"] == ""
    *findings, summary = result["stdout"].splitlines()
    assert len(findings) == 1, output
    assert findings[0].startswith(f"{path}:")
    assert " PMF000 error " in findings[0]
    assert summary == "1 error, 0 warnings in 1 of 1 file"
    assert "pwned" not in output


def test_largest_readable_file_through_the_cli(tmp_path: Path) -> None:
    # Just under both the size limit and the value limit: the most the loader ever builds.
    path = tmp_path / "largest.yaml"
    row = "  - " + "y" * (MAX_FILE_BYTES // MAX_NODES - 5) + "\n"
    text = "values:\n" + row * (MAX_NODES - 1000)
    assert MAX_FILE_BYTES - 2 * MiB < len(text) < MAX_FILE_BYTES
    path.write_text(text, encoding="utf-8")
    result = validate_measured(path)
    assert result["code"] == 1
    assert result["stdout"].startswith(f"{path}:1:1: PMF002 error missing schema_version")


def test_huge_input_on_stdin_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    _write_huge(huge)
    with huge.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "pmframework", "validate", "-"],
            stdin=stdin,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 1
    limit = MAX_FILE_BYTES // MiB
    assert done.stdout.startswith(
        f"<stdin>: PMF000 error file is over {limit} MiB; "
        f"pmframework reads ladders of up to {limit} MiB\n"
    )
    assert "Traceback" not in done.stdout + done.stderr
