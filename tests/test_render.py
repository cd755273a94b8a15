"""``pmframework render``: HTML, PDF and Markdown, checked by structure rather than snapshots."""

from __future__ import annotations

import dataclasses
import http.server
import io
import itertools
import re
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from conftest import EXAMPLES, REPO, CliResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import escape
from pypdf import PdfReader

from pmframework import render
from pmframework.check.engine import load_ladder
from pmframework.cli.render import stage_bar
from pmframework.errors import LadderError, UsageError
from pmframework.markdown import escape as markdown_escape
from pmframework.model import Ladder, ladder_from_data
from pmframework.model.resolve import resolve_expectations
from pmframework.render import selection as render_selection
from pmframework.render import views as render_views
from pmframework.resources import BUILTIN_PREFIX, builtin_names
from pmframework.richtext import is_safe_url, to_html

ACME = str(EXAMPLES / "valid" / "acme-small.yaml")
# Schema version 2's shapes (shared statements, layers, points, anti-patterns) render as well.
V2_LADDERS = [str(p) for p in sorted((EXAMPLES / "valid" / "v2").glob("*.yaml"))]
LADDERS = [ACME, *V2_LADDERS, *(BUILTIN_PREFIX + name for name in builtin_names())]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PIPES = "| pipes |"
PAYLOAD = f"{SCRIPT} {IMG} {PIPES}"

RunCli = Callable[..., CliResult]


# --- a small HTML structure reader ----------------------------------------------------------


@dataclasses.dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: tuple[str, ...]  # "tag.class1.class2#id" of each enclosing element
    text: str = ""


class Structure(HTMLParser):
    """Every element with its attributes, its ancestors and its own text."""

    VOID: ClassVar[set[str]] = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    @staticmethod
    def _label(element: Element) -> str:
        classes = element.attrs.get("class", "").split()
        ident = element.attrs.get("id")
        return element.tag + "".join(f".{c}" for c in classes) + (f"#{ident}" if ident else "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ancestors = tuple(self._label(e) for e in self._open)
        element = Element(tag, {k: v or "" for k, v in attrs}, ancestors)
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and (cls is None or cls in e.attrs.get("class", "").split())
        ]

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}


def in_sources_list(element: Element) -> bool:
    return any(a.startswith("ol.sources") for a in element.ancestors)


@pytest.fixture(scope="module")
def html_of() -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def get(spec: str) -> str:
        if spec not in cache:
            cache[spec] = render.render_html(load_ladder(spec), name=spec)
        return cache[spec]

    return get


# --- the format, the command line, errors ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("dir/a.pdf", "pdf"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
    ],
)
def test_format_comes_from_the_extension(name: str, expected: str) -> None:
    assert render.format_for(name) == expected


def test_an_explicit_format_wins_over_the_extension() -> None:
    assert render.format_for("ladder.txt", "markdown") == "markdown"


