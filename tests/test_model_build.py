"""The model built by its short ways is the model its dataclasses' constructors give.

(a) For any statement (a text, or a mapping of any of the keys a statement may have, in any
    order), ``statement`` builds what the ``Statement`` constructor builds from the same
    values: the same fields, the same paths, the same x- keys in the same order.
(b) The same for any expectation of a level, through ``ladder_from_data``.
(c) ``Ladder.statements`` and ``Ladder.citations`` give, for every example and built-in
    ladder, what a plain walk of every field gives.
(d) ``without_provenance`` gives, for every example and built-in ladder, what rebuilding every
    object without its provenance fields gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, VALID
from hypothesis import given
from hypothesis import strategies as st

from pmframework.check.engine import load_ladder
from pmframework.findings import JsonPath
from pmframework.model import (
    Basis,
    Citation,
    Expectation,
    Ladder,
    Statement,
    ladder_from_data,
    statement,
    without_provenance,
)
from pmframework.resources import builtin_names

TEXTS = st.text(min_size=1, max_size=8)
EXTENSION_VALUES = st.one_of(TEXTS, st.integers(), st.lists(TEXTS, max_size=2))


def shuffled(draw: st.DrawFn, entries: dict[str, Any]) -> dict[str, Any]:
    """``entries`` in an order drawn: x- keys keep the order they are written in."""
    order = draw(st.permutations(list(entries)))
    return {key: entries[key] for key in order}


@st.composite
def citations(draw: st.DrawFn) -> dict[str, Any]:
    entries = {"source": draw(TEXTS)}
    if draw(st.booleans()):
        entries["quote"] = draw(TEXTS)
    return entries


@st.composite
def statement_values(draw: st.DrawFn, depth: int = 1) -> Any:
    if draw(st.booleans()):
        return draw(TEXTS)
    optional: dict[str, Any] = {
        "source": TEXTS,
        "quote": TEXTS,
        "editorial": st.booleans(),
        "points": st.one_of(st.integers(0, 9), st.floats(0, 9)),
        "x-cell": TEXTS,
        "x-note": EXTENSION_VALUES,
        "sources": st.lists(citations(), max_size=2),
    }
    if depth:  # a criterion's own examples and signals are statements too
        optional["examples"] = st.lists(statement_values(depth - 1), max_size=2)
        optional["signals"] = st.lists(statement_values(depth - 1), max_size=2)
    keys = draw(st.lists(st.sampled_from(sorted(optional)), unique=True))
    entries = {"text": draw(TEXTS), **{key: draw(optional[key]) for key in keys}}
    return shuffled(draw, entries)


def extensions(value: Mapping[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if key.startswith("x-")}


def expected_statement(value: Any, path: JsonPath) -> Statement:
    """What a statement is, said with the constructor."""
    if isinstance(value, str):
        return Statement(value, path=path)
    return Statement(
        text=value["text"],
        source=value.get("source"),
        quote=value.get("quote"),
        editorial=bool(value.get("editorial", False)),
        extensions=extensions(value),
        path=path,
        sources=tuple(
            Citation(c["source"], c.get("quote"), path=(*path, "sources", i))
            for i, c in enumerate(value.get("sources", ()))
        ),
        points=value.get("points"),
        examples=expected_statements(value.get("examples", ()), (*path, "examples")),
        signals=expected_statements(value.get("signals", ()), (*path, "signals")),
    )


def expected_statements(values: Any, path: JsonPath) -> tuple[Statement, ...]:
    return tuple(expected_statement(v, (*path, i)) for i, v in enumerate(values))


def assert_same(built: Any, expected: Any) -> None:
    # The repr shows every field, paths too, nested objects and x- keys in their order.
    assert repr(built) == repr(expected)
    assert built == expected
    assert vars(built) == vars(expected)
    assert type(built) is type(expected)


@given(statement_values(), st.lists(st.one_of(TEXTS, st.integers(0, 9)), max_size=4))
def test_a_statement_is_what_its_constructor_builds(value: Any, where: list[Any]) -> None:
    path = ("tracks", *where)
    built = statement(value, path)
    assert_same(built, expected_statement(value, path))
    assert hash(built) == hash(expected_statement(value, path))


@st.composite
def expectation_values(draw: st.DrawFn) -> dict[str, Any]:
    optional: dict[str, Any] = {
        "proficiency": TEXTS,
        "criteria": st.lists(statement_values(), max_size=2),
        "examples": st.lists(statement_values(), max_size=2),
        "anti_patterns": st.lists(statement_values(), max_size=2),
        "provenance": st.fixed_dictionaries(
            {},
            optional={
                "proficiency": st.fixed_dictionaries(
                    {},
                    optional={
                        "source": TEXTS,
                        "quote": TEXTS,
                        "sources": st.lists(citations(), max_size=2),
                        "editorial": st.booleans(),
                        "reason": TEXTS,
                        "x-why": TEXTS,
                    },
                )
            },
        ),
        "x-owner": EXTENSION_VALUES,
    }
    keys = draw(st.lists(st.sampled_from(sorted(optional)), unique=True))
    return shuffled(draw, {key: draw(optional[key]) for key in keys})


def expected_expectation(competency: str, value: Mapping[str, Any], path: JsonPath) -> Expectation:
    provenance = {}
    for key, basis in value.get("provenance", {}).items():
        where = (*path, "provenance", key)
        first = [Citation(basis["source"], basis.get("quote"), where)] if "source" in basis else []
        further = [
            Citation(c["source"], c.get("quote"), (*where, "sources", i))
            for i, c in enumerate(basis.get("sources", ()))
        ]
        provenance[key] = Basis(
            citations=(*first, *further),
            editorial=bool(basis.get("editorial", False)),
            reason=basis.get("reason"),
            extensions=extensions(basis),
            path=where,
        )
    return Expectation(
        competency=competency,
        proficiency=value.get("proficiency"),
        criteria=expected_statements(value.get("criteria", ()), (*path, "criteria")),
        examples=expected_statements(value.get("examples", ()), (*path, "examples")),
        extensions=extensions(value),
        path=path,
        anti_patterns=expected_statements(value.get("anti_patterns", ()), (*path, "anti_patterns")),
        provenance=provenance,
    )


def one_level(expectations: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VALID)
    data["tracks"][0]["levels"][0]["expectations"] = expectations
    return data


@given(st.dictionaries(st.sampled_from(["c1", "c2", "x-c"]), expectation_values(), max_size=3))
def test_an_expectation_is_what_its_constructor_builds(expectations: dict[str, Any]) -> None:
    level = ladder_from_data(one_level(expectations)).tracks[0].levels[0]
    where = ("tracks", 0, "levels", 0, "expectations")
    assert list(level.expectations) == list(expectations)
    for competency, value in expectations.items():
        expected = expected_expectation(competency, value, (*where, competency))
        assert_same(level.expectations[competency], expected)


# --- the statement walk ------------------------------------------------------------------------

VALID_EXAMPLES = EXAMPLES / "valid"
LADDERS = [
    *(
        pytest.param(str(p), id=p.relative_to(VALID_EXAMPLES).as_posix())
        for p in sorted(VALID_EXAMPLES.rglob("*.yaml"))
    ),
    *(f"builtin:{name}" for name in builtin_names()),
]


def walked(value: Any) -> Iterator[Statement]:
    """Every statement under ``value``, field by field, in document order."""
    if isinstance(value, Statement):
        yield value
        yield from walked(value.examples)
        yield from walked(value.signals)
    elif isinstance(value, tuple):
        for item in value:
            yield from walked(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from walked(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in ("path", "extensions", "provenance", "folder"):
                yield from walked(getattr(value, f.name))


def walked_once(ladder: Ladder) -> list[Statement]:
    """The walk, each shared statement once (it stands at every level it covers)."""
    seen: set[JsonPath] = set()
    found = []
    for s in walked(ladder):
        if s.path[:1] == ("shared",):
            if s.path in seen:
                continue
            seen.add(s.path)
        found.append(s)
    return found


@pytest.mark.parametrize("spec", LADDERS)
def test_statements_and_citations_are_those_of_a_plain_walk(spec: str) -> None:
    ladder = load_ladder(spec)
    statements = walked_once(ladder)
    assert [(repr(s), s.path) for s in ladder.statements()] == [
        (repr(s), s.path) for s in statements
    ]
    citations = [c for s in statements for c in s.citations]
    citations += [c for basis in ladder.bases() for c in basis.citations]
    assert [(c, c.path) for c in ladder.citations()] == [(c, c.path) for c in citations]
    assert list(ladder.citations()) == list(ladder.citations())  # asked again: the same


def stripped(value: Any) -> Any:
    """``value`` rebuilt without provenance, said plainly: every object is built again from
    its fields but ``sources``, ``extensions`` and ``provenance``; a statement keeps only its
    text, path, points, examples and signals."""
    if isinstance(value, Statement):
        return Statement(
            value.text,
            path=value.path,
            points=value.points,
            examples=stripped(value.examples),
            signals=stripped(value.signals),
        )
    if isinstance(value, tuple):
        return tuple(stripped(item) for item in value)
    if isinstance(value, Mapping):
        return {key: stripped(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kept = {f.name: stripped(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in ("sources", "extensions", "provenance"):
            kept.pop(name, None)
        return type(value)(**kept)
    return value


@pytest.mark.parametrize("spec", LADDERS)
def test_without_provenance_rebuilds_every_object_without_its_provenance(spec: str) -> None:
    ladder = load_ladder(spec)
    assert repr(without_provenance(ladder)) == repr(stripped(ladder))
    assert without_provenance(ladder) == stripped(ladder)
