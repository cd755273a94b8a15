"""Numbers of any size: read without a traceback, bounded by the schema, written as strict JSON.

A rank of 310 digits used to pass validate and crash render and diff; one of 5,000 digits
crashed the loader; ``rank: 1e999`` was read as infinity, shown as "Rank inf" and written by
``diff --format json`` as ``Infinity``, which JSON.parse rejects.
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, CliResult
from hypothesis import given
from hypothesis import strategies as st

from pmframework.check.engine import checked_ladder
from pmframework.check.schema import NUMBER_AS_TEXT
from pmframework.load.document import parse_document
from pmframework.text import json_text, number_text

RunCli = Callable[..., CliResult]
ACME = EXAMPLES / "valid" / "acme-small.yaml"
# The lines of acme-small.yaml with a rank, at column 15: the first level of its first track
# (rank 3, then 4), and the only level of its second.
FIRST, LAST = 74, 120
RANGE = "write a number from -1,000,000 to 1,000,000"


def acme_with_rank(tmp_path: Path, line: int, written: str) -> Path:
    lines = ACME.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[line - 1].startswith("        rank: ")
    lines[line - 1] = f"        rank: {written}\n"
    path = tmp_path / "acme.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def strict_json(text: str) -> object:
    """``text`` parsed as JSON.parse would: NaN and Infinity are errors."""

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# --- the loader reads any literal -------------------------------------------------------------


@pytest.mark.parametrize("sign", ["", "-"])
def test_an_integer_past_pythons_digit_limit_loads(sign: str) -> None:
    # Python refuses to convert more than 4,300 digits (a ValueError); such a number is
    # infinite for every purpose pmframework has, and the text as written is kept.
    digits = sign + "7" * 5000
    document = parse_document("n.yaml", f"a: {digits}\nb: 12\n")
    assert document.data == {"a": -math.inf if sign else math.inf, "b": 12}
    assert document.plain_scalars[("a",)] == digits


def test_a_long_number_where_text_is_wanted_stays_the_digits_written() -> None:
    text = ACME.read_text(encoding="utf-8")
    digits = "4" * 5000
    # The framework's title, on line 5; the title it had moves to an x- key.
    document = parse_document("n.yaml", text.replace("  title: ", f"  title: {digits}\n  x-t: ", 1))
    assert checked_ladder(document).framework.title == digits


# --- the schema bounds every number -----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1" + "0" * 309, "1000000000…0000 (310 characters)"),
        ("9" * 5000, "9999999999…9999 (5,000 characters)"),
        ("1e999", "1e999"),
        ("-1e999", "-1e999"),
        ("1000001", "1000001"),
        ("-1000000.5", "-1000000.5"),
    ],
)
def test_a_rank_out_of_range_is_refused_by_validate(
    written: str, shown: str, tmp_path: Path, run_cli: RunCli
) -> None:
    # The first level's rank is then listed above the next one's (rank 4): the rule that
    # checks the order used to crash on it; it runs only once the schema is satisfied.
    path = acme_with_rank(tmp_path, FIRST, written)
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{FIRST}:15: PMF001 error rank {shown} is out of range; {RANGE}"
    )


@pytest.mark.parametrize(("line", "written"), [(FIRST, "-1000000"), (LAST, "1000000")])
def test_ranks_at_the_bounds_are_valid(
    line: int, written: str, tmp_path: Path, run_cli: RunCli
) -> None:
    assert run_cli("validate", str(acme_with_rank(tmp_path, line, written))).exit_code == 0


def test_every_number_in_the_schema_is_bounded() -> None:
    schema = json.loads((REPO / "schema" / "ladder" / "v1.schema.json").read_text("utf-8"))
    numbers = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            kinds = node.get("type", [])
            if str(node.get("$comment", "")).startswith(NUMBER_AS_TEXT):
                return  # a number where text belongs: read as the text written, never a number
            if {"number", "integer"} & set([kinds] if isinstance(kinds, str) else kinds):
                numbers.append(node)
                assert {"minimum", "maximum"} <= set(node), node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert numbers  # the rank, at least


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["render", "{path}", "-o", "{out}.html"], 1),
        (["render", "{path}", "-o", "{out}.md"], 1),
        # diff follows diff(1): 2 is trouble.
        (["diff", "{acme}", "{path}"], 2),
        (["diff", "--format", "json", "{acme}", "{path}"], 2),
    ],
    ids=["render-html", "render-md", "diff", "diff-json"],
)
@pytest.mark.parametrize("written", ["1" + "0" * 309, "1e999"])
def test_render_and_diff_refuse_a_rank_out_of_range(
    command: list[str], code: int, written: str, tmp_path: Path, run_cli: RunCli
) -> None:
    # Out of order with no other rank, such a rank used to pass validate, then crash render and
    # diff (OverflowError), or come out as "Rank inf" and as Infinity in JSON.
    path = acme_with_rank(tmp_path, LAST, written)
    values = {"path": str(path), "out": str(tmp_path / "out"), "acme": str(ACME)}
    result = run_cli(*(part.format(**values) for part in command))
    assert result.exit_code == code
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"pmframework: error: {path}:") and RANGE in line
    assert not list(tmp_path.glob("out*"))


# --- every JSON output is strict --------------------------------------------------------------


def test_json_outputs_are_strict_json(tmp_path: Path, run_cli: RunCli) -> None:
    path = acme_with_rank(tmp_path, FIRST, "1e999")
    validated = run_cli("validate", "--format", "json", str(path))
    assert "1e999" in strict_json(validated.stdout)["findings"][0]["message"]  # type: ignore[index]
    edited = acme_with_rank(tmp_path, FIRST, "0.5")
    diffed = run_cli("diff", "--format", "json", str(ACME), str(edited))
    assert diffed.exit_code == 1
    strict_json(diffed.stdout)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_json_text_refuses_what_json_parse_would(value: float) -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        json_text({"rank": value})


def test_every_json_writer_in_pmframework_is_strict() -> None:
    # json.dumps writes NaN and Infinity unless told not to; every call must say so.
    loose = []
    for path in sorted((REPO / "pmframework").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("dump", "dumps")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "json"
            ):
                strict = any(
                    k.arg == "allow_nan"
                    and isinstance(k.value, ast.Constant)
                    and k.value.value is False
                    for k in node.keywords
                )
                if not strict:
                    loose.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not loose, "json.dump(s) without allow_nan=False: " + ", ".join(loose)


# --- one way to write a number ----------------------------------------------------------------


@given(st.integers() | st.floats())
def test_number_text_writes_any_number(value: float) -> None:
    text = number_text(value)
    if isinstance(value, int):
        assert text == str(value)
    elif math.isfinite(value) and value.is_integer():
        assert "." not in text and int(text) == value
    else:
        assert float(text) == value or math.isnan(value)


@pytest.mark.parametrize(("value", "text"), [(3, "3"), (3.0, "3"), (3.5, "3.5"), (1e6, "1000000")])
def test_number_text_as_a_person_writes_it(value: float, text: str) -> None:
    assert number_text(value) == text
