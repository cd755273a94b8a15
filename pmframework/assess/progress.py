"""Progress between two assessments of one person: criteria whose status moved, evidence added
or dropped, entries that appeared or went. ``pmframework assess diff`` prints it; like diff(1)
it exits 0 when nothing moved and 1 when something did."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pmframework.assess.model import PROMOTION, STATUSES, Assessment, Entry, Evidence
from pmframework.text import printable

# Statuses in the order of progress; not-applicable and not assessed have no place in it, so a
# move from or to them is "changed", neither forward nor back.
_RANK = {"not-yet": 0, "partly": 1, "met": 2}


@dataclass(frozen=True)
class Moved:
    competency: str
    criterion: str | None
    old: str | None  # status before; None: not assessed (or not listed)
    new: str | None
    evidence_added: tuple[Evidence, ...] = ()
    evidence_removed: tuple[Evidence, ...] = ()

    @property
    def direction(self) -> str:
        if self.old == self.new:
            return "same"
        if self.old not in _RANK or self.new not in _RANK:
            return "changed"
        return "forward" if _RANK[self.new] > _RANK[self.old] else "back"


@dataclass(frozen=True)
class Progress:
    a: Assessment
    b: Assessment
    moved: tuple[Moved, ...]

    @property
    def equal(self) -> bool:
        return not self.moved

    def summary(self) -> str:
        forward = sum(m.direction == "forward" for m in self.moved)
        back = sum(m.direction == "back" for m in self.moved)
        added = sum(len(m.evidence_added) for m in self.moved)
        if self.equal:
            return "no progress recorded: the assessments are the same"
        return f"{forward} forward, {back} back, {added} evidence added"


def compare(a: Assessment, b: Assessment) -> Progress:
    """What moved from assessment ``a`` (earlier) to ``b`` (later)."""
    old, new = a.by_key(), b.by_key()
    moved: list[Moved] = []
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key), new.get(key)
        entry = after or before
        assert entry is not None
        added = _evidence(after) - _evidence(before)
        removed = _evidence(before) - _evidence(after)
        status_a = before.status if before else None
        status_b = after.status if after else None
        if status_a != status_b or added or removed:
            moved.append(
                Moved(
                    entry.competency,
                    entry.criterion,
                    status_a,
                    status_b,
                    tuple(e for e in (after.evidence if after else ()) if e in added),
                    tuple(e for e in (before.evidence if before else ()) if e in removed),
                )
            )
    return Progress(a, b, tuple(moved))


def _evidence(entry: Entry | None) -> set[Evidence]:
    return set(entry.evidence) if entry else set()


def _label(status: str | None) -> str:
    return status if status in STATUSES else "not assessed"


def _what(m: Moved) -> str:
    where = "promotion" if m.competency == PROMOTION else m.competency
    return f"{where}: {m.criterion or '(the competency as a whole)'}"


def format_text(progress: Progress) -> str:
    lines = [f"--- {progress.a.name}", f"+++ {progress.b.name}"]
    for m in progress.moved:
        sign = {"forward": "↑", "back": "↓", "changed": "~", "same": "="}[m.direction]
        lines.append(f"{sign} {_what(m)}")
        if m.old != m.new:
            lines.append(f"    status: {_label(m.old)} → {_label(m.new)}")
        for e in m.evidence_added:
            lines.append(f"    + evidence: {_evidence_text(e)}")
        for e in m.evidence_removed:
            lines.append(f"    - evidence: {_evidence_text(e)}")
    lines.append(progress.summary())
    # Names and evidence are the user's text: control characters are shown, not sent.
    return "\n".join(printable(line) for line in lines) + "\n"


def _evidence_text(e: Evidence) -> str:
    parts = [p for p in (e.text, e.link, e.date and f"({e.date})") if p]
    return " ".join(parts)


def format_json(progress: Progress) -> str:
    def evidence(items: tuple[Evidence, ...]) -> list[dict[str, str | None]]:
        return [{"text": e.text, "link": e.link, "date": e.date} for e in items]

    data = {
        "a": progress.a.name,
        "b": progress.b.name,
        "summary": progress.summary(),
        "moved": [
            {
                "competency": m.competency,
                "criterion": m.criterion,
                "old": m.old,
                "new": m.new,
                "direction": m.direction,
                "evidence_added": evidence(m.evidence_added),
                "evidence_removed": evidence(m.evidence_removed),
            }
            for m in progress.moved
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
