"""The one Markdown escaper (pmframework.markdown), read back by a CommonMark parser with
GitHub's tables: any text, escaped or put in a code span, in a table cell or a paragraph,
parses back as exactly that text (on one line), with no HTML, link or emphasis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pmframework.diff.inputs import diff_inputs
from pmframework.diff.report import FORMATTERS
from pmframework.markdown import code_span, escape, one_line

ACME = str(EXAMPLES / "valid" / "acme-small.yaml")
PARSER = MarkdownIt("commonmark").enable("table")
# Text made of what Markdown and HTML give meaning to, as well as any text at all.
TEXTS = st.text() | st.text(alphabet="`|\\*_<>&#-=+1.) \n\t[]!:~$a;x/\"'")


def _plain(inline: object) -> str:
    children = inline.children or []  # type: ignore[attr-defined]
    kinds = {child.type for child in children}
    assert kinds <= {"text", "code_inline"}, [(c.type, c.content) for c in children]
    return "".join(child.content for child in children)


def read_cell(markdown: str) -> str:
    """The text of the one body cell of a one-column table holding ``markdown``."""
    tokens = PARSER.parse(f"| heading |\n|---|\n| {markdown} |\n")
    assert [t.type for t in tokens if t.type.startswith(("t", "html"))] == [
        "table_open", "thead_open", "tr_open", "th_open", "th_close", "tr_close", "thead_close",
        "tbody_open", "tr_open", "td_open", "td_close", "tr_close", "tbody_close", "table_close",
    ]  # fmt: skip
    return _plain([t for t in tokens if t.type == "inline"][1])


def read_paragraph(markdown: str) -> str:
    tokens = PARSER.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    return _plain(tokens[1])


@settings(max_examples=400)
@given(TEXTS.filter(lambda text: bool(one_line(text))))
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    assert read_cell(escape(text)) == one_line(text)
    assert read_paragraph(escape(text)) == one_line(text)


@settings(max_examples=400)
@given(TEXTS.filter(lambda text: bool(one_line(text))))
def test_a_code_span_reads_back_as_itself(text: str) -> None:
    assert read_cell(code_span(text, in_table=True)) == one_line(text)
    assert read_paragraph(code_span(text)) == one_line(text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("x-team", "`x-team`"),
        ("x-`a`", "`` x-`a` ``"),
        ("x-``<img src=x onerror=alert(1)>", "```x-``<img src=x onerror=alert(1)>```"),
        ("`", "`` ` ``"),
        ("", ""),
    ],
)
def test_code_span_fences(text: str, span: str) -> None:
    assert code_span(text) == span


# --- every Markdown output goes through it -------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)> | `x` *"


def _hostile_copy(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> str:
    data = yaml.safe_load(Path(ACME).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def _no_injected_html(markdown: str) -> list[Any]:
    """The parsed tokens, after checking that no HTML in them came from a ladder."""
    tokens = PARSER.parse(markdown)
    inline = [child for token in tokens for child in token.children or []]
    for token in (*tokens, *inline):
        if token.type.startswith("html"):
            assert "<img" not in token.content, token.content
    return tokens


def test_diff_markdown_keeps_organization_names_text(tmp_path: Path) -> None:
    def rename(data: dict[str, Any]) -> None:
        data["framework"]["organization"] = HOSTILE

    hostile = _hostile_copy(tmp_path, rename)
    result = diff_inputs([hostile, "builtin:product-management"], mode="companies")
    tokens = _no_injected_html(FORMATTERS["markdown"](result))
    headings = [_plain(tokens[i + 1]) for i, token in enumerate(tokens) if token.type == "th_open"]
    assert headings == [HOSTILE, "pmframework reference", "Confidence", "Evidence"] * 2


def test_diff_markdown_keeps_x_keys_in_their_code_span(tmp_path: Path) -> None:
    key = "x-a`b <img src=x onerror=alert(1)>"

    def add_key(data: dict[str, Any]) -> None:
        data["framework"][key] = "v"

    result = diff_inputs([ACME, _hostile_copy(tmp_path, add_key)])
    tokens = _no_injected_html(FORMATTERS["markdown"](result))
    code = [c.content for t in tokens for c in t.children or [] if c.type == "code_inline"]
    assert key in code
