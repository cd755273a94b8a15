"""Rules with quick paths find exactly what a straightforward reading of them finds.

PMF102, PMF109, PMF202 and PMF203 answer the common case (a reference that resolves, a text
with no link or no marker, a statement's level) with look-ups and substring tests; on random
ladders, their
findings (paths, messages, order) are those of the plain loop each rule describes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmframework import richtext
from pmframework.check.rules import copied_text, placeholder_text, references, unsafe_links
from pmframework.findings import JsonPath, Violation
from pmframework.model import Citation, Competency, Expectation, Ladder, Level, Scale
from pmframework.model.ladder import Area, FrameworkInfo, Statement, Step, Track
from pmframework.model.source import Source
from pmframework.text import normalized

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Few ids, so that references both resolve and miss, and texts repeat across levels.
COMPETENCY_IDS = ("c1", "c2", "c3", "c4")
SCALE_IDS = ("s1", "s2", "s3")
STEP_IDS = ("a", "b", "c")
SOURCE_IDS = ("src1", "src2", "src3")
LEVEL_IDS = ("pm", "senior", "lead", "principal")
DIMENSION_IDS = ("scope", "autonomy")
# Pieces of text: words, markers in several cases, letters that fold to ASCII ones only in
# a case-insensitive regex (İ, ı, K), a ligature, invisible and odd white space.
PIECES = (
    "ships", "Ships", "small", "steps", " ", "  ", "\t", "\n", "TODO", "todo", "ToDo", "TBD",
    "tbc", "FIXME", "fixme", "XXX", "xxx", "lorem", "Lorem ipsum", "İ", "ı", "K", "ﬁxme", "f",
    "ixme", "\u200b", "\u00a0", "_", "-", "x",
)  # fmt: skip

# Pieces of marked-up text: links safe and not, closed and not, escaped, in code, in lists.
MARKUP = (
    "[a](javascript:x)", "[a](https://a.example)", "[a](file:", "[](data:x)", "[*a*](b c)",
    "[", "]", "(", ")", "](", "javascript:x", "https://a.example", "mailto:a@b", "file:",
    "\\", "*", "**", "_", "`", "\n", "\n\n", "- ", "1. ", " ", "word", "<", ">",
)  # fmt: skip


@st.composite
def texts(draw: st.DrawFn, pieces_of: tuple[str, ...] = PIECES) -> str:
    pieces = draw(st.lists(st.sampled_from(pieces_of), max_size=8))
    if draw(st.booleans()):  # long enough to count as a copy, more often than not
        pieces = [" ".join(pieces), "ships small steps"]
    return "".join(pieces)


@st.composite
def ladders(draw: st.DrawFn, pieces_of: tuple[str, ...] = PIECES) -> Ladder:
    """A random ladder of levels, expectations, statements and citations, valid or not, its
    texts made of ``pieces_of``."""
    serial = itertools.count()
    written: list[Statement] = []

    def statement(path: JsonPath) -> Statement:
        # Some statements are written again at another level (a copy), some stand at several
        # levels with one path (a shared statement).
        if written and draw(st.integers(0, 3)) == 0:
            return draw(st.sampled_from(written))
        if written and draw(st.integers(0, 5)) == 0:
            text = draw(st.sampled_from(written)).text.upper()
        else:
            text = draw(texts(pieces_of))
        source = draw(st.sampled_from((None, *SOURCE_IDS)))
        further = draw(st.lists(st.sampled_from(SOURCE_IDS), max_size=2))
        made = Statement(
            text,
            source=source,
            path=path,
            sources=tuple(Citation(s, None, (*path, "sources", i)) for i, s in enumerate(further)),
        )
        written.append(made)
        return made

    def statements(path: JsonPath) -> tuple[Statement, ...]:
        count = draw(st.integers(0, 3))
        return tuple(statement((*path, i)) for i in range(count))

    scales = tuple(
        Scale(
            scale_id, scale_id, tuple(Step(s, s) for s in draw(st.lists(st.sampled_from(STEP_IDS))))
        )
        for scale_id in draw(st.lists(st.sampled_from(SCALE_IDS[:2]), max_size=2))
    )
    competencies = tuple(
        Competency(
            competency_id,
            competency_id,
            "area",
            scale=draw(st.sampled_from((None, *SCALE_IDS))),
            path=("areas", 0, "competencies", i),
        )
        for i, competency_id in enumerate(draw(st.lists(st.sampled_from(COMPETENCY_IDS[:3]))))
    )
    levels = []
    for index, level_id in enumerate(draw(st.lists(st.sampled_from(LEVEL_IDS), min_size=1))):
        at: JsonPath = ("tracks", 0, "levels", index)
        expectations = {
            competency_id: Expectation(
                competency_id,
                proficiency=draw(st.sampled_from((None, *STEP_IDS, "z"))),
                criteria=statements((*at, "expectations", competency_id, "criteria")),
                examples=statements((*at, "expectations", competency_id, "examples")),
                path=(*at, "expectations", competency_id),
            )
            for competency_id in draw(st.lists(st.sampled_from(COMPETENCY_IDS), unique=True))
        }
        dimensions = {
            dimension_id: statement((*at, "dimensions", dimension_id))
            for dimension_id in draw(st.lists(st.sampled_from(DIMENSION_IDS), unique=True))
        }
        summary = statement((*at, "summary")) if draw(st.booleans()) else None
        levels.append(
            Level(
                level_id,
                f"Level {next(serial)}",
                index + 1,
                "track",
                summary=summary,
                dimensions=dimensions,
                expectations=expectations,
                promotion=statements((*at, "promotion")),
                inherits=draw(st.sampled_from((None, *LEVEL_IDS))),
                path=at,
            )
        )
    sources = tuple(
        Source(s, f"{s}.md", path=("sources", i))
        for i, s in enumerate(draw(st.lists(st.sampled_from(SOURCE_IDS[:2]), unique=True)))
    )
    return Ladder(
        schema_version=draw(st.sampled_from((1, 2))),
        framework=FrameworkInfo("f", draw(texts()), "Org", "1", "draft", path=("framework",)),
        tracks=(Track("track", draw(texts()), "ic", tuple(levels), path=("tracks", 0)),),
        sources=sources,
        scales=scales,
        areas=(Area("area", draw(texts()), competencies, path=("areas", 0)),),
    )


def reference_references(ladder: Ladder) -> Iterator[Violation]:
    """PMF102 as its docstring reads, on ladders with no prompts, dimension steps or shared
    entries: every expectation asked in full, every citation of Ladder.citations()."""
    assert not ladder.assessment and not ladder.dimensions and not ladder.shared
    known = references._KnownIds.of(ladder)
    for competency in known.competency_of.values():
        yield from references._competency_references(competency, known)
    for level in ladder.levels:
        yield from references._level_references(level, known)
        for competency_id, expectation in level.expectations.items():
            yield from references._expectation_references(ladder, competency_id, expectation, known)
    for citation in ladder.citations():
        if citation.source not in known.sources:
            yield references._missing(
                (*citation.path, "source"), "source", citation.source, known.sources
            )


def reference_copied_text(ladder: Ladder) -> Iterator[Violation]:
    """PMF203 as a loop over each level's statements, in the order the level writes them."""
    first: dict[str, tuple[str, JsonPath]] = {}
    for level in ladder.levels:
        written: list[tuple[Statement, str | None]] = []
        if level.summary is not None:
            written.append((level.summary, None))
        written.extend((s, dimension) for dimension, s in level.dimensions.items())
        for expectation in level.expectations.values():
            written.extend((s, None) for s in (*expectation.criteria, *expectation.examples))
        written.extend((s, None) for s in level.promotion)
        for statement, dimension in written:
            key = normalized(statement.text)
            if len(key.split()) < 3:
                continue
            seen = first.setdefault(key, (level.id, statement.path))
            if seen[0] != level.id and seen[1] != statement.path:
                advice = copied_text._advice(ladder, level, seen[0], dimension)
                message = f"the same text is written at level {seen[0]!r}; {advice}"
                yield Violation(statement.path, message, related=seen[1])


