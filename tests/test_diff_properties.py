"""Properties of ``pmframework diff`` over generated ladders.

(a) A ladder compared with itself has no differences.
(b) Swapping the two ladders swaps what was added and removed, and mirrors renames.
(c) One generated edit — a word of one criterion, one new level, one competency removed, one id
    renamed with its content kept — is reported as exactly that edit, and nothing else.
(d) A ladder with provenance everywhere it can be (sources, statements' source, quote and
    editorial mark, x- keys) and the same ladder stripped of all of it are equal to
    ``provenance=False`` (``--ignore-provenance``) in every mode, and differ without it.

Ladders come from the generator of tests/test_properties.py and are built with the model
directly (they follow the schema by construction).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_properties import ladders

from pmframework.diff import Change, DiffResult, Side, VersionDiff, compare_versions, diff_ladders
from pmframework.diff_report import FORMATTERS
from pmframework.model import ladder_from_data, without_provenance

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Upper case: no generated id or text contains these.
NEW_WORD = "ZEBRA"
NEW_ID = "RENAMED"

Data = dict[str, Any]


def diff(a: Data, b: Data) -> VersionDiff:
    return compare_versions(ladder_from_data(a), ladder_from_data(b))


def levels(data: Data) -> list[Data]:
    return [level for track in data["tracks"] for level in track["levels"]]


def competencies(data: Data) -> list[Data]:
    return [c for area in data["areas"] for c in area["competencies"]]


def text_of(statement: Any) -> str:
    return statement if isinstance(statement, str) else str(statement["text"])


# --- edits -----------------------------------------------------------------------------------


def change_one_word(draw: st.DrawFn, data: Data) -> tuple[str, str]:
    """Replace one word of one criterion; returns (expectation id, the old word)."""
    sites = [
        (level, competency, i)
        for level in levels(data)
        for competency, expectation in level.get("expectations", {}).items()
        for i in range(len(expectation.get("criteria", ())))
    ]
    assume(sites)
    level, competency, i = draw(st.sampled_from(sites))
    criteria = level["expectations"][competency]["criteria"]
    words = text_of(criteria[i]).split(" ")
    # The last word is the generator's serial number; "trade-offs" is three tokens, not one.
    candidates = [n for n, word in enumerate(words[:-1]) if "-" not in word]
    assume(candidates)
    n = draw(st.sampled_from(candidates))
    old_word, words[n] = words[n], NEW_WORD
    if isinstance(criteria[i], str):
        criteria[i] = " ".join(words)
    else:
        criteria[i]["text"] = " ".join(words)
    return f"{level['id']}/{competency}", old_word


def add_level(draw: st.DrawFn, data: Data) -> str:
    track = draw(st.sampled_from(data["tracks"]))
    top = max(level["rank"] for level in track["levels"])
    track["levels"].append(
        {
            "id": "NEWLEVEL",
            "title": "A NEW LEVEL",
            "rank": top + 1,
            "summary": "What the NEW LEVEL is for.",
        }
    )
    return "NEWLEVEL"


def remove_competency(draw: st.DrawFn, data: Data) -> str:
    """Remove a competency and every expectation of it (one no prompt names)."""
    named = {c for prompt in data.get("assessment", ()) for c in prompt["competencies"]}
    candidates = [c["id"] for c in competencies(data) if c["id"] not in named]
    assume(candidates)
    removed = draw(st.sampled_from(candidates))
    for area in data["areas"]:
        area["competencies"] = [c for c in area["competencies"] if c["id"] != removed]
    for level in levels(data):
        level.get("expectations", {}).pop(removed, None)
        if level.get("expectations") == {}:
            del level["expectations"]
    return removed


def rename_id(draw: st.DrawFn, data: Data) -> tuple[str, str]:
    """Give a level or competency a new id, updating every reference; returns (kind, old id)."""
    kind = draw(st.sampled_from(["level", "competency"]))
    if kind == "level":
        old = draw(st.sampled_from([level["id"] for level in levels(data)]))
        for level in levels(data):
            if level["id"] == old:
                level["id"] = NEW_ID
            if level.get("inherits") == old:
                level["inherits"] = NEW_ID
            if "equivalents" in level:
                level["equivalents"] = [NEW_ID if e == old else e for e in level["equivalents"]]
        for prompt in data.get("assessment", ()):
            prompt["levels"] = [NEW_ID if lv == old else lv for lv in prompt["levels"]]
    else:
        ids = [c["id"] for c in competencies(data)]
        assume(ids)
        old = draw(st.sampled_from(ids))
        for competency in competencies(data):
            if competency["id"] == old:
                competency["id"] = NEW_ID
        for level in levels(data):
            expectations = level.get("expectations", {})
            if old in expectations:
                expectations[NEW_ID] = expectations.pop(old)
        for prompt in data.get("assessment", ()):
            prompt["competencies"] = [NEW_ID if c == old else c for c in prompt["competencies"]]
    return kind, old


EDITS: list[Callable[[st.DrawFn, Data], Any]] = [
    change_one_word,
    add_level,
    remove_competency,
    rename_id,
]


@st.composite
def edited(draw: st.DrawFn) -> tuple[Data, Data]:
    """A ladder, and a copy with a few random edits."""
    original = draw(ladders())
    changed = copy.deepcopy(original)
    for edit in draw(st.lists(st.sampled_from(EDITS), max_size=3, unique=True)):
        edit(draw, changed)
    return original, changed


def only(result: VersionDiff) -> Change:
    assert len(result.changes) == 1, result.summary()
    return result.changes[0]


# --- properties ------------------------------------------------------------------------------


@SETTINGS
@given(ladders())
def test_a_ladder_equals_itself(data: Data) -> None:
    result = diff(data, copy.deepcopy(data))
    assert result.equal
    assert result.summary() == "no differences"


@SETTINGS
@given(edited())
def test_swapping_sides_swaps_added_and_removed(pair: tuple[Data, Data]) -> None:
    a, b = pair
    forward, backward = diff(a, b), diff(b, a)

    def ids(result: VersionDiff, verb: str) -> set[tuple[str, str]]:
        return {(c.kind, c.id) for c in result.changes if c.verb == verb}

    assert ids(forward, "added") == ids(backward, "removed")
    assert ids(forward, "removed") == ids(backward, "added")
    renames = {(c.kind, c.old_id, c.id) for c in forward.changes if c.old_id}
    assert renames == {(c.kind, c.id, c.old_id) for c in backward.changes if c.old_id}
    assert len(forward.changes) == len(backward.changes)


@SETTINGS
@given(st.data())
def test_one_changed_word_is_one_changed_criterion(data: st.DataObject) -> None:
    original = data.draw(ladders())
    changed = copy.deepcopy(original)
    where, old_word = change_one_word(data.draw, changed)
    change = only(diff(original, changed))
    assert (change.kind, change.verb, change.id) == ("expectation", "changed", where)
    [criterion] = change.fields
    assert criterion.field == "criteria"
    assert [(s.op, s.text) for s in criterion.words if s.op != "equal"] == [
        ("delete", old_word),
        ("insert", NEW_WORD),
    ]
    # Every format shows the word change.
    a, b = Side("a", ladder_from_data(original)), Side("b", ladder_from_data(changed))
    result = DiffResult("versions", "test", a, b, diff(original, changed))
    assert f"[-{old_word}-]{{+{NEW_WORD}+}}" in FORMATTERS["text"](result)
    assert f"**{NEW_WORD}**" in FORMATTERS["markdown"](result)
    assert f"<ins>{NEW_WORD}</ins>" in FORMATTERS["html"](result)


@SETTINGS
@given(st.data())
def test_one_new_level_is_one_added_level(data: st.DataObject) -> None:
    original = data.draw(ladders())
    changed = copy.deepcopy(original)
    added = add_level(data.draw, changed)
    change = only(diff(original, changed))
    assert (change.kind, change.verb, change.id) == ("level", "added", added)


@SETTINGS
@given(st.data())
def test_one_removed_competency_is_one_removed_competency(data: st.DataObject) -> None:
    original = data.draw(ladders())
    changed = copy.deepcopy(original)
    removed = remove_competency(data.draw, changed)
    change = only(diff(original, changed))
    assert (change.kind, change.verb, change.id) == ("competency", "removed", removed)


@SETTINGS
@given(st.data())
def test_a_renamed_id_is_one_rename_and_nothing_else(data: st.DataObject) -> None:
    original = data.draw(ladders())
    changed = copy.deepcopy(original)
    kind, old = rename_id(data.draw, changed)
    change = only(diff(original, changed))
    assert (change.kind, change.verb, change.old_id, change.id) == (kind, "renamed", old, NEW_ID)
    assert change.fields == ()
    assert change.moved is None


# --- provenance ------------------------------------------------------------------------------

CITED = "cited-document"  # longer than any generated id


@st.composite
def with_provenance(draw: st.DrawFn) -> Data:
    """A generated ladder with provenance added wherever the schema allows it: an ``x-`` key on
    the ladder, the framework and (maybe) every entity and statement; each statement plain,
    cited, cited with a quote, or editorial."""
    data = draw(ladders())
    data["x-generated-by"] = "hypothesis"
    data["framework"]["x-owner"] = "someone@example.com"
    data["sources"].append({"id": CITED, "document": "Handbook", "person": "Jane Doe"})

    def tag(entity: Data) -> None:
        if draw(st.booleans()):
            entity["x-note"] = draw(st.sampled_from(["a", "b", ["c", {"d": 1}]]))

    def cite(statement: Any) -> Data:
        cited: Data = {"text": text_of(statement)}
        kind = draw(st.sampled_from(["plain", "source", "quote", "editorial"]))
        if kind in ("source", "quote"):
            cited["source"] = CITED
        if kind == "quote":
            cited["quote"] = "as the handbook says"
        if kind == "editorial":
            cited["editorial"] = True
        tag(cited)
        return cited

    for entity in (
        *data["sources"],
        *data["scales"],
        *data["dimensions"],
        *data["areas"],
        *competencies(data),
        *data["tracks"],
        *levels(data),
    ):
        tag(entity)
    for level in levels(data):
        dimensions = level.get("dimensions", {})
        for key in dimensions:
            dimensions[key] = cite(dimensions[key])
        for expectation in level.get("expectations", {}).values():
            tag(expectation)
            for kind in ("criteria", "examples"):
                if kind in expectation:
                    expectation[kind] = [cite(s) for s in expectation[kind]]
    for prompt in data.get("assessment", ()):
        tag(prompt)
        prompt["prompt"] = cite(prompt["prompt"])
    return data


# Mappings keyed by ids (a level's expectations and dimensions): an id may start with "x-".
_KEYED_BY_ID = ("expectations", "dimensions")
_STATEMENT_PROVENANCE = ("source", "quote", "editorial")


def stripped(value: Any, *, keyed_by_id: bool = False) -> Any:
    """The ladder data without provenance, as the README defines it: no ``sources``, no
    ``source``, ``quote`` or ``editorial`` on a statement, no ``x-`` key anywhere."""
    if isinstance(value, list):
        return [stripped(item) for item in value]
    if not isinstance(value, dict):
        return value
    if keyed_by_id:
        return {key: stripped(item) for key, item in value.items()}
    return {
        key: stripped(item, keyed_by_id=key in _KEYED_BY_ID)
        for key, item in value.items()
        if not key.startswith("x-") and key not in ("sources", *_STATEMENT_PROVENANCE)
    }


@SETTINGS
@given(with_provenance(), st.data())
def test_a_ladder_without_its_provenance_says_the_same(data: Data, pick: st.DataObject) -> None:
    original, bare = ladder_from_data(data), ladder_from_data(stripped(data))
    # The model's one definition of provenance is the README's.
    assert without_provenance(original) == bare
    a, b = Side("a", original), Side("b", bare)
    for mode in ("auto", "companies"):
        assert not diff_ladders(a, b, mode=mode).equal
        result = diff_ladders(a, b, mode=mode, provenance=False)
        assert result.equal, (mode, result.summary())
    assert compare_versions(original, bare, provenance=False).equal
    level = pick.draw(st.sampled_from([lv.id for lv in original.levels]))
    assert diff_ladders(Side("a", original, level), Side("b", bare, level), provenance=False).equal
