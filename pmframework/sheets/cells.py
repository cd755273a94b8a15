"""What one cell of a level says, both ways: the text export writes, and the statements import
reads back out of it.

A cell holds, one paragraph each (a blank line between), the level's proficiency
(``Proficiency: STEP``), its criteria, its examples (``Example: ...``) and its anti-patterns
(``Anti-pattern: ...``). Reading a cell makes a statement of each paragraph; a cell of a sheet
pmframework exported is read only when its text is not the one export wrote for the
expectation its row of metadata holds (see ``exported_text`` and pmframework.sheets.restore):
most cells of a sheet that comes back are unchanged, and reading them would only give back
what the metadata already says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmframework.sheets.grid import Grid
from pmframework.sheets.layouts import PROFICIENCY_PREFIX, CellText, paragraphs

EXAMPLE_LABEL = "Example: "
ANTI_PATTERN_LABEL = "Anti-pattern: "
PROFICIENCY_LABEL = "Proficiency: "
EXAMPLE_PREFIX = re.compile(r"example\s*:\s*", re.IGNORECASE)
ANTI_PATTERN_PREFIX = re.compile(r"anti-?pattern\s*:\s*", re.IGNORECASE)

STATEMENT_LISTS = ("criteria", "examples", "anti_patterns")
_EXPECTATION_KEYS = ("proficiency", *STATEMENT_LISTS)
_MARKS = ((EXAMPLE_PREFIX, "examples"), (ANTI_PATTERN_PREFIX, "anti_patterns"))


def cell_text(
    criteria: Sequence[str],
    examples: Sequence[str],
    anti_patterns: Sequence[str] = (),
    proficiency: str | None = None,
) -> str:
    """The text of a cell: a paragraph for the proficiency and for each statement."""
    # Written for speed (export writes one per level and competency): most cells are a
    # proficiency and a criterion or two.
    parts = [PROFICIENCY_LABEL + proficiency] if proficiency else []
    parts += criteria
    if examples:
        parts += [EXAMPLE_LABEL + text for text in examples]
    if anti_patterns:
        parts += [ANTI_PATTERN_LABEL + text for text in anti_patterns]
    return "\n\n".join(parts)


def statement(source: str | None, text: str, where: str) -> dict[str, Any]:
    """A statement read from the cell ``where``; ``source`` names the sheet, except in a ladder
    being restored from its metadata, whose own sources are kept (``x-cell`` names the cell)."""
    if source is None:
        return {"text": text, "x-cell": where}
    return {"text": text, "source": source, "x-cell": where}


def read_expectation(
    text: str, where: str, source: str | None, *, proficiency: bool = False
) -> dict[str, Any]:
    """What one cell expects: a criterion per paragraph, an example per ``Example:`` one, an
    anti-pattern per ``Anti-pattern:`` one, and (in a sheet pmframework wrote, whose
    competencies' scales it knows) the proficiency a ``Proficiency:`` paragraph names."""
    if not proficiency and "\n" not in text and "\r" not in text:
        said = text.strip()  # one paragraph (most cells of a sheet written by hand)
        if said and said[0] not in "EeAa":  # and not marked: a criterion, found in one step
            return {"criteria": [statement(source, said, where)]}
    found: dict[str, Any] = {}
    for paragraph in paragraphs(text):
        level = PROFICIENCY_PREFIX.match(paragraph) if proficiency else None
        if level and "proficiency" not in found and " " not in paragraph[level.end() :].strip():
            found["proficiency"] = paragraph[level.end() :].strip()
            continue
        key, said = "criteria", paragraph
        # Only a paragraph starting with an e or an a can be marked: most are tested no further.
        for prefix, label in _MARKS if paragraph[0] in "EeAa" else ():
            marked = prefix.match(paragraph)
            if marked and paragraph[marked.end() :].strip():
                key, said = label, paragraph[marked.end() :].strip()
        found.setdefault(key, []).append(statement(source, said, where))
    return {key: found[key] for key in _EXPECTATION_KEYS if key in found}


@dataclass(slots=True)
class Unread:
    """A level's cell in a sheet pmframework exported, not read yet: restoring the ladder reads
    it only when its text differs from what export wrote for the expectation it replaces."""

    grid: Grid
    cell: CellText

    @property
    def text(self) -> str:
        return self.cell.text

    def read(self) -> dict[str, Any]:
        """The cell's statements, marked with the cell; their sources are the metadata's."""
        where = self.grid.ref(self.cell.row, self.cell.column)
        return read_expectation(self.cell.text, where, None, proficiency=True)


def exported_text(expectation: Mapping[str, Any]) -> str | None:
    """The text export writes in a cell for an expectation (as data, the way the row of
    metadata holds it), when reading that text back gives exactly the expectation's statements
    and proficiency; None when it might not (a statement of several paragraphs or with spaces
    around it, a criterion that reads as an example, a proficiency of two words, ...), for the
    cell to be read in full. The answer errs only towards None: that path is always right.

    It is asked of every cell of a sheet that comes back, so each statement is tested in the
    loop, without calls; the text itself is ``cell_text``'s, as export writes it."""
    proficiency = expectation.get("proficiency")
    # Export writes no paragraph for an empty proficiency, and reading gives none back.
    if proficiency and (type(proficiency) is not str or proficiency.split() != [proficiency]):
        return None
    texts: dict[str, list[str]] = {}
    for key in STATEMENT_LISTS:
        statements = expectation.get(key) or []
        if type(statements) is not list:
            return None
        texts[key] = []
        for item in statements:
            text = item.get("text") if type(item) is dict else item
            if (
                type(text) is not str
                or not text
                or text != text.strip()
                or "\n" in text
                or "\r" in text
                or (key == "criteria" and text[0] in "EeAaPp" and _marked(text))
            ):
                return None
            texts[key].append(text)
    return cell_text(
        texts["criteria"], texts["examples"], texts["anti_patterns"], proficiency or None
    )


def _marked(criterion: str) -> bool:
    """Whether a criterion's paragraph could read back as something else: an example, an
    anti-pattern or a proficiency."""
    return any(prefix.match(criterion) for prefix in _PREFIXES)


_PREFIXES = (EXAMPLE_PREFIX, ANTI_PATTERN_PREFIX, PROFICIENCY_PREFIX)
