"""Rich text in statements (pmframework.richtext): what the subset means, how each output shows
it, and where validate points when its markup is wrong (PMF109 unsafe-link, PMF204
malformed-markup).

The Markdown output is read back by a CommonMark parser (markdown-it-py, the test oracle of
tests/test_markdown.py): a reader such as GitHub must see the same emphasis, code and links as
the HTML shows, and nothing else.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from conftest import EXAMPLES, VALID, CliResult
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pypdf import PdfReader

from pmframework import markdown, render, richtext
from pmframework.check.engine import check_loaded, load_ladder
from pmframework.check.rules import RULES
from pmframework.diff.fields import FORMATTING_ONLY, compare_items
from pmframework.diff.values import statement_item
from pmframework.load.document import parse_document
from pmframework.richtext import plain, to_html
from pmframework.sheets.importer import import_sheet

RunCli = Callable[..., CliResult]
COMMONMARK = MarkdownIt("commonmark", {"html": False})
READER = MarkdownIt("commonmark").enable("table")  # raw HTML read as such, as GitHub would

# --- what the subset means ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ships small steps.", "Ships small steps."),
        ("Ships **small** steps", "Ships <strong>small</strong> steps"),
        ("Ships __small__ steps", "Ships <strong>small</strong> steps"),
        ("a *b* and _c_", "a <em>b</em> and <em>c</em>"),
        ("snake_case_name and 2*3", "snake_case_name and 2*3"),
        ("a * b * c", "a * b * c"),
        ("`**not strong**`", "<code>**not strong**</code>"),
        ("``a ` b``", "<code>a ` b</code>"),
        ("\\*literal\\*", "*literal*"),
        ("see [guide](https://x.example/a_(b)).", 'see <a class="rich-link" '
         'href="https://x.example/a_(b)" rel="noreferrer">guide</a>.'),
        ("[mail us](mailto:pm@x.example)", '<a class="rich-link" href="mailto:pm@x.example" '
         'rel="noreferrer">mail us</a>'),
        ("[click](javascript:alert(1))", "click"),
        ("[page](/relative/path)", "page"),
        ("[x](data:text/html,hi)", "x"),
        ("[spaced](https://x.example a)", "[spaced](https://x.example a)"),
        ("<b>raw</b> & co", "&lt;b&gt;raw&lt;/b&gt; &amp; co"),
        ("**[b](https://x.example)**", '<strong><a class="rich-link" href="https://x.example" '
         'rel="noreferrer">b</a></strong>'),
        ("Does:\n- one\n- *two*", "<p>Does:</p><ul><li>one</li><li><em>two</em></li></ul>"),
        ("* one\n* two", "<ul><li>one</li><li>two</li></ul>"),
        ("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>"),
        ("3. c\n4. d", '<ol start="3"><li>c</li><li>d</li></ol>'),
        ("In\n2024. we shipped", "In 2024. we shipped"),  # only "1." interrupts a sentence
        ("one\n\ntwo", "<p>one</p><p>two</p>"),
        ("- item\n  goes on", "<ul><li>item goes on</li></ul>"),
        ("# not a heading", "# not a heading"),
        ("+ not a list", "+ not a list"),
    ],
)  # fmt: skip
def test_html(text: str, expected: str) -> None:
    assert to_html(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ships **small** steps", "Ships small steps"),
        ("see the [guide](https://x.example/g)", "see the guide (https://x.example/g)"),
        ("<https://x.example>", "<https://x.example>"),
        ("[https://x.example](https://x.example)", "https://x.example"),
        ("[write](mailto:pm@x.example)", "write (pm@x.example)"),
        ("[click](javascript:alert(1))", "click (javascript:alert(1))"),
        ("`code` and  *more*\n text", "code and more text"),
        ("Does:\n* one\n* two\n\n3) three", "Does:\n\n- one\n- two\n\n3) three"),
    ],
)
def test_plain(text: str, expected: str) -> None:
    assert plain(text) == expected


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("Owns **an area", 5, "'**' is never closed"),
        ("Owns _an area", 5, "'_' is never closed"),
        ("reads `notes", 6, "code span '`' is never closed"),
        ("[a](https://x", 3, "link address is never closed with ')'"),
        ("[a](javascript:x)", 4, "link to 'javascript:x': only http, https and mailto addresses"),
        ("- one\n- see [a](file:///etc/passwd)", 16, "link to 'file:///etc/passwd'"),
    ],
)
def test_problems_are_found_at_their_offset(text: str, offset: int, message: str) -> None:
    (problem,) = richtext.parse(text).problems
    assert (problem.offset, problem.message[: len(message)]) == (offset, message)


@pytest.mark.parametrize("text", ["2*3 = 6", "a * b", "snake_case", "**", "[a] (b)", "x_"])
def test_what_is_not_markup_is_no_problem(text: str) -> None:
    assert richtext.parse(text).problems == ()


# --- PMF109 and PMF204, at the mark ------------------------------------------------------------


def findings(text: str, name: str = "test.yaml") -> list[tuple[str, int, int]]:
    found, _ = check_loaded(parse_document(name, text), RULES.values())
    return sorted((f.rule, f.line, f.column) for f in found)


def with_criterion(criterion: str) -> str:
    return VALID.replace("criteria: [Sets goals.]", f"criteria: [{criterion}]")


@pytest.mark.parametrize(
    ("criterion", "rule", "mark"),
    [
        ('"Sets [goals](javascript:alert(1))."', "PMF109", "javascript"),
        ("'It''s [goals](file:///x)'", "PMF109", "file:"),
        ("'It''s ''[goals]''(file:///x)'", None, ""),  # no link: the quotes part it
        ("Sets **goals.", "PMF204", "**"),
        ("{text: Sets `goals., source: s}", "PMF204", "`"),
    ],
)
def test_findings_point_into_the_text(criterion: str, rule: str | None, mark: str) -> None:
    text = with_criterion(criterion).replace("areas:", "sources: [{id: s, document: D}]\nareas:")
    if rule is None:
        assert findings(text) == []
        return
    (line,) = (n for n, row in enumerate(text.splitlines(), 1) if criterion in row)
    column = text.splitlines()[line - 1].index(mark) + 1
    assert findings(text) == [(rule, line, column)]


def test_findings_point_into_block_scalars() -> None:
    literal = VALID.replace(
        "criteria: [Sets goals.]}}}",
        "criteria: [{text: x}]}}}\n        # a literal block:\n",
    )
    assert findings(literal) == []
    text = """\
