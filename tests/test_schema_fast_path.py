"""The compiled schema check (jsonschema-rs) never changes a finding.

``check_document`` asks jsonschema-rs first and walks a document with python-jsonschema only
when the compiled check finds it invalid. That is sound only if every document jsonschema-rs
calls valid is valid for python-jsonschema too; these properties try generated ladders, valid
and broken in one place, with values chosen where the two could disagree: pattern dialects
(a final newline, ``\\n`` inside an id, non-ASCII letters and digits), formats (impossible
dates, odd URIs), numbers (1.0 as an integer, infinities, integers past 64 bits), booleans
where numbers go, and YAML 1.1 scalars the schema step gives their meant type.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import dump, ladders

from pmframework.check.schema import _fast_check, _fast_valid, check_document, version_violation
from pmframework.load.document import parse_document

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values that probe where a Rust and a Python validator could read the schema differently.
AWKWARD = st.one_of(
    st.sampled_from(
        [
            "ok-id",
            "ok-id\n",
            "ok id",
            "\nok",
            "é-accent",
            "٣٣",
            "x" * 80,
            "x" * 81,
            "",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "２０２４-01-01",
            "https://example.com/a",
            "not a uri",
            "http://[::1",
            "mailto:a@b.c",
            "en",
            "en-GB",
            "e",
            "english",
            "1.10",
            "yes",
            "no",
            "on",
            "null",
        ]
    ),
    st.integers(-3, 10),
    st.sampled_from([1.0, 0.5, 2**63, 2**70, float("inf"), -float("inf"), True, False, None]),
    st.text(max_size=6),
    st.just([]),
    st.just({}),
    st.lists(st.sampled_from(["a", "b", "a"]), max_size=3),
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in ``node`` (values and mapping keys alike), the root excluded."""
    found: list[tuple[Any, ...]] = []
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in children:
        found.append((*path, key))
        found.extend(_paths(value, (*path, key)))
    return found


@st.composite
def broken_ladders(draw: st.DrawFn) -> dict[str, Any]:
    """A generated ladder with at most one value replaced, or one key added or removed."""
    ladder: dict[str, Any] = draw(ladders())
    paths = _paths(ladder)
    action = draw(st.sampled_from(["none", "replace", "replace", "add", "remove"]))
    if action == "none":
        return ladder
    path = draw(st.sampled_from(paths))
    parent: Any = ladder
    for part in path[:-1]:
        parent = parent[part]
    if action == "replace":
        parent[path[-1]] = draw(AWKWARD)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from(["extra", "id", "notes", "x-extra"]))] = draw(AWKWARD)
    else:
        parent.append(draw(AWKWARD))
    return ladder


def _needs_fast_check() -> None:
    if _fast_check(1) is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jsonschema-rs is not installed")
        pytest.skip("jsonschema-rs is not installed")


@SETTINGS
@given(broken_ladders())
def test_the_compiled_check_changes_no_finding(ladder: dict[str, Any]) -> None:
    _needs_fast_check()
    document = parse_document("generated.yaml", dump(ladder))
    if version_violation(document.data) is not None:
        return  # the version check comes before either validator
    fast = check_document(document, fast=True)
    slow = check_document(document, fast=False)
    assert fast == slow


@SETTINGS
@given(broken_ladders())
def test_what_the_compiled_check_calls_valid_python_jsonschema_does_too(
    ladder: dict[str, Any],
) -> None:
    # The direction that matters: a "valid" from jsonschema-rs skips python-jsonschema.
    _needs_fast_check()
    is_valid = _fast_check(1)
    assert is_valid is not None
    document = parse_document("generated.yaml", dump(ladder))
    if version_violation(document.data) is not None:
        return
    if _fast_valid(is_valid, document.data):  # an integer past 64 bits may raise: not valid
        assert check_document(document, fast=False)[0] == []


def test_the_compiled_check_accepts_every_builtin_framework() -> None:
    # Otherwise the fast path would never be taken for the files people use most.
    from pmframework.load.document import load_document
    from pmframework.resources import BUILTIN_PREFIX, builtin_names

    _needs_fast_check()
    is_valid = _fast_check(1)
    assert is_valid is not None
    for name in builtin_names():
        document = load_document(BUILTIN_PREFIX + name)
        assert _fast_valid(is_valid, document.data), name
