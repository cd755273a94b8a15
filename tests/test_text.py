"""Text is compared as a reader sees it: pmframework.text.normalized.

Every rule that compares titles or texts (PMF107, PMF203) and diff's matching by label go
through this one helper, so what holds here holds for all of them.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pmframework.text import normalized, one_line

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"])


@settings(max_examples=500)
@given(TEXT)
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalized(normalized(text)) == normalized(text)


@settings(max_examples=500)
@given(TEXT, st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_the_normalisation_form_does_not_matter(text: str, form: str) -> None:
    assert normalized(unicodedata.normalize(form, text)) == normalized(text)


@given(st.lists(st.tuples(TEXT, INVISIBLE)))
def test_invisible_characters_do_not_matter(pieces: list[tuple[str, str]]) -> None:
    plain = "".join(piece for piece, _ in pieces)
    with_invisible = "".join(piece + invisible for piece, invisible in pieces)
    assert normalized(with_invisible) == normalized(plain)


def test_case_and_spaces_do_not_matter() -> None:
    assert normalized("  Senior\tProduct \n MANAGER ") == "senior product manager"
    assert normalized("Straße") == normalized("STRASSE")


@given(TEXT)
def test_one_line_leaves_one_space_between_words_and_none_around(text: str) -> None:
    line = one_line(text)
    assert line.split(" ") == text.split() or (line == "" and not text.split())
    assert one_line(line) == line


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000ab")))
def test_white_space_is_what_the_regex_calls_white_space(text: str) -> None:
    # normalized() joins str.split(); every run of \s (the regex) must become one space.
    import re

    assert normalized(text) == re.sub(r"\s+", " ", text.casefold()).strip()
