"""Properties over generated ladders and documents.

(a) Every generated valid ladder validates with no error.
(b) Breaking any one reference of a generated ladder is reported by PMF102, once, exactly at
    the broken value (found in the dumped text by a sentinel id no generated text contains).
(c) For any generated tree of mappings, lists and texts, the loader records a position for
    every key and value, each pointing at that key's or value's text in the file.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.findings import JsonPath, Severity
from pmframework.load.document import parse_document

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Ids as people write them, including ones YAML readers like to turn into numbers or
# booleans (007, 1.10, 1e5, no, on).
IDS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True)
WORDS = (
    "aligns", "ships", "users", "roadmap", "team", "strategy", "metrics", "clear", "goals",
    "trade-offs", "stakeholders", "discovery", "quality", "launches", "mentors", "data",
)  # fmt: skip
SENTINEL = "ZZBROKEN"  # upper case: no generated id or text contains it


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


def check(text: str) -> list[Any]:
    findings, _ = check_loaded(parse_document("generated.yaml", text), RULES.values())
    return findings


# --- a strategy for valid ladders -------------------------------------------------------------


def unique_ids(draw: st.DrawFn, count: int) -> list[str]:
    ids: list[str] = draw(st.lists(IDS, min_size=count, max_size=count, unique=True))
    return ids


@st.composite
def ladders(draw: st.DrawFn) -> dict[str, Any]:
    """A random ladder that breaks no rule of severity error."""
    serial = itertools.count(1)

    def text() -> str:
        # Unique texts, so no two levels share one (a PMF203 warning, not an error, anyway).
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
        return " ".join([*words, str(next(serial))])

    track_sizes = draw(st.lists(st.integers(1, 6), min_size=1, max_size=3))
    track_ids = unique_ids(draw, len(track_sizes))
    level_ids = iter(unique_ids(draw, sum(track_sizes)))
    source_ids = unique_ids(draw, draw(st.integers(0, 3)))
    dimension_ids = unique_ids(draw, draw(st.integers(0, 3)))
    step_ids = unique_ids(draw, draw(st.integers(2, 5)))
    scale_id = draw(IDS)

    def statement() -> Any:
        if not source_ids or draw(st.booleans()):
            return text()
        cited: dict[str, Any] = {"text": text(), "source": draw(st.sampled_from(source_ids))}
        if draw(st.booleans()):
            cited["quote"] = text()
        return cited

    area_sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    area_ids = unique_ids(draw, len(area_sizes))
    competency_ids = unique_ids(draw, sum(area_sizes))
    areas = []
    position = 0
    for area_id, size in zip(area_ids, area_sizes, strict=True):
        competencies = []
        for competency_id in competency_ids[position : position + size]:
            competency: dict[str, Any] = {"id": competency_id, "name": f"Competency {next(serial)}"}
            if draw(st.booleans()):
                competency["scale"] = scale_id  # optional: there is only one scale
            if draw(st.booleans()):
                scoped = draw(st.lists(st.sampled_from(track_ids), min_size=1, unique=True))
                competency["tracks"] = scoped
            competencies.append(competency)
        position += size
        areas.append({"id": area_id, "name": f"Area {next(serial)}", "competencies": competencies})

    tracks = []
    for track_id, size in zip(track_ids, track_sizes, strict=True):
        levels: list[dict[str, Any]] = []
        rank: float = draw(st.integers(0, 5))
        floor = dict.fromkeys(competency_ids, 0)  # lowest step index allowed from here up
        for _ in range(size):
            level: dict[str, Any] = {"id": next(level_ids), "title": f"Level {next(serial)}"}
            level["rank"] = rank
            rank += draw(st.sampled_from([0.5, 1, 1, 2]))
            if levels and draw(st.booleans()):
                level["inherits"] = levels[-1]["id"]
            if dimension_ids and draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(dimension_ids), min_size=1, unique=True))
                level["dimensions"] = {dimension: statement() for dimension in chosen}
            expectations: dict[str, Any] = {}
            for competency_id in draw(st.lists(st.sampled_from(competency_ids), unique=True)):
                expectation: dict[str, Any] = {}
                if draw(st.booleans()):
                    step = draw(st.integers(floor[competency_id], len(step_ids) - 1))
                    floor[competency_id] = step
                    expectation["proficiency"] = step_ids[step]
                if not expectation or draw(st.booleans()):
                    expectation["criteria"] = [statement() for _ in range(draw(st.integers(1, 2)))]
                if draw(st.booleans()):
                    expectation["examples"] = [statement()]
                expectations[competency_id] = expectation
            if expectations:
                level["expectations"] = expectations
            levels.append(level)
        tracks.append({"id": track_id, "name": f"Track {next(serial)}", "kind": "other"})
        tracks[-1]["levels"] = levels

    if len(tracks) > 1:
        all_levels = [(t, level) for t, track in enumerate(tracks) for level in track["levels"]]
        pairs = draw(st.lists(st.tuples(st.sampled_from(all_levels), st.sampled_from(all_levels))))
        for (track_a, a), (track_b, b) in pairs:
            if track_a != track_b and b["id"] not in a.get("equivalents", []):
                a.setdefault("equivalents", []).append(b["id"])
                b.setdefault("equivalents", []).append(a["id"])

    all_level_ids = [level["id"] for track in tracks for level in track["levels"]]
    prompts = [
        {
            "kind": draw(st.sampled_from(["interview-question", "readiness-signal", "other"])),
            "prompt": statement(),
            "levels": draw(st.lists(st.sampled_from(all_level_ids), unique=True)),
            "competencies": draw(st.lists(st.sampled_from(competency_ids), unique=True)),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]

    ladder: dict[str, Any] = {
        "schema_version": 1,
        "framework": {
            "id": draw(IDS),
            "title": "Generated ladder",
            "organization": "Example",
            "version": "1.0",
            "status": "draft",
        },
        "sources": [{"id": s, "document": f"Document {next(serial)}"} for s in source_ids],
        "scales": [
            {
                "id": scale_id,
                "name": "Proficiency",
                "steps": [{"id": s, "name": f"Step {next(serial)}"} for s in step_ids],
            }
        ],
        "dimensions": [{"id": d, "name": f"Dimension {next(serial)}"} for d in dimension_ids],
        "areas": areas,
        "tracks": tracks,
    }
    if prompts:
        ladder["assessment"] = prompts
    return ladder


@SETTINGS
@given(ladders())
def test_every_generated_ladder_validates(ladder: dict[str, Any]) -> None:
    findings = check(dump(ladder))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    # The generator writes sparse expectations, so only missing ones may be warned about.
    assert {f.rule for f in findings} <= {"PMF201"}


# --- breaking one reference -------------------------------------------------------------------


def reference_sites(ladder: dict[str, Any]) -> Iterator[tuple[str, JsonPath]]:
    """(kind, path) of every reference in a ladder; a kind ending in "key" is a mapping key."""
    for a, area in enumerate(ladder["areas"]):
        for c, competency in enumerate(area["competencies"]):
            where: JsonPath = ("areas", a, "competencies", c)
            if "scale" in competency:
                yield "competency scale", (*where, "scale")
            for i in range(len(competency.get("tracks", ()))):
                yield "competency track", (*where, "tracks", i)
    for t, track in enumerate(ladder["tracks"]):
        for v, level in enumerate(track["levels"]):
            where = ("tracks", t, "levels", v)
            if "inherits" in level:
                yield "inherits", (*where, "inherits")
            for i in range(len(level.get("equivalents", ()))):
                yield "equivalent", (*where, "equivalents", i)
            for dimension, value in level.get("dimensions", {}).items():
                yield "dimension key", (*where, "dimensions", dimension)
                yield from statement_sources(value, (*where, "dimensions", dimension))
            for competency, expectation in level.get("expectations", {}).items():
                path = (*where, "expectations", competency)
                yield "expectation key", path
                if "proficiency" in expectation:
                    yield "proficiency", (*path, "proficiency")
                for kind in ("criteria", "examples"):
                    for i, value in enumerate(expectation.get(kind, ())):
                        yield from statement_sources(value, (*path, kind, i))
    for p, prompt in enumerate(ladder.get("assessment", ())):
        yield from statement_sources(prompt["prompt"], ("assessment", p, "prompt"))
        for kind in ("levels", "competencies"):
            for i in range(len(prompt[kind])):
                yield f"prompt {kind}", ("assessment", p, kind, i)


def statement_sources(value: Any, path: JsonPath) -> Iterator[tuple[str, JsonPath]]:
    if isinstance(value, dict) and "source" in value:
        yield "statement source", (*path, "source")


def broken(ladder: dict[str, Any], kind: str, path: JsonPath) -> None:
    """Replace the reference at ``path`` (a value, or a key keeping its place) by SENTINEL."""
    parent = ladder
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if kind.endswith("key"):
        assert isinstance(parent, dict) and isinstance(last, str)
        items = [(SENTINEL if key == last else key, value) for key, value in parent.items()]
        parent.clear()
        parent.update(items)
    else:
        parent[last] = SENTINEL  # type: ignore[index]


def line_and_column(text: str, needle: str) -> tuple[int, int]:
    assert text.count(needle) == 1
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


@SETTINGS
@given(ladders(), st.data())
def test_one_broken_reference_is_found_at_its_place(
    ladder: dict[str, Any], data: st.DataObject
) -> None:
    # Where nothing refers to anything, give the lowest level a broken inherits instead.
    sites = list(reference_sites(ladder)) or [("inherits", ("tracks", 0, "levels", 0, "inherits"))]
    # Choose the kind first, so that rare kinds (equivalents) are broken as often as common ones.
    kind = data.draw(st.sampled_from(sorted({kind for kind, _ in sites})), label="kind")
    path = data.draw(st.sampled_from([p for k, p in sites if k == kind]), label="path")
    broken(ladder, kind, path)
    text = dump(ladder)
    expected = line_and_column(text, SENTINEL)
    found = [(f.line, f.column) for f in check(text) if f.rule == "PMF102"]
    assert found == [expected], kind


# --- loader positions -------------------------------------------------------------------------

# Texts that YAML may quote but never escapes or folds: no quote marks, backslashes or breaks.
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("C", "Zl", "Zp"),
                              exclude_characters="'\"\\\ufeff"), max_size=12)  # fmt: skip
TREES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | TEXTS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXTS, children, max_size=4),
    max_leaves=30,
)


def paths_of(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*path, index))


def starts_with_text(rest: str, text: str) -> bool:
    """Whether ``rest`` starts with ``text`` as written plain, 'single' or "double" quoted."""
    return any(rest.startswith(f"{quote}{text}") for quote in ("", "'", '"'))


def written_at(text: str) -> Callable[[tuple[int, int]], str]:
    """The text from a (line, column) position to the end of the file."""
    lines = text.split("\n")

    def rest(position: tuple[int, int]) -> str:
        line, column = position
        return "\n".join(lines[line - 1 :])[column - 1 :]

    return rest


@SETTINGS
@given(st.dictionaries(TEXTS, TREES, max_size=5))
def test_every_position_points_at_its_text(tree: dict[str, Any]) -> None:
    text = dump(tree)
    document = parse_document("tree.yaml", text)
    at = written_at(text)
    expected = dict(paths_of(tree))
    assert set(document.value_positions) == set(expected)
    keys = {path for path in expected if path and isinstance(path[-1], str)}
    assert set(document.key_positions) == keys
    for path, value in expected.items():
        rest = at(document.value_positions[path])
        loaded = document.data
        for part in path:
            loaded = loaded[part]
        if isinstance(value, str):
            assert starts_with_text(rest, value), (path, rest[:40])
            # A plain text that YAML 1.2 reads as a number or boolean keeps its source text.
            assert loaded == value or document.plain_scalars[path] == value
        elif isinstance(value, dict):
            assert rest.startswith("{}") if not value else starts_with_text(rest, next(iter(value)))
            assert loaded == value or isinstance(loaded, dict)
        elif isinstance(value, list):
            assert rest.startswith("[]" if not value else "-")
        else:
            assert loaded == value and type(loaded) is type(value)
            assert rest.startswith(yaml.safe_dump(value).removesuffix("\n...\n"))
        if path and isinstance(path[-1], str):
            assert starts_with_text(at(document.key_positions[path]), path[-1])