schema_version: 1
framework:
  id: t
  title: T
  organization: O
  version: "1"
  status: draft
  description: >
    Folded lines
    end in a [bad](javascript:x) link.
areas:
  - id: craft
    name: Craft
    description: |
      A list:
        - one
        - two **bold
    competencies:
      - id: strategy
        name: Strategy
        description: Plain, see [a](javascript:y) and more.
tracks:
  - {id: ic, name: IC, kind: other, levels: [{id: pm, title: PM, rank: 1}]}
"""
    rows = text.splitlines()
    assert findings(text) == [
        ("PMF109", 10, rows[9].index("javascript") + 1),
        ("PMF109", 21, rows[20].index("javascript") + 1),
        ("PMF201", 23, 51),  # no expectation of strategy: not about rich text
        ("PMF204", 17, rows[16].index("**") + 1),
    ]


def test_findings_point_into_json_strings() -> None:
    data = {
        "schema_version": 1,
        "framework": {"id": "t", "title": "T", "organization": "O", "version": "1",
                      "status": "draft", "description": "A [bad](javascript:x) link"},
        "areas": [{"id": "c", "name": "C", "competencies": [{"id": "s", "name": "S"}]}],
        "tracks": [{"id": "ic", "name": "IC", "kind": "other",
                    "levels": [{"id": "pm", "title": "PM", "rank": 1,
                                "expectations": {"s": {"criteria": ["x"]}}}]}],
    }  # fmt: skip
    text = json.dumps(data, indent=1)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "javascript" in row)
    column = text.splitlines()[line - 1].index("javascript") + 1
    assert findings(text, "test.json") == [("PMF109", line, column)]


def test_an_escape_that_cannot_be_followed_points_at_the_text() -> None:
    # "\u00e9" in the file is one character of the text: the position falls back to the start.
    text = with_criterion('"Caf\\u00e9 [x](javascript:y)"')
    row = text.splitlines()[9]
    assert findings(text) == [("PMF109", 10, row.index('"Caf') + 1)]


def test_the_finding_names_the_text_path() -> None:
    found, _ = check_loaded(
        parse_document("t.yaml", with_criterion("{text: '[a](javascript:b)'}")), RULES.values()
    )
    (finding,) = found
    assert finding.json_path == "$.tracks[0].levels[0].expectations.strategy.criteria[0].text"


# --- Markdown output: the markup kept, a CommonMark reader sees what the HTML shows -----------

# Words and markup: the subset's marks, and characters that mean something elsewhere.
MARKUP = st.text(alphabet="ab *_`[]()\\<>&#|-1.!:/", max_size=30)
URLS = st.sampled_from(
    ["https://x.example/a", "https://x.example/a_(b)", "mailto:a@x.example", "javascript:x",
     "/rel", "https://x.example/a|b", "https://x.example/&copy;"]
)  # fmt: skip
WORDS = st.text(alphabet="abc xyz", min_size=1, max_size=8).filter(lambda t: t.strip() == t)


@st.composite
def inline_texts(draw: st.DrawFn, depth: int = 2, raw: bool = True) -> str:
    """A sentence written in the subset: words, emphasis, strong, code and links; with ``raw``,
    stray marks too."""
    parts = []
    kinds = ["word", "em", "strong", "code", "link", *(["raw"] if raw else [])]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(kinds))
        if kind == "word" or depth == 0:
            parts.append(draw(WORDS))
        elif kind == "em":
            parts.append(f"*{draw(WORDS)} {draw(inline_texts(depth - 1, raw))} {draw(WORDS)}*")
        elif kind == "strong":
            parts.append(f"**{draw(WORDS)} {draw(inline_texts(depth - 1, raw))} {draw(WORDS)}**")
        elif kind == "code":
            parts.append(f"`{draw(WORDS)}`")
        elif kind == "link":
            parts.append(f"[{draw(WORDS)}]({draw(URLS)})")
        else:
            parts.append(draw(MARKUP))
    return " ".join(parts)


def _commonmark_html(source: str) -> str:
    rendered = COMMONMARK.renderInline(source)
    return html.unescape(rendered)


def _our_html(text: str) -> str:
    ours = to_html(text).replace(' class="rich-link"', "").replace(' rel="noreferrer"', "")
    return html.unescape(ours)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(inline_texts() | MARKUP)
def test_a_commonmark_reader_sees_what_the_html_shows(text: str) -> None:
    if not richtext.parse(text).inline:
        return
    source = markdown.rich(text)
    expected = _our_html(text)
    # CommonMark percent-encodes some characters of an address; compare what they mean.
    assert _commonmark_html(source).replace("%7C", "|") == expected.strip(), source


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Ships **small** steps", "Ships **small** steps"),
        ("a _b_ and `c`", "a _b_ and `c`"),
        ("see [guide](https://x.example/g)", "see [guide](https://x.example/g)"),
        ("[click](javascript:alert(1))", "click"),
        ("<script>x</script> **open", "&lt;script&gt;x&lt;/script&gt; \\*\\*open"),
        ("# heading", "\\# heading"),
    ],
)
def test_markdown_keeps_the_subset_as_written(text: str, kept: str) -> None:
    assert markdown.rich(text) == kept


def test_markdown_lists_in_a_paragraph_and_on_one_line() -> None:
    text = "Does:\n- one\n- *two*\n\n3. three"
    assert markdown.rich(text, block=True) == "Does:\n\n- one\n- *two*\n\n3. three\n\n<!-- -->"
    assert markdown.rich(text) == "Does:<br>• one<br>• *two*<br>3\\. three"
    tokens = COMMONMARK.parse(markdown.rich(text, block=True) + "\n\n- next list")
    assert [t.type for t in tokens if t.type.endswith("list_open")] == [
        "bullet_list_open",
        "ordered_list_open",
        "bullet_list_open",
    ]


def test_markdown_in_a_table_cell_keeps_the_cell() -> None:
    cell = markdown.rich("`a|b` [x](https://x.example/a|b)", table=True)
    assert cell == "`a\\|b` [x](https://x.example/a%7Cb)"


# --- property tests -------------------------------------------------------------------------------

ALLOWED = {
    "em": set(), "strong": set(), "code": set(), "p": set(), "ul": set(), "li": set(),
    "ol": {"start"}, "a": {"class", "href", "rel"},
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


ANY_TEXT = st.text() | MARKUP | inline_texts() | st.lists(inline_texts()).map("\n- ".join)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_any_text_renders_to_allowed_html_only(text: str) -> None:
    out = to_html(text)
    parser = _Tags()
    parser.feed(out)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED, out
        assert set(attrs) <= ALLOWED[tag], out
        if tag == "a":
            assert richtext.is_safe_url(attrs["href"] or ""), out
    # every character of the text that is not markup is there, as text
    assert "<" not in re.sub(r"</?(em|strong|code|p|ul|ol|li|a)\b[^>]*>", "", out)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_prints_in_every_form(text: str) -> None:
    plain(text)
    for block in (False, True):
        for table in (False, True):
            out = markdown.rich(text, block=block, table=table)
            raw_html = [
                t.content
                for token in READER.parse(out)
                for t in (token, *(token.children or []))
                if t.type.startswith("html")
            ]
            assert {h.strip() for h in raw_html} <= {"<br>", "<!-- -->"}, out
            if not block:
                assert "\n" not in out


@settings(max_examples=300, deadline=None)
@given(inline_texts(raw=False) | st.lists(inline_texts(raw=False), min_size=1).map("\n- ".join))
def test_plain_text_is_idempotent_for_the_subset(text: str) -> None:
    once = plain(text)
    assert plain(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="*_`[]\\\n")))
def test_text_without_markup_is_itself(text: str) -> None:
    assert plain(text) == _one_line(text)
    assert to_html(text) == html.escape(_one_line(text), quote=False)


# --- diffs compare what a person reads ------------------------------------------------------


def test_a_change_of_emphasis_alone_is_formatting() -> None:
    old, new = statement_item("Ships small steps."), statement_item("Ships **small** steps.")
    (change,) = compare_items("criteria", [old], [new])
    assert (change.old, change.new, change.words_note) == (
        "Ships small steps.",
        "Ships small steps.",
        FORMATTING_ONLY,
    )
    assert all(s.op == "equal" for s in change.words)


def test_a_new_link_address_is_a_change_of_words() -> None:
    (change,) = compare_items(
        "criteria",
        [statement_item("Read the [guide](https://a.example).")],
        [statement_item("Read the [guide](https://b.example).")],
    )
    assert change.words_note == ""
    assert [s.text.strip() for s in change.words if s.op != "equal"] == ["a", "b"]


def test_the_same_text_is_no_change() -> None:
    item = statement_item("Ships **small** steps.")
    assert compare_items("criteria", [item], [statement_item("Ships **small** steps.")]) == []


def test_diff_reports_show_plain_text(tmp_path: Path, run_cli: RunCli) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(with_criterion("Sets goals."), encoding="utf-8")
    new.write_text(with_criterion('"Sets **goals** with the [team](https://x.example)."'))
    for fmt in ("text", "markdown", "html", "json"):
        result = run_cli("diff", str(old), str(new), "--format", fmt)
        assert result.exit_code == 1, result.stderr
        assert "**goals**" not in result.stdout and "](https" not in result.stdout
        assert "team" in result.stdout and "https://x.example" in result.stdout


# --- spreadsheets: Markdown in a cell is a statement's rich text ------------------------------


def test_markdown_in_cells_is_kept_as_written(tmp_path: Path) -> None:
    sheet = tmp_path / "ladder.csv"
    cell = "Ships **small** steps, see [guide](https://x.example/g).\nDoes:\n- discovery\n- `kpi`"
    sheet.write_text(
        'Competency,Junior,Senior\nDelivery,"' + cell + '",Sets _the_ pace.\n', encoding="utf-8"
    )
    imported = import_sheet(str(sheet))
    (criterion,) = imported.ladder.levels[0].expectations["delivery"].criteria
    assert criterion.text == cell
    assert imported.ladder.levels[1].expectations["delivery"].criteria[0].text == "Sets _the_ pace."
    found, _ = check_loaded(parse_document("ladder.yaml", imported.text), RULES.values())
    assert [f for f in found if f.rule in ("PMF109", "PMF204")] == []
    assert "<strong>small</strong>" in to_html(criterion.text)


# --- a rich-text ladder in every format ---------------------------------------------------------

RICH_LADDER = EXAMPLES / "valid" / "rich-text.yaml"


def _rendered_elements(html_text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html_text)
    parser.close()
    return parser.tags


def test_the_rich_text_example_renders_in_html() -> None:
    html_text = render.render_html(load_ladder(str(RICH_LADDER)))
    tags = _rendered_elements(html_text)
    hrefs = sorted(
        {str(a["href"]) for tag, a in tags if tag == "a" and a.get("class") == "rich-link"}
    )
    assert hrefs == [
        "https://handbook.example.com/interviews",
        "https://handbook.example.com/playbook_(2024)",
        "https://handbook.example.com/pm",
        "mailto:ladder@example.com",
    ]
    # a statement with a list sits in a div, never in a p (which cannot hold a list)
    assert '<div class="area-description"><p>What a product manager does every week:</p><ul>' in (
        html_text
    )
    assert "<li><p>Runs a discovery cycle:</p><ol><li>frame the problem</li>" in html_text
    assert '<p class="summary">Owns <strong>one</strong> feature area.</p>' in html_text
    assert 'content="How product managers grow at Example Co; see the handbook (https://' in (
        html_text
    )


def test_the_rich_text_example_renders_in_markdown() -> None:
    text = render.render_markdown(load_ladder(str(RICH_LADDER)))
    assert "Owns **one** feature area." in text
    assert '- `metrics` that matter\n\n<!-- -->\n\n- <a id="competency-discovery">' in text
    assert "[discovery playbook](https://handbook.example.com/playbook_(2024))" in text
    assert "Runs a discovery cycle:<br>1\\. frame the problem<br>2\\. talk to *five* users" in text


def test_the_rich_text_example_renders_in_pdf_with_addresses_printed() -> None:
    reader = PdfReader(BytesIO(render.render_pdf(load_ladder(str(RICH_LADDER)))))
    text = " ".join("\n".join(page.extract_text() or "" for page in reader.pages).split())
    assert "interview guide (https://handbook.example.com/interviews)" in text
    assert "frame the problem" in text and "talk to five users" in text
