"""Mutated built-in ladders never raise anything but pmframework's own, documented errors.

Each example takes a built-in ladder as plain data, breaks it in a few random places (a key
deleted, a value's type swapped, a huge or non-finite number, odd Unicode), writes it out, and
drives the Python API a user would call on it: validate, render (Markdown and HTML), diff
against the unbroken ladder, and export to CSV. A ``PmframeworkError`` (what the command line
turns into a one-line message and an exit code) is an acceptable outcome; any other exception
is a bug that would reach a user as a traceback.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmframework
from pmframework.diff.report import FORMATTERS as DIFF_FORMATS
from pmframework.errors import PmframeworkError
from pmframework.resources import builtin_path
from pmframework.sheets.exporter import export_ladder

# Small built-ins keep each example fast; product-management is the largest and most varied.
SUBJECTS = ["product-management", "carta", "walmart"]

ODD_TEXTS = [
    "",
    " ",
    "\u200b",
    "e\u0301",
    "\u00e9",
    "\ufeffbom",
    "\U0001f680 rocket",
    "a\u202eb",
    "<script>alert(1)</script>",
    "| pipe | table |",
    "`tick`",
    '=HYPERLINK("http://x")',
    "line\nbreak",
    "x" * 5_000,
    "senior-pm\n",
]
ODD_NUMBERS: list[Any] = [
    0,
    -1,
    10**400,
    -(10**400),
    1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    0.1,
    2**63,
]
ODD_VALUES: list[Any] = [None, True, [], {}, [None], {"x": 1}, *ODD_TEXTS, *ODD_NUMBERS]


def builtin_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load(Path(builtin_path(name)).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


ORIGINALS = {name: builtin_data(name) for name in SUBJECTS}


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (mapping keys and list indices)."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_places(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_places(value, (*path, index)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(SUBJECTS))
    data = copy.deepcopy(ORIGINALS[name])
    for _ in range(draw(st.integers(1, 4))):
        places = [p for p in _places(data) if p]
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent = _parent(data, path)
        key = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "number", "text", "duplicate"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(st.sampled_from(ODD_VALUES))
        elif action == "number":
            parent[key] = draw(st.sampled_from(ODD_NUMBERS) | st.integers() | st.floats())
        elif action == "text":
            parent[key] = draw(st.sampled_from(ODD_TEXTS) | st.text(max_size=40))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return name, data


def _dump(data: Any) -> str:
    # Non-finite floats and huge integers are written as YAML writes them (.inf, .nan, digits).
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


def _drive(path: Path, original: Path, out: Path) -> None:
    """Everything a user does with a ladder; only pmframework's errors may escape."""
    pmframework.validate_paths([str(path)])
    try:
        ladder = pmframework.load_ladder(str(path))
    except PmframeworkError:
        return
    pmframework.render_ladder(ladder, "markdown")
    pmframework.render_ladder(ladder, "html")
    for a, b in ((original, path), (path, original)):
        result = pmframework.diff_ladders(
            pmframework.load_side(str(a)), pmframework.load_side(str(b))
        )
        for name in DIFF_FORMATS:
            DIFF_FORMATS[name](result)
    export_ladder(str(path), str(out / "ladder.csv"))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=mutated())
def test_mutated_builtins_raise_only_documented_errors(
    case: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    name, data = case
    original = tmp_path / f"{name}.yaml"
    original.write_text(_dump(ORIGINALS[name]), encoding="utf-8")
    path = tmp_path / "mutated.yaml"
    path.write_text(_dump(data), encoding="utf-8")
    try:
        _drive(path, original, tmp_path)
    except PmframeworkError as error:
        # What the command line prints: one line that names the file.
        message = str(error)
        assert "\n" not in message.strip(), message
        assert "Traceback" not in message


def test_the_mutations_reach_every_kind_of_value() -> None:
    # The strategy is only as good as the places it can reach: mappings, lists, texts, numbers.
    kinds = set()
    for data in ORIGINALS.values():
        for place in _places(data):
            node = data
            for step in place:
                node = node[step]
            kinds.add(type(node).__name__)
    assert {"dict", "list", "str", "int"} <= kinds


@pytest.mark.parametrize("number", [10**400, float("inf"), float("nan"), 1e308])
def test_a_hostile_rank_is_a_finding_not_a_crash(number: Any, tmp_path: Path) -> None:
    data = copy.deepcopy(ORIGINALS["product-management"])
    data["tracks"][0]["levels"][0]["rank"] = number
    path = tmp_path / "ladder.yaml"
    path.write_text(_dump(data), encoding="utf-8")
    report = pmframework.validate_paths([str(path)])
    errors = [f for f in report.findings if f.severity is pmframework.Severity.ERROR]
    if number == 1e308:
        return  # finite: a rank as good as any, if absurd
    assert errors, f"rank {number!r} passed validation"
    assert errors[0].line > 0
