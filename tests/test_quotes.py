"""PMF108 quote-not-found: quotes are checked against the source documents beside the ladder.

Each case writes a ladder and its source document into a temporary folder and validates the
ladder file, as CI would, asserting the findings with their positions.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from pmframework.check.engine import check_loaded, validate_paths
from pmframework.check.rules import RULES
from pmframework.check.rules.quotes import _Document, normalize
from pmframework.findings import Finding
from pmframework.load.document import parse_document
from pmframework.resources import builtin_names

DOCUMENT = """\
Jane Doe, Head of Product

A PM typically receives a lot more   prescriptive direction
on tasks. We don’t use “leveled” titles.
Senior PMs own the roadmap along with their manager.
"""

# fmt: off
LADDER = """\
schema_version: 1
framework: {{id: t, title: T, organization: O, version: "1", status: draft}}
sources:
  - {{id: doe, document: {document}}}
tracks:
  - id: ic
    name: IC
    kind: individual-contributor
    levels:
      - id: pm
        title: Product Manager
        rank: 2
        summary:
          text: Receives prescriptive direction.
          source: doe
          quote: {quote}
"""
# Line 16, column 18: the quote.
# fmt: on


def validate(tmp_path: Path, quote: str, *, document: str = "doe.txt", text: str = DOCUMENT,
             ladder: str = LADDER) -> list[Finding]:  # fmt: skip
    (tmp_path / "doe.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "ladder.yaml"
    path.write_text(ladder.format(document=document, quote=quote), encoding="utf-8")
    return validate_paths([str(path)]).findings


def positions(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in findings]


def test_a_quote_found_verbatim_is_fine(tmp_path: Path) -> None:
    assert validate(tmp_path, '"Senior PMs own the roadmap along with their manager."') == []


def test_a_quote_not_found_is_an_error_at_its_line_with_the_closest_passage(
    tmp_path: Path,
) -> None:
    findings = validate(tmp_path, '"Senior PMs own the strategy along with their manager"')
    assert positions(findings) == [("PMF108", 16, 18)]
    assert findings[0].message == (
        "quote not found in doe.txt (source 'doe'); closest passage: "
        "“Senior PMs own the roadmap along with their manager”"
    )


def test_a_quote_with_nothing_like_it_gets_no_hint(tmp_path: Path) -> None:
    findings = validate(tmp_path, '"completely unrelated words here"')
    assert positions(findings) == [("PMF108", 16, 18)]
    assert findings[0].message == "quote not found in doe.txt (source 'doe')"


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param('"a lot more prescriptive direction on tasks"', id="line-break-and-spaces"),
        pytest.param('"receives  a lot\\tmore"', id="tab-and-double-space"),
        pytest.param('"We don\'t use \\"leveled\\" titles."', id="straight-for-typographic"),
        pytest.param('"We don’t use “leveled” titles."', id="typographic-as-written"),
    ],
)
def test_whitespace_and_quote_marks_do_not_matter(tmp_path: Path, quote: str) -> None:
    assert validate(tmp_path, quote) == []


def test_typographic_quote_in_the_ladder_matches_a_straight_one_in_the_document(
    tmp_path: Path,
) -> None:
    text = DOCUMENT.replace("don’t", "don't")
    assert validate(tmp_path, '"We don’t use"', text=text) == []


def test_other_differences_still_count(tmp_path: Path) -> None:
    assert positions(validate(tmp_path, '"a PM typically receives"')) == [("PMF108", 16, 18)]
    assert positions(validate(tmp_path, '"receives a lot more, prescriptive"')) == [
        ("PMF108", 16, 18)
    ]


@pytest.mark.parametrize(
    "document",
    [
        pytest.param("missing.txt", id="file-not-there"),
        pytest.param("Jane's handbook", id="a-title-not-a-file"),
        pytest.param("doe.pdf", id="not-a-text-file"),
        pytest.param(str(Path("/nonexistent") / "doe.txt"), id="absolute-path"),
    ],
)
def test_a_document_that_is_not_a_readable_text_file_is_not_checked(
    tmp_path: Path, document: str
) -> None:
    assert validate(tmp_path, '"nowhere in any document"', document=document) == []


def test_a_document_in_a_subfolder_resolves_from_the_ladder(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "doe.md").write_text(DOCUMENT, encoding="utf-8")
    findings = validate(tmp_path, '"not in it"', document="sources/doe.md")
    assert positions(findings) == [("PMF108", 16, 18)]


def test_a_ladder_read_from_standard_input_checks_no_documents() -> None:
    text = LADDER.format(document="doe.txt", quote='"not in it"')
    findings, ladder = check_loaded(parse_document("<stdin>", text), RULES.values())
    assert findings == []
    assert ladder is not None and ladder.folder is None


@pytest.mark.parametrize(
    ("after", "added", "position"),
    [
        pytest.param("          quote: {quote}\n",
                     "          sources:\n"
                     "            - {{source: doe, quote: prescriptive direction}}\n"
                     "            - {{source: doe, quote: not in the document}}\n",
                     (19, 36), id="each-source-of-a-synthesized-statement"),
        pytest.param("        rank: 2\n",
                     "        provenance:\n"
                     "          rank: {{source: doe, quote: a PM receives}}\n"
                     "          inherits: {{editorial: true, reason: The authors chose it.}}\n",
                     (14, 38), id="the-source-of-a-structural-choice"),
    ],
)  # fmt: skip
def test_every_citation_is_checked(
    tmp_path: Path, after: str, added: str, position: tuple[int, int]
) -> None:
    ladder = LADDER.replace(after, after + added)
    findings = validate(tmp_path, '"own the roadmap"', ladder=ladder)
    assert positions(findings) == [("PMF108", *position)]


def test_an_unknown_source_is_reported_once_by_pmf102(tmp_path: Path) -> None:
    ladder = LADDER.replace("source: doe\n", "source: do\n")
    assert [f.rule for f in validate(tmp_path, '"not in it"', ladder=ladder)] == ["PMF102"]


# --- the closest passage ----------------------------------------------------------------------

WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "road", "map"]), min_size=1)


@given(WORDS, st.integers(0, 30), st.integers(1, 8))
@settings(max_examples=200, deadline=None)
def test_a_passage_of_the_document_is_its_own_closest_passage(
    words: list[str], start: int, length: int
) -> None:
    document = _Document(" ".join(words))
    passage = " ".join(words[start : start + length])
    if passage:
        hint = document.closest(passage)
        assert hint is not None
        assert normalize(passage) in document.text
        assert sorted(hint.split()) == sorted(passage.split())


@given(st.text(max_size=200), st.text(min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_the_hint_is_always_text_of_the_document(text: str, quote: str) -> None:
    document = _Document(text)
    hint = document.closest(quote)
    assert hint is None or hint.rstrip("…") in document.text


# --- the built-ins, against the seed documents --------------------------------------------------


def test_builtin_quotes_are_checked_against_the_seed_documents() -> None:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed documents not found at {SEEDS}")
        pytest.skip(f"seed documents not found at {SEEDS}")
    frameworks = REPO / "frameworks"
    report = validate_paths([str(frameworks / f"{name}.yaml") for name in builtin_names()])
    assert report.findings == []
    # Each built-in names its seed documents by a path that resolves from its folder, so the
    # rule above did read them.
    for name in builtin_names():
        text = (frameworks / f"{name}.yaml").read_text(encoding="utf-8")
        documents = [line.split(":", 1)[1].strip() for line in text.splitlines()
                     if line.startswith("    document: ")]  # fmt: skip
        assert documents
        assert all((frameworks / d).is_file() for d in documents), name
