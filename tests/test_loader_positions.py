"""Positions a loaded document gives, against a plain reference.

The loader keeps a parser mark per value and finds a path's position by walking the data. The
reference here records the same events the simple way, a table keyed by every path, looked up
as in a document made in code: the value's (or key's) own position, else its nearest parent's.
On random YAML documents (shared values written as anchors and aliases, block and flow style)
and JSON documents, both give the same answer for every path and near misses.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmframework.findings import JsonPath
from pmframework.load.document import Document, parse_document
from pmframework.load.json_reader import json_events

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = st.text("abc1 -:#", min_size=1, max_size=4)
SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text("xy 1.:-", max_size=5)
Table = dict[JsonPath, tuple[int, int]]


@st.composite
def trees(draw: st.DrawFn) -> dict[str, Any]:
    """A mapping of mappings, lists and scalars, where a list or mapping may appear again
    later (YAML writes it once with an anchor, then as aliases)."""
    made: list[Any] = []

    def value(depth: int) -> Any:
        if made and draw(st.integers(0, 5)) == 0:
            return draw(st.sampled_from(made))
        kind = draw(st.sampled_from(("scalar", "list", "mapping") if depth < 4 else ("scalar",)))
        if kind == "scalar":
            return draw(SCALARS)
        size = draw(st.integers(0, 3))
        built: Any
        if kind == "list":
            built = [value(depth + 1) for _ in range(size)]
        else:
            built = {draw(KEYS): value(depth + 1) for _ in range(size)}
        made.append(built)
        return built

    return {draw(KEYS): value(1) for _ in range(draw(st.integers(1, 4)))}


def reference(events: Any) -> tuple[Table, Table]:
    """Every value's and key's position by path, recorded from the parser's events."""
    values: Table = {}
    keys: Table = {}
    stack: list[list[Any]] = []  # [path, is a mapping, key awaiting its value, items so far]

    def at(event: Any) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

    def attached() -> None:
        if stack:
            stack[-1][2] = None
            stack[-1][3] += 1

    for event in events:
        if isinstance(event, (yaml.CollectionEndEvent)):
            stack.pop()
            attached()
            continue
        if not isinstance(event, (yaml.NodeEvent)):
            continue
        if stack and stack[-1][1] and stack[-1][2] is None:
            stack[-1][2] = event.value
            keys[(*stack[-1][0], event.value)] = at(event)
            continue
        path: JsonPath = ()
        if stack:
            parent_path, mapping, key, items = stack[-1]
            path = (*parent_path, key if mapping else items)
        values[path] = at(event)
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([path, isinstance(event, yaml.MappingStartEvent), None, 0])
        else:
            attached()
    return values, keys


def paths(value: Any, path: JsonPath = ()) -> list[JsonPath]:
    """Every path into ``value`` (into the values aliases repeat too), and near misses."""
    found = [path, (*path, "missing"), (*path, 7), (*path, -1)]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*path, index))
    return found


def assert_same_positions(document: Document, events: Any) -> None:
    values, keys = reference(events)
    assert document.value_positions == values
    assert document.key_positions == keys
    # A document made in code looks paths up in the tables set in it.
    made = Document(document.name, document.data)
    made.value_positions.update(values)
    made.key_positions.update(keys)
    for path in paths(document.data):
        assert document.has_value(path) == made.has_value(path) == (path in values), path
        for key in (False, True):
            assert document.position(path, key=key) == made.position(path, key=key), (path, key)


@SETTINGS
@given(trees(), st.sampled_from((False, True, None)), st.sampled_from(("", "# notes\n\n")))
def test_yaml_positions_match_the_reference(
    tree: dict[str, Any], flow: bool | None, before: str
) -> None:
    text = before + yaml.safe_dump(tree, default_flow_style=flow, width=60)
    document = parse_document("tree.yaml", text)
    assert_same_positions(document, yaml.parse(text, Loader=yaml.SafeLoader))


@SETTINGS
@given(trees(), st.sampled_from((None, 1, "\t")))
def test_json_positions_match_the_reference(tree: dict[str, Any], indent: int | str | None) -> None:
    text = json.dumps(tree, indent=indent)
    document = parse_document("tree.json", text)
    assert_same_positions(document, json_events("tree.json", text))


def test_a_document_made_in_code_gives_the_positions_set_in_it() -> None:
    document = Document("made.yaml", {"a": [1, 2]})
    document.value_positions[("a",)] = (3, 4)
    document.key_positions[("a",)] = (3, 1)
    document.value_positions[("a", 0)] = (4, 6)
    assert document.has_value(("a", 0)) and not document.has_value(("a", 1))
    assert document.position(("a", 1)) == (3, 4)
    assert document.position(("a",), key=True) == (3, 1)
    assert document.position(("a", 0), key=True) == (4, 6)
    assert document.position(("b",)) == (1, 1)
