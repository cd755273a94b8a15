"""What a diff finds, as values: field changes, entity changes, and the three kinds of result
(two versions, two companies, two levels). Formatters in pmframework.diff.report print them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pmframework.diff.align import CompanyComparison
from pmframework.diff.textdiff import Segment
from pmframework.errors import PmframeworkError
from pmframework.model.ladder import Ladder, Level

Mode = Literal["versions", "companies", "levels"]
Status = Literal["added", "removed", "changed"]

# Entity kinds in the order a reader meets them; the summary and reports follow it.
KINDS = (
    "framework",
    "role",
    "source",
    "scale",
    "dimension",
    "specialty",
    "track",
    "area",
    "competency",
    "level",
    "expectation",
)


class DiffError(PmframeworkError):
    """Anything that stops a diff: like diff(1), ``pmframework diff`` exits 2 on trouble,
    because 1 already means "the ladders differ"."""

    exit_code = 2


# --- the comparison model ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One value of an entity that changed; ``old`` is None when added, ``new`` when removed.

    ``field`` names the value (``title``, ``dimensions.scope``, ``criteria``,
    ``expectations.prioritization.criteria``); list fields give one FieldChange per item.
    ``words`` is the word-level difference when both sides are text; ``words_note`` says how
    the words were compared when a long text was compared more coarsely than word by word.
    """

    field: str
    old: str | None = None
    new: str | None = None
    words: tuple[Segment, ...] = ()
    words_note: str = ""

    @property
    def status(self) -> Status:
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class Change:
    """An entity of the ladder (a level, a competency, an expectation, ...) that differs.

    ``id`` is the entity's id in the new ladder (in the old one when removed); an expectation's
    id is ``level/competency``. ``old_id`` is set when the entity was renamed, ``moved`` when it
    moved to another area or track, or (a competency) between specialties: then ``field`` is
    ``specialty`` and ``old`` and ``new`` say where in words ("specialty Growth", "every
    specialty"). ``inherited_by`` lists the levels whose expectations change
    with it through inheritance.
    """

    kind: str
    status: Status
    id: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    old_id: str | None = None
    moved: FieldChange | None = None
    inherited_by: tuple[str, ...] = ()

    @property
    def verb(self) -> str:
        """How the summary counts it: added, removed, renamed, moved or changed."""
        if self.status != "changed":
            return self.status
        if self.old_id is not None:
            return "renamed"
        return "moved" if self.moved is not None else "changed"


VERBS = ("added", "removed", "renamed", "moved", "changed")
_NOUNS = {
    "framework": ("metadata", "metadata"),
    "role": ("role", "role"),
    "competency": ("competency", "competencies"),
}


def _count_text(kind: str, count: int, verb: str) -> str:
    singular, plural = _NOUNS.get(kind, (kind, kind + "s"))
    if kind in ("framework", "role"):
        return f"{singular} {verb}"
    return f"{count} {singular if count == 1 else plural} {verb}"


@dataclass(frozen=True)
class VersionDiff:
    """What changed between two versions of one ladder."""

    changes: tuple[Change, ...]

    @property
    def equal(self) -> bool:
        return not self.changes

    def counts(self) -> dict[tuple[str, str], int]:
        """How many entities of each kind were added, removed, ..., in KINDS and VERBS order."""
        counts: dict[tuple[str, str], int] = {}
        for change in self.changes:
            key = (change.kind, change.verb)
            counts[key] = counts.get(key, 0) + 1
        order = {(k, v): (i, j) for i, k in enumerate(KINDS) for j, v in enumerate(VERBS)}
        return dict(sorted(counts.items(), key=lambda item: order[item[0]]))

    def summary(self) -> str:
        """``2 levels changed, 1 competency added`` — the change in one line."""
        if self.equal:
            return "no differences"
        return ", ".join(_count_text(k, n, v) for (k, v), n in self.counts().items())


@dataclass(frozen=True)
class CompetencyStep:
    """What the higher level adds for one competency: a group of the promotion checklist.

    ``proficiency`` is the change of proficiency, ``direction`` says whether it is ``raised``,
    ``lowered``, ``set`` (only the higher level gives one) or ``changed`` (no order is known).
    ``items`` are criteria and examples: added (``old`` None), reworded (both) or no longer
    listed (``new`` None). ``new`` is True when the lower level expects nothing of it.
    """

    competency: str
    label: str
    new: bool
    counterpart: str | None = None
    proficiency: FieldChange | None = None
    direction: str | None = None
    items: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class LevelDiff:
    """What separates level ``a`` from level ``b``, expectations resolved through inheritance."""

    a: Level
    b: Level
    fields: tuple[FieldChange, ...]  # title, rank, summary, dimensions.*
    promotion: tuple[FieldChange, ...]  # what b asks before promotion into it, not asked by a
    competencies: tuple[CompetencyStep, ...]

    @property
    def equal(self) -> bool:
        return not (self.fields or self.promotion or self.competencies)

    def summary(self) -> str:
        if self.equal:
            return "no differences"
        items = [(i.field, i.status) for s in self.competencies for i in s.items]
        parts = [
            (items.count(("criteria", "added")), "new criterion", "new criteria"),
            (items.count(("criteria", "changed")), "reworded criterion", "reworded criteria"),
            (sum(s.new for s in self.competencies), "new competency", "new competencies"),
            (
                sum(s.direction == "raised" for s in self.competencies),
                "proficiency raised",
                "proficiencies raised",
            ),
            (len(self.promotion), "promotion criterion", "promotion criteria"),
            (
                sum(f.field.startswith("dimensions.") for f in self.fields),
                "dimension changed",
                "dimensions changed",
            ),
            (items.count(("examples", "added")), "new example", "new examples"),
            (
                items.count(("criteria", "removed")),
                "criterion no longer listed",
                "criteria no longer listed",
            ),
        ]
        text = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
        return f"{self.b.title} over {self.a.title}: {text or 'title, rank or summary only'}"


@dataclass(frozen=True)
class Side:
    """One input of the diff: its display name, the ladder, and the level picked with ``#``."""

    name: str
    ladder: Ladder
    level: str | None = None


@dataclass(frozen=True)
class DiffResult:
    """What ``diff_ladders`` found; ``provenance`` is False when provenance was ignored."""

    mode: Mode
    reason: str  # why this mode, in words
    a: Side
    b: Side
    body: VersionDiff | CompanyComparison | LevelDiff
    provenance: bool = True

    @property
    def equal(self) -> bool:
        return self.body.equal

    def summary(self) -> str:
        return self.body.summary()