def test_an_unknown_extension_without_format_is_a_usage_error(
    tmp_path: Path, run_cli: RunCli
) -> None:
    with pytest.raises(UsageError, match="--format"):
        render.format_for("ladder.txt")
    result = run_cli("render", ACME, "-o", str(tmp_path / "ladder.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("pmframework: error: cannot tell the format")
    assert not (tmp_path / "ladder.txt").exists()


@pytest.mark.parametrize(("suffix", "magic"), [(".html", b"<!DOCTYPE html>"), (".md", b"# ")])
def test_the_command_writes_the_file(
    tmp_path: Path, run_cli: RunCli, suffix: str, magic: bytes
) -> None:
    out = tmp_path / f"ladder{suffix}"
    result = run_cli("render", "builtin:asana", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {out} ({render.format_for(out)})\n"
    assert out.read_bytes().startswith(magic)


def test_format_option_overrides_the_extension(tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "ladder.txt"
    result = run_cli("render", ACME, "-o", str(out), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Product Management Career Ladder")


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--track", "ics", "no track 'ics'; did you mean 'ic'? tracks are: ic, mgmt"),
        ("--level", "seniorpm", "no level 'seniorpm'; did you mean 'senior-pm'? levels are:"),
        ("--level", "zzz", "no level 'zzz'; levels are: pm, senior-pm, gpm"),
    ],
)
def test_unknown_ids_name_the_ladder_and_suggest(
    tmp_path: Path, run_cli: RunCli, option: str, value: str, expected: str
) -> None:
    result = run_cli("render", ACME, "-o", str(tmp_path / "out.html"), option, value)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pmframework: error: {ACME}: {expected}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.html").exists()


def test_a_level_outside_the_chosen_track_is_an_error() -> None:
    with pytest.raises(LadderError, match="level 'gpm' is in track 'mgmt'"):
        render_selection.select(load_ladder(ACME), "acme", tracks=["ic"], levels=["gpm"])


def test_a_missing_template_dir_is_a_usage_error(tmp_path: Path, run_cli: RunCli) -> None:
    missing = tmp_path / "nowhere"
    result = run_cli("render", ACME, "-o", str(tmp_path / "a.html"), "--template-dir", str(missing))
    assert result.exit_code == 2
    with pytest.raises(UsageError):
        render.template_dirs(missing)


def test_an_invalid_ladder_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nframework: {}\n", encoding="utf-8")
    result = run_cli("render", str(broken), "-o", str(tmp_path / "a.html"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pmframework: error: {broken}:")


# --- HTML structure ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec", LADDERS)
def test_html_is_a_sound_document(spec: str, html_of: Callable[[str], str]) -> None:
    ladder = load_ladder(spec)
    html = html_of(spec)
    doc = Structure(html)

    (root,) = doc.find("html")
    assert root.attrs["lang"] == (ladder.framework.language or "en")
    assert len(doc.find("h1")) == 1
    csp = [m for m in doc.find("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0].attrs["content"]

    # headings never skip a level on the way down
    levels = [int(e.tag[1]) for e in doc.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after}"

    # every table header says what it heads
    for th in doc.find("th"):
        assert th.attrs.get("scope") in {"col", "row", "colgroup"}, th

    # a section for every level
    sections = {e.attrs.get("id") for e in doc.find("section", "level")}
    assert sections == {f"level-{lv.id}" for lv in ladder.levels}

    # no script, and nothing that would fetch from the network
    assert not doc.find("script")
    assert "<script" not in html.lower()
    for element in doc.elements:
        assert not any(name.startswith("on") for name in element.attrs), element
        for attr in ("src", "href"):
            value = element.attrs.get(attr, "")
            if value.startswith(("http:", "https:", "//")):
                # a link the reader follows: a source's, or one written in a statement
                authored = "rich-link" in element.attrs.get("class", "").split()
                assert attr == "href" and (in_sources_list(element) or authored), element

    # every internal link lands somewhere, citations on an entry of the sources list
    ids = doc.ids
    for a in doc.find("a"):
        href = a.attrs.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href
    source_ids = {e.attrs["id"] for e in doc.find("li") if in_sources_list_item(e)}
    cites = doc.find("a", "cite")
    cited = [s for s in ladder.statements() if s.source]
    assert len(cites) >= min(1, len(cited))
    # a mark lands on the sources list, or on its quote at the end of the level
    quote_ids = {e.attrs["id"] for e in doc.find("li") if "-quote-" in e.attrs.get("id", "")}
    for a in cites:
        assert a.attrs["href"][1:] in source_ids | quote_ids
        assert a.attrs.get("title")


def in_sources_list_item(element: Element) -> bool:
    return bool(element.ancestors) and element.ancestors[-1].startswith("ol.sources")


def test_citations_carry_the_quote_as_their_title(html_of: Callable[[str], str]) -> None:
    doc = Structure(html_of(ACME))
    (cite,) = doc.find("a", "cite")
    assert cite.attrs["href"] == "#sources-quote-1"  # the quote, listed after the sources
    assert cite.attrs["title"] == (
        "“not a project manager” — Jane Doe, Head of Product, Acme — Acme PM handbook, 2024-11"
    )
    assert cite.text == "[1]"


PROVENANCE = """\
schema_version: 1
framework: {id: p, title: P, organization: O, version: "1", status: draft}
sources:
  - {id: doe, document: notes/doe-2024.txt, title: "How do PM levels differ?", person: Jane Doe,
     date: May 17}
  - {id: roe, document: roe.txt, person: Joe Roe}
tracks:
  - id: ic
    name: IC
    kind: individual-contributor
    levels:
      - id: pm
        title: Product Manager
        rank: 2
        summary:
          text: Owns a problem space.
          source: doe
          quote: owns a problem
          sources: [{source: roe, quote: a problem space}]
      - id: senior
        title: Senior Product Manager
        alternative_titles: [Sr PM]
        rank: 3
        inherits: pm
        provenance:
          rank: {editorial: true, reason: The common scale puts senior PMs at 3.}
          inherits: {source: doe, quote: everything above plus}
"""


def test_a_synthesized_statement_cites_every_source() -> None:
    for output in (
        render.render_html(ladder_from_data(yaml.safe_load(PROVENANCE))),
        render.render_markdown(ladder_from_data(yaml.safe_load(PROVENANCE))),
    ):
        assert "Owns a problem space." in output
        summary = output[output.index("Owns a problem space.") :][:1600]
        assert "#source-doe" in summary and "#source-roe" in summary


def test_each_quote_is_listed_with_its_source_and_a_way_back_to_its_mark() -> None:
    """The quote is readable without hovering: listed at the end of the level, naming its
    source, and linked both ways with the mark."""
    doc = Structure(render.render_html(ladder_from_data(yaml.safe_load(PROVENANCE))))
    marks = [c for c in doc.find("a", "cite") if c.attrs["href"].startswith("#level-pm-quote-")]
    assert [m.text for m in marks] == ["[1]", "[2]"]
    items = {e.attrs["id"]: e for e in doc.find("li") if "-quote-" in e.attrs.get("id", "")}
    for mark in marks:
        item = items[mark.attrs["href"][1:]]
        assert mark.attrs["id"] == item.attrs["id"] + "-mark"
    texts = [" ".join(items[m.attrs["href"][1:]].text.replace("\u2060", "").split()) for m in marks]
    assert texts == [
        "[1] “owns a problem” — Jane Doe ↩",
        "[2] “a problem space” — Joe Roe ↩",
    ]


def test_a_level_drawn_from_one_source_names_it_once_and_marks_nothing() -> None:
    html = render.render_html(ladder_from_data(yaml.safe_load(PROVENANCE)))
    senior = html[html.index('id="level-senior"') :]
    senior = senior[: senior.index("</section>")]
    assert "Source for this level:" in senior and "#source-doe" in senior
    assert 'class="cite"' not in senior
    assert "“everything above plus”" in senior  # its quote is still there, once


def test_editorial_structure_is_marked_with_its_reason_and_sourced_structure_cited() -> None:
    html = render.render_html(ladder_from_data(yaml.safe_load(PROVENANCE)))
    doc = Structure(html)
    (mark,) = doc.find("span", "editorial")
    assert mark.text == "editorial"
    assert mark.attrs["title"] == "The common scale puts senior PMs at 3."
    markdown = render.render_markdown(ladder_from_data(yaml.safe_load(PROVENANCE)))
    assert "*(editorial: The common scale puts senior PMs at 3.)*" in markdown


def test_a_file_name_is_a_locator_not_the_title_of_a_source() -> None:
    html = render.render_html(ladder_from_data(yaml.safe_load(PROVENANCE)))
    items = {e.attrs["id"]: e.text for e in Structure(html).find("li") if "id" in e.attrs}
    assert " ".join(items["source-doe"].split()) == (
        "Jane Doe — How do PM levels differ?, May 17. notes/doe-2024.txt"
    )
    assert " ".join(items["source-roe"].split()) == "Joe Roe. roe.txt"
    (cite,) = [c for c in Structure(html).find("a", "cite") if c.attrs["title"].endswith("Roe")]
    assert cite.attrs["title"] == "“a problem space” — Joe Roe"


@pytest.mark.parametrize("spec", LADDERS)
def test_matrix_cells_mark_what_is_inherited(spec: str, html_of: Callable[[str], str]) -> None:
    ladder = load_ladder(spec)
    cells = {
        (td.attrs["data-level"], td.attrs["data-row"]): td.attrs["class"].split()
        for td in Structure(html_of(spec)).find("td", "cell")
    }
    for track in ladder.tracks:
        if len(track.levels) < 2:
            continue
        for level in track.levels:
            for competency, resolved in resolve_expectations(ladder, level).items():
                classes = cells[(level.id, f"competency:{competency}")]
                assert ("inherited" in classes) == resolved.inherited, (level.id, competency)


def test_the_acme_matrix_shows_steps_and_inherited_counts(html_of: Callable[[str], str]) -> None:
    doc = Structure(html_of(ACME))
    by_key = {(td.attrs["data-level"], td.attrs["data-row"]): td for td in doc.find("td", "cell")}
    senior = by_key[("senior-pm", "competency:prioritization")]
    assert "Knowing the ropes" in senior.text
    assert "+1 inherited" in senior.text
    assert "Makes trade-offs across teams explicit." in senior.text
    assert "Orders a backlog" not in senior.text  # inherited text stays in the earlier column
    assert "One feature area." in by_key[("pm", "dimension:scope")].text


def test_rungs_align_levels_of_equal_rank(html_of: Callable[[str], str]) -> None:
    doc = Structure(html_of(ACME))
    rows = [
        e for e in doc.elements if e.tag == "tr" and any("table.ladder" in a for a in e.ancestors)
    ]
    texts = [" ".join(r.text.split()) for r in rows]
    assert any(
        t.startswith("4 Senior Product Manager") and "Group Product Manager" in t for t in texts
    )


def glance_cells(html: str) -> dict[tuple[str, str], Element]:
    """The cells of the ladder at a glance, by (rank, track column class)."""
    doc = Structure(html)
    cells: dict[tuple[str, str], Element] = {}
    rank = ""
    for e in doc.elements:
        if not any(a.startswith("table.ladder") for a in e.ancestors):
            continue
        if e.tag == "th" and "rank" in e.attrs.get("class", "") and "tbody" in e.ancestors[-2]:
            rank = e.text.strip()
        if e.tag == "td":
            kind = next(c for c in e.attrs["class"].split() if c.startswith("kind-"))
            cells[(rank, kind)] = e
    return cells


def test_a_rank_a_track_has_no_level_at_reads_as_such(html_of: Callable[[str], str]) -> None:
    """Where tracks fork (product-management: individual contributors stop at rank 5, managers
    start at rank 4), an empty cell says "no level at this rank" and draws no rung; rails are
    drawn only where the track runs (its levels, and gaps between them)."""
    html = html_of(BUILTIN_PREFIX + "product-management")
    cells = glance_cells(html)
    ic, mgmt = "kind-individual-contributor", "kind-management"
    expected = {
        ("8", ic): "span-above",
        ("6", ic): "span-above",
        ("5", ic): "span-level",
        ("1", ic): "span-level",
        ("8", mgmt): "span-level",
        ("4", mgmt): "span-level",
        ("3", mgmt): "span-below",
        ("1", mgmt): "span-below",
    }
    for key, span in expected.items():
        classes = cells[key].attrs["class"].split()
        assert span in classes, (key, classes)
        words = " ".join(cells[key].text.split())
        if span == "span-level":
            assert "vacant" not in classes and "No level" not in words, key
        else:
            assert "vacant" in classes and words == "No level at this rank", (key, words)
    hidden = Structure(html).find("span", "visually-hidden")
    assert not [e for e in hidden if "No level" in e.text], "the words are shown, not hidden"
    lead = " ".join(Structure(html).find("p", "lead")[0].text.split())
    assert "A level's rank is its place on one scale of seniority that all tracks share" in lead
    assert "Individual contributor stops at rank 5. Management starts at rank 4." in lead
    markdown = render.render_markdown(load_ladder(BUILTIN_PREFIX + "product-management"))
    assert "| 8 | — | [Chief Product Officer]" in markdown
    assert "Management starts at rank 4." in markdown


def test_a_gap_inside_a_track_keeps_its_rails() -> None:
    from pmframework.render.glance import rank_on_track, track_reach

    held = [1, 2, 4]
    assert [rank_on_track(r, held) for r in (5, 4, 3, 2, 1, 0.5)] == [
        "above",
        "level",
        "gap",
        "level",
        "level",
        "below",
    ]
    assert track_reach("T", held, [5, 4, 3, 2, 1]) == render_views.TrackReach("T", None, "4")
    assert track_reach("T", [3, 5], [5, 3, 1]) == render_views.TrackReach("T", "3", None)
    assert track_reach("T", [1, 5], [5, 3, 1]) is None


def test_track_and_level_options_narrow_the_document() -> None:
    ladder = load_ladder(ACME)
    html = render.render_html(ladder, levels=["senior-pm"])
    doc = Structure(html)
    assert {e.attrs["id"] for e in doc.find("section", "level")} == {"level-senior-pm"}
    assert not doc.find("section", "matrix-block")
    assert "This edition covers Senior Product Manager (Individual contributor)" in " ".join(
        html.split()
    )
    ids = doc.ids
    for a in doc.find("a"):
        if a.attrs.get("href", "").startswith("#"):
            assert a.attrs["href"][1:] in ids
    only_mgmt = Structure(render.render_html(ladder, tracks=["mgmt"]))
    assert {e.attrs["id"] for e in only_mgmt.find("section", "level")} == {"level-gpm"}
    assert [e.attrs["id"] for e in only_mgmt.find("section", "track")] == ["track-mgmt"]


# --- Markdown ---------------------------------------------------------------------------------


def table_rows(markdown: str) -> Iterator[list[str]]:
    """Each table as a list of its lines."""
    table: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            table.append(line)
        elif table:
            yield table
            table = []


def cell_count(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


@pytest.mark.parametrize("spec", LADDERS)
def test_markdown_is_well_formed(spec: str) -> None:
    ladder = load_ladder(spec)
    text = render.render_markdown(ladder, name=spec)
    assert text.startswith(f"# {markdown_escape(ladder.framework.title)}\n")
    assert text.count("\n# ") == 0  # one title
    for rows in table_rows(text):
        widths = {cell_count(row) for row in rows}
        assert len(widths) == 1, rows
        assert re.fullmatch(r"\|( -{3}:? \|| -{3} \|)+", rows[1].replace("---:", "---")), rows[1]
    html_tags = set(re.findall(r"</?([a-zA-Z]+)", text))
    assert html_tags <= {"a", "sup", "br"}
    for level in ladder.levels:
        assert f'<a id="level-{level.id}"></a>' in text
        assert f"### {markdown_escape(level.title)}" in text
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    for target in re.findall(r"\]\(#([^ )]+)", text):
        assert target in anchors, target


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("<script>", "&lt;script&gt;"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](javascript:x)", "\\[link\\](javascript:x)"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("version 1.10", "version 1.10"),
        ("AT&T", "AT&amp;T"),
        ("two\nlines\r\n", "two lines"),
        ("$x$ ~y~ \\", "\\$x\\$ \\~y\\~ \\\\"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


# --- the same payloads, inert in every format -------------------------------------------------


def hostile_ladder_data(text: str = PAYLOAD) -> dict[str, Any]:
    statement = {"text": text, "source": "evil", "quote": f'" onmouseover=alert(1) x="{text}'}
    return {
        "schema_version": 1,
        "framework": {
            "id": "hostile",
            "title": f"Ladder {text}",
            "organization": f"Org {text}",
            "version": "1.0",
            "status": "draft",
            "description": statement,
            "license": text,
        },
        "sources": [
            {
                "id": "evil",
                "document": f"{text}.txt",
                "person": text,
                "url": "javascript:alert(1)",
            }
        ],
        "dimensions": [{"id": "scope", "name": f"Scope {text}", "description": text}],
        "scales": [
            {
                "id": "s",
                "name": f"Scale {text}",
                "steps": [{"id": "a", "name": f"A {text}"}, {"id": "b", "name": f"B {text}"}],
            }
        ],
        "role": {"name": text, "purpose": statement, "in_scope": [text], "out_of_scope": [text]},
        "areas": [
            {
                "id": "craft",
                "name": f"Craft {text}",
                "competencies": [
                    {"id": "c1", "name": f"C1 {text}", "description": text, "aliases": [text]}
                ],
            }
        ],
        "tracks": [
            {
                "id": "ic",
                "name": f"Track {text}",
                "kind": "individual-contributor",
                "description": text,
                "levels": [
                    {
                        "id": "one",
                        "title": f"One {text}",
                        "grade": text,
                        "rank": 1,
                        "summary": statement,
                        "dimensions": {"scope": statement},
                        "expectations": {
                            "c1": {"proficiency": "a", "criteria": [statement], "examples": [text]}
                        },
                        "promotion": [text],
                        "assessment": [
                            {"kind": "interview-question", "prompt": text, "rationale": [text]}
                        ],
                    },
                    {
                        "id": "two",
                        "title": f"Two {text}",
                        "alternative_titles": [text],
                        "rank": 2,
                        "inherits": "one",
                        "summary": text,
                    },
                ],
            }
        ],
        "promotion_process": [text],
    }


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(hostile_ladder_data(), allow_unicode=True), encoding="utf-8")
    return path


def test_hostile_text_is_inert_in_html(hostile_file: Path, run_cli: RunCli) -> None:
    out = hostile_file.with_suffix(".html")
    assert run_cli("render", str(hostile_file), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    doc = Structure(html)
    assert not doc.find("script") and not doc.find("img")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for element in doc.elements:
        assert not [a for a in element.attrs if a.startswith("on")], element
        assert "javascript:" not in element.attrs.get("href", "")
    (cite, *_) = doc.find("a", "cite")
    assert cite.attrs["title"].startswith('“" onmouseover=alert(1) x="')  # text, not an attribute
    assert "javascript:alert(1)" in doc.find("ol", "sources")[0].text  # shown, not linked


def test_hostile_text_is_inert_in_markdown(hostile_file: Path, run_cli: RunCli) -> None:
    out = hostile_file.with_suffix(".md")
    assert run_cli("render", str(hostile_file), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "\\| pipes \\|" in text
    assert "](javascript:" not in text and "<javascript:" not in text
    for rows in table_rows(text):
        assert len({cell_count(row) for row in rows}) == 1, rows
    assert set(re.findall(r"</?([a-zA-Z]+)", text)) <= {"a", "sup", "br"}


# Rich text that tries to become a script, an attribute or a link that runs code.
RICH_PAYLOAD = (
    "[click](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>) "
    '[quote](https://x.example/"onmouseover=alert(1)) [ok](https://x.example/ok) '
    "**<img src=x onerror=alert(1)>** `<script>alert(1)</script>` *a | b*\n- item <b>x</b>"
)


@pytest.fixture(scope="module")
def hostile_rich() -> Ladder:
    # Past validate, which refuses the links (PMF109): the renderer must be safe on its own.
    return ladder_from_data(hostile_ladder_data(RICH_PAYLOAD))


def test_validate_refuses_to_render_unsafe_links(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "hostile-rich.yaml"
    path.write_text(yaml.safe_dump(hostile_ladder_data(RICH_PAYLOAD)), encoding="utf-8")
    result = run_cli("render", str(path), "-o", str(tmp_path / "out.html"))
    assert result.exit_code == 1 and "PMF109" not in result.stdout
    assert "only http, https and mailto addresses are linked" in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_hostile_rich_text_is_inert_in_html(hostile_rich: Ladder) -> None:
    html = render.render_html(hostile_rich)
    doc = Structure(html)
    assert not doc.find("script") and not doc.find("img") and not doc.find("b")
    for element in doc.elements:
        assert not [a for a in element.attrs if a.startswith("on")], element
        href = element.attrs.get("href", "")
        assert not href.startswith(("javascript:", "data:")) and '"' not in href, element
    links = {e.attrs["href"] for e in doc.find("a", "rich-link")}
    assert links == {"https://x.example/ok"}
    assert doc.find("strong") and doc.find("code") and doc.find("em")
    assert any("<img src=x onerror=alert(1)>" in e.text for e in doc.find("strong"))


def test_hostile_rich_text_is_inert_in_markdown(hostile_rich: Ladder) -> None:
    text = render.render_markdown(hostile_rich)
    assert "<script" not in text.replace("`<script>alert(1)</script>`", "")
    assert "<img" not in text and "<b>" not in text
    hrefs = {
        child.attrs["href"]
        for token in MarkdownIt("commonmark").enable("table").parse(text)
        for child in token.children or []
        if child.type == "link_open"
    }
    assert {h for h in hrefs if not str(h).startswith("#")} == {"https://x.example/ok"}
    assert all(is_safe_url(str(h)) or str(h).startswith("#") for h in hrefs)
    assert "[ok](https://x.example/ok)" in text and "**&lt;img" in text
    for rows in table_rows(text):
        assert len({cell_count(row) for row in rows}) == 1, rows
    outside_code = re.sub(r"`[^`]*`", "", text)
    assert set(re.findall(r"</?([a-zA-Z]+)", outside_code)) <= {"a", "sup", "br"}


def test_hostile_rich_text_is_literal_in_pdf(hostile_rich: Ladder) -> None:
    reader = PdfReader(BytesIO(render.render_pdf(hostile_rich)))
    text = " ".join(pdf_text(reader).split())
    assert IMG in text and SCRIPT in text
    uris = {
        str(annotation.get_object().get("/A", {}).get("/URI"))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    }
    assert "https://x.example/ok" in uris
    assert not [u for u in uris if u.startswith(("javascript:", "data:"))]


def test_hostile_text_is_literal_in_pdf(hostile_file: Path, run_cli: RunCli) -> None:
    out = hostile_file.with_suffix(".pdf")
    assert run_cli("render", str(hostile_file), "-o", str(out)).exit_code == 0
    text = " ".join(pdf_text(PdfReader(out)).split())
    assert SCRIPT in text
    assert IMG in text
    assert PIPES in text


def _no_markup(text: str) -> bool:
    """Whether ``text`` holds no rich-text markup: it renders as itself (see test_richtext.py
    for text that does)."""
    return to_html(text) == str(escape(" ".join(text.split()))).replace("&#34;", '"').replace(
        "&#39;", "'"
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40).filter(_no_markup))
def test_any_text_leaves_the_html_structure_alone(text: str) -> None:
    baseline = render.render_html(ladder_from_data(hostile_ladder_data("x")))
    html = render.render_html(ladder_from_data(hostile_ladder_data(text)))
    assert [e.tag for e in Structure(html).elements] == [
        e.tag for e in Structure(baseline).elements
    ]
    collapsed = " ".join(text.split())
    assert str(escape(collapsed)) in html
    if "<" in collapsed:
        assert html.count("<") == baseline.count("<")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40))
def test_any_text_stays_text_in_markdown(text: str) -> None:
    escaped = markdown_escape(text)
    assert "<" not in escaped and ">" not in escaped and "\n" not in escaped
    assert not re.search(r"(?<!\\)(\\\\)*\|", escaped.replace("\\\\", ""))
    markdown = render.render_markdown(ladder_from_data(hostile_ladder_data(text)))
    for rows in table_rows(markdown):
        assert len({cell_count(row) for row in rows}) == 1, rows


# --- PDF ----------------------------------------------------------------------------------------


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def outline_titles(reader: PdfReader) -> dict[str, int]:
    """Bookmark titles and the page (from 1) each points at."""
    found: dict[str, int] = {}

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found[" ".join(item.title.split())] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return found


@pytest.fixture(scope="module")
def pm_pdf() -> tuple[Ladder, PdfReader]:
    spec = "builtin:product-management"
    ladder = load_ladder(spec)
    return ladder, PdfReader(BytesIO(render.render_pdf(ladder, name=spec)))


@pytest.mark.parametrize("spec", [ACME, "builtin:product-management"])
def test_pdf_has_bookmarks_text_and_contents(spec: str, pm_pdf: tuple[Ladder, PdfReader]) -> None:
    if spec == ACME:
        ladder = load_ladder(spec)
        reader = PdfReader(BytesIO(render.render_pdf(ladder, name=spec)))
    else:
        ladder, reader = pm_pdf
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    assert len(pages) > 1
    bookmarks = outline_titles(reader)
    for track in ladder.tracks:
        assert track.name in bookmarks
    for level in ladder.levels:
        assert level.title in bookmarks
        assert level.title in pages[bookmarks[level.title] - 1]

    toc_page = next(p for p in reader.pages if "Contents" in (p.extract_text() or "")[:200])
    entries = [
        re.fullmatch(r"(.+?)[ .]*?(\d+)", " ".join(line.split()))
        for line in (toc_page.extract_text() or "").splitlines()
    ]
    toc = {m.group(1): int(m.group(2)) for m in entries if m}
    for level in ladder.levels:
        assert toc[level.title] == bookmarks[level.title], level.title

    version = ladder.framework.version
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert f"Version {version}" in text
    if any(len(t.levels) > 1 for t in ladder.tracks):
        assert any(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)


def test_pdf_prints_every_quote_and_wastes_no_paper(pm_pdf: tuple[Ladder, PdfReader]) -> None:
    """Every supporting quote is in the PDF (after its level, or after the sources), and the
    reference ladder fits in 28 pages (it took 37 with a page per level and footnotes)."""
    ladder, reader = pm_pdf

    def squeeze(text: str) -> str:  # lines break at spaces, hyphens and slashes
        return re.sub(r"[\s\-‐]", "", text)

    text = squeeze(pdf_text(reader))
    quotes = {s.quote for s in ladder.statements() if s.quote}
    missing = [q for q in quotes if squeeze(q) not in text]
    assert not missing
    assert len(reader.pages) <= 28
    assert "↑Contents" not in text, "the screen's navigation bar is not printed"


def test_pdf_says_the_level_before_rather_than_a_page_number_where_it_can() -> None:
    """A page number (target-counter) costs WeasyPrint two more layouts of its page: a level
    that builds on the one printed just before it says so in words; one that builds on a level
    elsewhere (another track) keeps its page number."""
    ladder = load_ladder(BUILTIN_PREFIX + "product-management")
    doc = Structure(render.render_html(ladder, medium="pdf"))
    facts = {  # level id -> the facts under its title
        e.ancestors[-2].split("#level-")[-1]: " ".join(e.text.split())
        for e in doc.find("dl", "facts")
    }
    before = elsewhere = 0
    for track in ladder.tracks:
        for previous, level in itertools.pairwise((None, *track.levels)):
            if level.inherits is None:
                continue
            text = facts[level.id]
            if previous is not None and level.inherits == previous.id:
                before += 1
                assert "(the level before)" in text, level.id
            else:
                elsewhere += 1
                assert "(the level before)" not in text, level.id
    assert before >= 6 and elsewhere >= 1
    refs = doc.find("a", "page-ref")
    assert len(refs) == elsewhere


def pips_images(paged: str) -> dict[tuple[int, int], str]:
    """The SVG each ``.pips-N-of-M`` rule of a PDF's page draws, by (N, M)."""
    rules = re.findall(r'\.pips-(\d+)-of-(\d+) {[^}]*url\("data:image/svg\+xml,([^"]+)', paged)
    return {(int(n), int(m)): urllib.parse.unquote(svg) for n, m, svg in rules}


def test_a_step_in_the_pdf_is_one_element_with_its_pips_as_an_image(tmp_path: Path) -> None:
    """Pips as an element each were a third of a large ladder's elements, and the memory of its
    PDF grew with them: in the PDF a step is one element named by its text, its pips a
    background image (read by no screen reader) with as many filled circles as its position,
    in the accent colour, a company's own (--css) included."""
    ladder = load_ladder(ACME)
    screen, paged = render.render_html(ladder), render.render_html(ladder, medium="pdf")
    assert 'class="pip' in screen  # the web page keeps its pips
    assert 'class="pip' not in paged
    steps = re.findall(r'<span class="step pips-(\d+)-of-(\d+)"[^>]*>([^<]+)</span>', paged)
    assert steps and len(steps) == paged.count('class="step')
    images = pips_images(paged)
    for position, of, name in steps:
        svg = images[int(position), int(of)]
        assert svg.count("<circle") == int(of)
        assert svg.count("fill='#1d5c96'") == int(position), name
    text = pdf_text(PdfReader(BytesIO(render.render_pdf(ladder))))
    assert all(name in text for _, _, name in steps)

    css = tmp_path / "brand.css"
    css.write_text(":root { --accent: #c0392b; }\n")
    branded = pips_images(render.render_html(ladder, medium="pdf", css=css))
    assert branded.keys() == images.keys()
    assert all("#c0392b" in svg and "#1d5c96" not in svg for svg in branded.values())


def test_pdf_page_gives_no_element_a_pseudo_element_it_does_not_draw(
    pm_pdf: tuple[Ladder, PdfReader],
) -> None:
    """A selector such as ``*::before`` made WeasyPrint compute and keep two more styles for
    every element of the page, and a ``::before`` on each inherited mark was one more box and
    tagged run per mark: the memory of a large PDF grew with them. The arrow is the mark's own
    text, so the PDF still reads it."""
    ladder, reader = pm_pdf
    paged = render.render_html(ladder, medium="pdf")
    styles = "".join(re.findall(r"<style\b[^>]*>(.*?)</style>", paged, re.DOTALL))
    selectors = [
        selector.strip()
        for rule in re.findall(r"([^{}]+){[^{}]*}", re.sub(r"/\*.*?\*/", "", styles, flags=re.S))
        for selector in rule.split(",")
    ]
    assert "*" in selectors  # box-sizing still reaches every element
    assert not [s for s in selectors if re.fullmatch(r"\*?::?(before|after)", s)]
    assert not [s for s in selectors if s.startswith(".inherited-mark::")]
    marks = re.findall(r'<span class="inherited-mark">([^<]*)</span>', paged)
    assert marks and all(mark.startswith("↑ ") for mark in marks)
    assert "↑ INHERITED" in pdf_text(reader)


def test_pdf_styles_footnote_calls_only_where_a_page_has_footnotes() -> None:
    """WeasyPrint's default stylesheet gives every element five note pseudo-elements; a page
    without footnotes (ours) is laid out without them, and a page that floats text into a
    footnote (a company's own --css or templates may) still gets its numbered call."""
    from pmframework.render import output

    page = render.render_html(load_ladder(ACME), medium="pdf")
    assert output._html_class(page) is not output._html_class("<style>p { float: footnote }")

    body = "<p>Alpha<span style='float: footnote'>Omega</span> beta</p>"
    html = f"<html lang='en'><head><title>t</title></head><body>{body}</body></html>"
    text = pdf_text(PdfReader(BytesIO(output.html_to_pdf(html, output.template_dirs()))))
    assert re.search(r"Alpha\s*1", text) and "Omega" in text, text
    # a footnote the page's text does not plainly show still gets the default stylesheet
    hidden = html.replace("float: footnote", "float:/**/footnote")
    text = pdf_text(PdfReader(BytesIO(output.html_to_pdf(hidden, output.template_dirs()))))
    assert re.search(r"Alpha\s*1", text) and "Omega" in text, text


def test_pdf_is_tagged_with_language_and_outline(pm_pdf: tuple[Ladder, PdfReader]) -> None:
    _, reader = pm_pdf
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert reader.outline


# --- templates: overriding, strictness, atomic output -------------------------------------------


def test_a_template_dir_overrides_only_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "_colophon.html.j2").write_text(
        "<footer>Published by {{ framework.organization }} HR</footer>\n", encoding="utf-8"
    )
    html = render.render_html(load_ladder(ACME), template_dir=tmp_path)
    assert "<footer>Published by Acme HR</footer>" in html
    assert 'class="ladder"' in html  # the rest still comes from the defaults


def test_an_undefined_variable_is_a_one_line_error(tmp_path: Path, run_cli: RunCli) -> None:
    template = tmp_path / "ladder.md.j2"
    template.write_text("# {{ framework.title }}\n\n{{ framework.nope }}\n", encoding="utf-8")
    out = tmp_path / "out.md"
    result = run_cli("render", ACME, "-o", str(out), "--template-dir", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"pmframework: error: {template.resolve()}:3: "
        "'pmframework.render.views.FrameworkView object' has no attribute 'nope'\n"
    )


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "_role.html.j2").write_text("ok\n{% if %}\n", encoding="utf-8")
    with pytest.raises(render.RenderError, match=r"_role\.html\.j2:2: "):
        render.render_html(load_ladder(ACME), template_dir=tmp_path)


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".md"])
def test_a_failed_render_leaves_the_old_file_alone(
    tmp_path: Path, run_cli: RunCli, suffix: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    broken = "{% for level in tracks[0].levels %}{{ level.title }}{% endfor %}{{ missing }}\n"
    (templates / "ladder.html.j2").write_text(broken, encoding="utf-8")
    (templates / "ladder.md.j2").write_text(broken, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"ladder{suffix}"
    out.write_bytes(b"the published version")
    result = run_cli("render", ACME, "-o", str(out), "--template-dir", str(templates))
    assert result.exit_code == 1
    assert "'missing' is undefined" in result.stderr
    assert out.read_bytes() == b"the published version"
    assert [p.name for p in out_dir.iterdir()] == [out.name]


def test_weasyprint_warnings_stay_quiet(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "paged.css").write_text(
        "@page { size: A4; } .cover { unknown-property: 12; color: notacolor; }\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.pdf"
    result = run_cli("render", ACME, "-o", str(out), "--template-dir", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF")


# --- the PDF engine fetches nothing outside the template folders --------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body::before { content: 'NETWORK' }")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_pdf_fetches_only_from_the_template_folders(tmp_path: Path, http_server: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "inside.css").write_text(".cover-title::after { content: 'INSIDE' }", "utf-8")
    outside = tmp_path / "outside.css"
    outside.write_text(".colophon::before { content: 'LEAKED' }", encoding="utf-8")
    (templates / "link.css").symlink_to(outside)
    links = [
        f"{http_server}/net.css",
        outside.as_uri(),
        "link.css",
        "../outside.css",
        "inside.css",
    ]
    (templates / "_colophon.html.j2").write_text(
        "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
        + f'<img src="{http_server}/logo.png" alt=""><footer class="colophon">end</footer>',
        encoding="utf-8",
    )
    pdf = render.render_pdf(load_ladder(ACME), template_dir=templates)
    text = pdf_text(PdfReader(BytesIO(pdf)))
    assert "INSIDE" in text  # a stylesheet in the template folder is used
    assert "LEAKED" not in text and "NETWORK" not in text
    assert _Recorder.requests == []


def test_confined_urls(tmp_path: Path) -> None:
    user, default = tmp_path / "user", tmp_path / "default"
    user.mkdir()
    default.mkdir()
    (default / "logo.png").write_bytes(b"png")
    (user / "own.css").write_text("", encoding="utf-8")
    dirs = [user.resolve(), default.resolve()]
    data = "data:text/css,body{}"
    assert render._confined_url(data, dirs) == data
    assert render._confined_url((user / "own.css").as_uri(), dirs) == (user / "own.css").as_uri()
    # a name relative to the user's folder falls back on the default folder, as templates do
    assert render._confined_url((user / "logo.png").as_uri(), dirs) == (
        (default / "logo.png").resolve().as_uri()
    )
    for refused in ("https://example.com/x.css", "file:///etc/hostname", "ftp://x/y"):
        with pytest.raises(ValueError, match="refused"):
            render._confined_url(refused, dirs)


# --- the view model is documented ---------------------------------------------------------------


def test_the_readme_documents_the_template_context() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Templates and their context")
    section = readme[start : readme.index("\n## ", start)]
    for cls in render_views.VIEW_MODEL:
        assert f"`{cls.__name__}`" in section, cls.__name__
        for field in dataclasses.fields(cls):
            assert f"`{field.name}`" in section, f"{cls.__name__}.{field.name}"


def test_a_citation_mark_never_starts_a_line_of_its_own() -> None:
    """A word joiner ties every mark to the word before it, so no line holds only "[2]"."""
    html = render.render_html(load_ladder(BUILTIN_PREFIX + "product-management"))
    marks = [m.start() for m in re.finditer(r'<a class="cite"', html)]
    assert marks
    assert all(html[:start].endswith("&#8288;") for start in marks)


def test_a_ladder_wide_prompt_is_printed_in_full_once() -> None:
    """A prompt asked at every level is written out in the assessment section only; each level
    names it in a line instead of repeating the box (ten times in product-management)."""
    ladder = load_ladder(BUILTIN_PREFIX + "product-management")
    shared = [p for p in ladder.assessment if len(p.levels) > 1]
    assert shared
    html = render.render_html(ladder)
    doc = Structure(html)
    boxes = [e.text for e in doc.find("p", "prompt-text")]
    for prompt in shared:
        assert sum(prompt.prompt.text in box for box in boxes) == 1
        assert html.count('class="shared-prompt"') >= len(prompt.levels)


@pytest.mark.parametrize("spec", LADDERS)
def test_a_sentence_marks_each_of_its_sources_once(
    spec: str, html_of: Callable[[str], str]
) -> None:
    """Two quotes of one source behind a sentence make one mark, not "[6][6]"."""
    html = html_of(spec)
    assert not re.search(r'\[(\d+)\]</a>&#8288;<a class="cite"[^>]*>\[\1\]</a>', html)


def test_the_ladder_at_a_glance_says_equivalence_and_rank_in_words(
    html_of: Callable[[str], str],
) -> None:
    html = html_of(BUILTIN_PREFIX + "product-management")
    overview = html[html.index('id="overview"') : html.index('id="role"')]
    assert "≙" not in overview
    assert "Equivalent to Group Product Manager" in overview
    assert "rank is its place" in overview


# --- branding -----------------------------------------------------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_a_stylesheet_and_a_logo_brand_the_page(tmp_path: Path, run_cli: RunCli) -> None:
    css = tmp_path / "brand.css"
    css.write_text(":root { --accent: #c0392b; }\n/* </style><script>x</script> */\n")
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    out = tmp_path / "out.html"
    result = run_cli("render", ACME, "-o", str(out), "--css", str(css), "--logo", str(logo))
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.index(":root { --accent: #c0392b; }") > html.index("--accent: #1d5c96")
    doc = Structure(html)
    assert not doc.find("script")  # the stylesheet cannot end the <style> element
    (img,) = doc.find("img", "cover-logo")
    assert img.attrs["src"].startswith("data:image/png;base64,")
    assert img.attrs["alt"] == "Acme"


def test_a_missing_stylesheet_is_a_one_line_usage_error(tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "out.html"
    result = run_cli("render", ACME, "-o", str(out), "--css", str(tmp_path / "nope.css"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--css" in result.stderr
    assert not out.exists()


def test_a_custom_stylesheet_can_build_on_the_default_one(tmp_path: Path) -> None:
    """A style.css of one's own that includes the default ("default/style.css") renders; it
    used to include itself until "maximum recursion depth exceeded"."""
    (tmp_path / "style.css").write_text(
        '{% include "default/style.css" %}\n.cover-band { background: #0b6e4f; }\n'
    )
    html = render.render_html(load_ladder(ACME), template_dir=tmp_path)
    assert "--accent: #1d5c96" in html
    assert html.index(".cover-band { background: #0b6e4f; }") > html.index("--accent")


def test_a_source_document_is_shown_by_its_file_name_not_its_path_from_the_ladder() -> None:
    # The built-ins name their documents by a path from the ladder file to the seed folder: a
    # reader of the published page can follow neither that path nor anything above it.
    ladder = load_ladder("builtin:atlassian")
    assert ladder.sources[0].document.startswith("../")
    html = render.render_html(ladder)
    markdown = render.render_markdown(ladder)
    for page in (html, markdown):
        assert "../" not in page
        assert "shared/seeds" not in page
    assert "003_4868fb17af133656.txt" in html


# --- dark mode -------------------------------------------------------------------------------

DARK_QUERY = "@media screen and (prefers-color-scheme: dark)"
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b")


def css_block(css: str, opening: str) -> str:
    """The text between ``opening``'s brace and its matching closing brace."""
    start = css.index("{", css.index(opening)) + 1
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(css[end], 0)
        end += 1
    return css[start : end - 1]


def declared(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))


def test_dark_mode_recolours_the_screen_through_the_palette_and_leaves_paper_alone() -> None:
    """A reader whose system asks for dark gets a dark page: the dark block only re-sets the
    palette's custom properties, every colour of the page is drawn from that palette (a colour
    written out would stay light), and "screen" keeps print and the PDF on white paper."""
    html = render.render_html(load_ladder(ACME))
    css = html[html.index("<style>") : html.index("</style>")]
    light = declared(css_block(css, ":root"))
    dark_block = css_block(css, DARK_QUERY)
    dark = declared(css_block(dark_block, ":root"))
    assert {"--ink", "--page", "--accent", "--line"} <= dark.keys()
    assert dark.keys() <= light.keys(), "the dark palette sets a property the light one lacks"
    assert all(dark[name] != light[name] for name in dark.keys() - {"--band-ink"})
    for name in dark:
        assert f"var({name})" in css, f"{name} is set but no rule uses it"
    # the rules themselves: no written-out colour outside the two palettes and the print block
    rules = css.replace(css_block(css, ":root"), "").replace(dark_block, "")
    rules = rules.replace(css_block(css, "@media print"), "")
    assert set(HEX_COLOUR.findall(rules)) <= {"#f0b429"}  # the focus ring reads on both
    assert "prefers-color-scheme" not in css_block(css, "@media print")


# --- progress of a PDF -----------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pdf_render_reports_its_stages_in_order_and_a_page_reports_none() -> None:
    ladder = load_ladder(ACME)
    stages: list[str] = []
    pdf = render.render(ladder, "pdf", progress=stages.append)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert stages == list(render.PDF_STAGES)
    render.render(ladder, "html", progress=stages.append)
    render.render(ladder, "markdown", progress=stages.append)
    assert stages == list(render.PDF_STAGES)


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path: Path, run_cli: RunCli) -> None:
    """A log or a pipe gets the one "wrote" line; a terminal sees the stages go by."""
    out = tmp_path / "out.pdf"
    result = run_cli("render", ACME, "-o", str(out))  # standard error is not a terminal here
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == f"wrote {out} (pdf)\n"
    with stage_bar(io.StringIO()) as progress:
        assert progress is None
    terminal = Terminal()
    with stage_bar(terminal) as progress:
        assert progress is not None
        assert terminal.getvalue() == ""  # nothing until a stage is reported (HTML has none)
        for stage in render.PDF_STAGES:
            progress(stage)
    shown = terminal.getvalue()
    assert all(stage in shown for stage in render.PDF_STAGES)
    assert "100%" in shown


# --- what a level adds ---------------------------------------------------------------------


@pytest.mark.parametrize("spec", [ACME, BUILTIN_PREFIX + "product-management"])
def test_each_level_names_the_competencies_where_it_adds_to_what_it_builds_on(spec: str) -> None:
    """A reader comparing a level with the one below sees first where it says something new:
    the competencies the level writes itself, in catalog order; a level that builds on nothing
    gets no such line (everything in it is new)."""
    ladder = load_ladder(spec)
    html, markdown = render.render_html(ladder), render.render_markdown(ladder)
    shown = 0
    for level in ladder.levels:
        own = [c.name for c in ladder.competencies if c.id in level.expectations]
        section = html[html.index(f'id="level-{level.id}"') :]
        section = section[: section.index("</section>")]
        chapter = markdown[markdown.index(f'<a id="level-{level.id}"></a>') :]
        chapter = chapter[: chapter.index("\n#### ")]
        if level.inherits is None or not own:
            assert "New at this level" not in section + chapter
            continue
        line = " · ".join(str(escape(name)) for name in own)
        assert f'<span class="adds-to-label">New at this level:</span> {line}</p>' in section
        assert f"\n\n**New at this level:** {' · '.join(own)}\n\n" in chapter
        shown += 1
    assert shown >= 2
    # the line names only what is new: some level carries a competency it does not restate
    assert any(
        level.inherits and set(level.expectations) < {c.id for c in ladder.competencies}
        for level in ladder.levels
    )
