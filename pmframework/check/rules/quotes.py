"""Quotes are found in their source documents.

When a source's ``document`` names a text file (``.txt``, ``.md``, ``.markdown``) by a path
relative to the ladder, and that file exists, every quote citing the source must be in it:
verbatim, up to runs of whitespace and the typographic forms of quotes and apostrophes (“ ” ‘ ’
read as " and '). A quote that is not found is reported at its line, with the closest passage of
the document as a hint. A document that is not there (not yet added, or a title rather than a
file) is not checked, so a company can keep its sources beside its ladder and let CI check every
quote. Absolute paths and other kinds of file are never read.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath, PureWindowsPath

from pmframework.findings import Severity, Violation
from pmframework.model import Citation, Ladder, Source
from pmframework.text import one_line

ID = "PMF108"
NAME = "quote-not-found"
SEVERITY = Severity.ERROR

# `pmframework rules ID` shows these after the docstring (as ruff's rule pages do).
WHY = (
    "A ladder that cites its sources is only as good as its quotes; a quote edited or "
    "invented after the fact misleads whoever checks where a bar came from."
)
FAILS = """\
sources: [{id: handbook, title: Handbook, document: handbook.md}]
# handbook.md says: "Ships small, safe steps."
statement: {text: Ships small steps., source: handbook, quote: Ships big steps.}
"""
PASSES = """\
sources: [{id: handbook, title: Handbook, document: handbook.md}]
# handbook.md says: "Ships small, safe steps."
statement: {text: Ships small steps., source: handbook, quote: "Ships small, safe steps."}
"""

# Only text that a person can read as the source; a ladder must not make validate read (and
# quote back in a hint) arbitrary files such as /proc/self/environ.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A hint shares at least this share of the quote's words; below it, no passage is suggested.
HINT_MIN_OVERLAP = 0.4
HINT_MAX_CHARS = 160
# Windows with equally many words in common that are compared character by character.
MAX_HINT_CANDIDATES = 20

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
    }
)
_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """``text`` as quotes are compared: NFC, plain quote marks, whitespace runs as one space."""
    return one_line(unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC))


def check(ladder: Ladder) -> Iterator[Violation]:
    if ladder.folder is None or not ladder.sources:
        return  # no document to read (a citation of an unknown source is PMF102's finding)
    documents: dict[str, _Document | None] = {}
    for citation in ladder.citations():
        source = ladder.source(citation.source)
        if source is None or citation.quote is None:
            continue  # an unknown source is PMF102's finding
        if source.id not in documents:
            documents[source.id] = _Document.read(ladder.folder, source)
        document = documents[source.id]
        if document is not None and normalize(citation.quote) not in document.text:
            yield Violation((*citation.path, "quote"), _message(citation, source, document))


def _message(citation: Citation, source: Source, document: _Document) -> str:
    message = f"quote not found in {source.document} (source {source.id!r})"
    hint = document.closest(citation.quote or "")
    return f"{message}; closest passage: “{hint}”" if hint else message


class _Document:
    """A source document's text, normalized, and its words for finding the closest passage."""

    def __init__(self, text: str) -> None:
        self.text = normalize(text)
        self.words = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(self.text)]

    @classmethod
    def read(cls, folder: Path, source: Source) -> _Document | None:
        """The document of ``source``, or None when it names no readable text file."""
        name = source.document
        if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
            return None
        path = folder / name
        if path.suffix.lower() not in TEXT_SUFFIXES:
            return None
        try:
            if not path.is_file():
                return None
            with path.open("rb") as stream:
                data = stream.read(MAX_DOCUMENT_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_DOCUMENT_BYTES:
            return None
        return cls(data.decode("utf-8", errors="replace"))

    def closest(self, quote: str) -> str | None:
        """The passage most like ``quote``, as many words long.

        A window as many words long as the quote slides over the document once, its word
        counts updated as it moves, so the cost grows with the document, not with the
        document times the quote; only the few windows with the most words in common are
        then compared character by character.
        """
        quote = normalize(quote)
        wanted = Counter(m.group().casefold() for m in _WORD.finditer(quote))
        size = sum(wanted.values())
        if not size or not self.words:
            return None
        window: Counter[str] = Counter()
        shared = 0
        best, starts = 0, [0]
        for end, (word, _, _) in enumerate(self.words):
            if window[word] < wanted[word]:
                shared += 1
            window[word] += 1
            start = end - size + 1
            if start > 0:
                left = self.words[start - 1][0]
                window[left] -= 1
                if window[left] < wanted[left]:
                    shared -= 1
            if shared > best:
                best, starts = shared, [max(start, 0)]
            elif shared == best and len(starts) < MAX_HINT_CANDIDATES:
                starts.append(max(start, 0))
        if best < HINT_MIN_OVERLAP * size:
            return None
        passages = [self._passage(start, size) for start in starts]
        passage = max(passages, key=lambda p: SequenceMatcher(None, quote, p).ratio())
        if len(passage) > HINT_MAX_CHARS:
            passage = passage[: HINT_MAX_CHARS - 1].rstrip() + "…"
        return passage

    def _passage(self, start: int, size: int) -> str:
        last = min(start + size, len(self.words)) - 1
        return self.text[self.words[start][1] : self.words[last][2]]
