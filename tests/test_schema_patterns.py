"""Every pattern of the published schema means the same in Python ``re`` and in ECMA-262.

pmframework checks ladders with jsonschema, which runs ``pattern`` and ``patternProperties``
with Python's ``re.search``; an editor or another validator reading the published schema runs
them as ECMA-262 regular expressions. Where the two differ (Python's ``$`` also matches before
a final newline), a file passes one and fails the other. ``regress`` is an ECMA-262 engine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import regress
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rules import check, edit

from pmframework.assess.loader import schema_text as assessment_schema_text
from pmframework.check.schema import known_versions, schema_text


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            elif key == "patternProperties":
                yield from value
            yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


PATTERNS = sorted(
    {p for v in known_versions() for p in _patterns(json.loads(schema_text(v)))}
    | set(_patterns(json.loads(assessment_schema_text())))
)

BATTERY = [
    "", "\n", "a", "pm", "senior-pm", "senior-pm\n", "senior-pm\r\n", "senior-pm\r",
    "\nsenior-pm", "senior-pm\u2028", "senior-pm\u0085", "senior pm", "-pm", ".pm", "x-", "x-a",
    "X-a", "ax-", "x-\n", "a" * 80, "a" * 81, "a" * 80 + "\n", "2024-01-31", "2024-01-31\n",
    "2024-1-31", "٢٠٢٤-٠١-٣١", "en", "en-GB", "en-GB\n", "en-", "e", "sénior", "se\u0301nior",
    "senior\u200bpm", "ｐｍ", "K", "ſ", "😀", "pm😀", "\ufeffpm",
]  # fmt: skip


def test_the_schema_has_patterns() -> None:
    assert len(PATTERNS) >= 4  # id, date, language, x- keys


def _ecma(pattern: str, flags: str | None) -> regress.Regex:
    return regress.Regex(pattern) if flags is None else regress.Regex(pattern, flags)


def _agree(pattern: str, text: str) -> None:
    python = re.search(pattern, text) is not None
    # Without and with the "u" flag: JSON Schema tools use either.
    for flags in (None, "u"):
        ecma = _ecma(pattern, flags).find(text) is not None
        assert python == ecma, f"{pattern!r} on {text!r}: re {python}, ECMA-262 ({flags}) {ecma}"


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", BATTERY, ids=repr)
def test_pattern_means_the_same_in_both_engines(pattern: str, text: str) -> None:
    _agree(pattern, text)


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.sampled_from(PATTERNS),
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=90)
    | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,85}\s?", fullmatch=True),
)
def test_pattern_agrees_on_any_text(pattern: str, text: str) -> None:
    _agree(pattern, text)


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    # "pm\n" as a double-quoted YAML string: line 22, the id's value at column 13.
    [finding] = check(edit(("id: pm\n", 'id: "pm\\n"\n')), ("PMF001", 22, 13))
    assert finding.message.startswith("'pm\\n' is not a valid id")


def test_a_language_with_a_trailing_newline_is_refused() -> None:
    text = edit((", status: draft}", ', status: draft, language: "en\\n"}'))
    [finding] = check(text, ("PMF001", 2, 96))
    assert finding.message.startswith("'en\\n' does not match ")