def reference_placeholder_text(ladder: Ladder) -> Iterator[Violation]:
    """PMF202 as its pattern alone finds placeholders, with no quick test before it."""
    for path, text in placeholder_text._texts(ladder):
        for match in placeholder_text._PLACEHOLDER.finditer(text):
            word = match.group(0)
            if word.casefold() in placeholder_text._UPPER_ONLY and word != word.upper():
                continue
            yield Violation(path, f"placeholder {word!r} in {text[:60]!r}")
            break


def reference_unsafe_links(ladder: Ladder) -> Iterator[Violation]:
    """PMF109 as the parser finds unsafe links, asked of every statement."""
    for statement in ladder.statements():
        for problem in richtext.problems(statement.text):
            if problem.unsafe:
                yield Violation(statement.path, problem.message, offset=problem.offset)


def findings(violations: Iterator[Violation]) -> list[tuple[Any, ...]]:
    return [(v.path, v.message, v.related, v.offset, v.key) for v in violations]


@SETTINGS
@given(ladders())
def test_references_find_what_the_plain_loop_finds(ladder: Ladder) -> None:
    assert findings(references.check(ladder)) == findings(reference_references(ladder))


@SETTINGS
@given(ladders())
def test_copied_text_finds_what_the_plain_loop_finds(ladder: Ladder) -> None:
    assert findings(copied_text.check(ladder)) == findings(reference_copied_text(ladder))


@SETTINGS
@given(ladders())
def test_placeholder_text_finds_what_the_pattern_finds(ladder: Ladder) -> None:
    expected = findings(reference_placeholder_text(ladder))
    assert findings(placeholder_text.check(ladder)) == expected


@SETTINGS
@given(ladders(MARKUP))
def test_unsafe_links_finds_what_the_parser_finds(ladder: Ladder) -> None:
    assert findings(unsafe_links.check(ladder)) == findings(reference_unsafe_links(ladder))
