"""Aligning the competencies of two ladders: their whole text read as stems and thesaurus
synonyms, weighted by TF-IDF; the score is the mean of the names' and the texts' cosines
(``COMPETENCY_WEIGHTS``); they pair one to one, best pairs first, above ``COMPETENCY_CUTOFF``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from pmframework.diff.align_base import (
    MapValue,
    Match,
    Scored,
    Signal,
    confidence_of,
    fixed_signals,
    map_targets,
)
from pmframework.diff.align_text import Corpus, TextFeatures, candidates, cosine, shared_evidence
from pmframework.model import Competency, Ladder

COMPETENCY_WEIGHTS = {"name": 0.5, "text": 0.5}
COMPETENCY_CUTOFF = 0.25


def _competency_documents(
    ladder: Ladder,
) -> tuple[dict[str, TextFeatures], dict[str, TextFeatures]]:
    """Each competency's names, and its whole text: names (twice), description, criteria,
    examples, and the steps of a scale of its own (a scale most competencies share says
    nothing about any one of them)."""
    users: dict[str, int] = defaultdict(int)
    for competency in ladder.competencies:
        scale = ladder.scale_of(competency)
        if scale is not None:
            users[scale.id] += 1
    names: dict[str, TextFeatures] = {}
    texts: dict[str, TextFeatures] = {}
    for c in ladder.competencies:
        names[c.id] = TextFeatures.of([c.name, *c.aliases])
        document = TextFeatures.of([c.name, *c.aliases], repeat=2)
        document.add([c.description.text] if c.description else [])
        scale = ladder.scale_of(c)
        if scale is not None and users[scale.id] <= 2:
            document.add(
                [s.name for s in scale.steps]
                + [s.description.text for s in scale.steps if s.description]
            )
        texts.setdefault(c.id, document)
    for level in ladder.levels:
        for competency_id, expectation in level.expectations.items():
            if competency_id in texts:
                texts[competency_id].add(
                    s.text for s in (*expectation.criteria, *expectation.examples)
                )
    return names, texts


def _same_name(a: Competency, b: Competency) -> bool:
    return a.id == b.id or a.name.casefold() == b.name.casefold()


def align_competencies(a: Ladder, b: Ladder, mapping: Mapping[str, MapValue]) -> tuple[Match, ...]:
    """Competencies of A and B paired one to one, best pairs first; then those without a
    counterpart. ``mapping`` is ``{b_competency: a_competency}`` from the ``--map`` file."""
    names_a, texts_a = _competency_documents(a)
    names_b, texts_b = _competency_documents(b)
    corpus = Corpus([*texts_a.values(), *texts_b.values()])
    ids_a = [c.id for c in a.competencies if c.id in texts_a]
    ids_b = [c.id for c in b.competencies if c.id in texts_b]
    ids_a = list(dict.fromkeys(ids_a))
    ids_b = list(dict.fromkeys(ids_b))
    text_a = [corpus.vector(texts_a[x]) for x in ids_a]
    text_b = [corpus.vector(texts_b[y]) for y in ids_b]
    catalog_a = {c.id: c for c in reversed(a.competencies)}
    catalog_b = {c.id: c for c in reversed(b.competencies)}
    paired: dict[str, tuple[str, Scored]] = {}  # a -> (b, score)
    used_b: set[str] = set(mapping)
    for y, value in mapping.items():
        for x in map_targets(value):
            paired[x] = (y, Scored(1.0, fixed_signals(f"mapped in the --map file: {y} → {x}")))
    shortlist = candidates(text_a, text_b, corpus, per_item=20)
    position_b = {y: j for j, y in enumerate(ids_b)}
    for i, x in enumerate(ids_a):  # the same id is always worth scoring
        if x in position_b and position_b[x] not in shortlist[i]:
            shortlist[i] = [*shortlist[i], position_b[x]]
    found = []
    for i, x in enumerate(ids_a):
        if x in paired:
            continue
        name_x = corpus.vector(names_a[x])
        for j in shortlist[i]:
            y = ids_b[j]
            if y in used_b:
                continue
            signals = _competency_signals(
                catalog_a[x],
                catalog_b[y],
                (name_x, corpus.vector(names_b[y])),
                (text_a[i], text_b[j]),
                (texts_a[x], texts_b[y]),
            )
            confidence = confidence_of(signals)
            if confidence >= COMPETENCY_CUTOFF:
                found.append((-confidence, x, y, signals))
    for negative, x, y, signals in sorted(found, key=lambda c: c[:3]):
        if x not in paired and y not in used_b:
            paired[x] = (y, Scored(-negative, signals))
            used_b.add(y)
    matches = []
    for x in ids_a:
        ca = catalog_a[x]
        if x in paired:
            y, score = paired[x]
            name_b = catalog_b[y].name
            matches.append(
                Match(
                    kind="competency",
                    a=x,
                    b=y,
                    a_label=ca.name,
                    b_label=name_b,
                    confidence=score.confidence,
                    signals=score.signals,
                )
            )
        else:
            matches.append(
                Match(kind="competency", a=x, b=None, a_label=ca.name, b_label=None, confidence=0.0)
            )
    matched_b = {y for y, _ in paired.values()}
    matches.extend(
        Match(
            kind="competency",
            a=None,
            b=y,
            a_label=None,
            b_label=catalog_b[y].name,
            confidence=0.0,
        )
        for y in ids_b
        if y not in matched_b
    )
    return tuple(matches)


def _competency_signals(
    a: Competency,
    b: Competency,
    names: tuple[dict[str, float], dict[str, float]],
    texts: tuple[dict[str, float], dict[str, float]],
    documents: tuple[TextFeatures, TextFeatures],
) -> tuple[Signal, ...]:
    weight = COMPETENCY_WEIGHTS["name"]
    if _same_name(a, b):
        same = f"same id {a.id!r}" if a.id == b.id else f"same name “{a.name}”"
        name = Signal("name", 1.0, weight, same)
    else:
        score = cosine(*names)
        shared = shared_evidence(*names, *documents)
        detail = (
            f"names “{a.name}” and “{b.name}” share {shared} ({score:.2f})"
            if shared
            else f"names “{a.name}” and “{b.name}” share no stem or synonym"
        )
        name = Signal("name", round(score, 2), weight, detail)
    score = cosine(*texts)
    shared = shared_evidence(*texts, *documents, top=5)
    detail = f"texts share {shared} ({score:.2f})" if shared else "texts share nothing"
    return (name, Signal("text", round(score, 2), COMPETENCY_WEIGHTS["text"], detail))
