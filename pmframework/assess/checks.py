"""Checks of an assessment against its ladder: findings like ``validate``'s, rules PMA0xx–1xx.

The rules are few and their ids stable; ``RULES`` is their table (``pmframework assess check``
prints findings with these ids, and the README lists them). Like the ladder engine, the checks
yield a path and a message; ``_finding`` stamps rule, severity, file and position.
Messages name ids, statuses and the ladder's own texts, never the evidence a person wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmframework.assess.loader import as_written, load_assessment_document, schema_violations
from pmframework.assess.model import (
    DIMENSION,
    NEEDS_EVIDENCE,
    PROMOTION,
    Assessment,
    Entry,
    assessment_from_data,
)

if TYPE_CHECKING:
    from pmframework.diff.compare import FieldChange

from pmframework.errors import LadderError, Location, PmframeworkError
from pmframework.findings import Finding, JsonPath, Severity, ValidationReport, Violation
from pmframework.load.document import Document
from pmframework.model.ladder import Ladder, Level
from pmframework.model.resolve import resolve_expectations
from pmframework.resources import BUILTIN_PREFIX
from pmframework.text import did_you_mean, normalized

E, W = Severity.ERROR, Severity.WARNING
RULES: dict[str, tuple[Severity, str]] = {
    "PMA000": (E, "the file cannot be read or parsed"),
    "PMA001": (E, "the file does not follow the assessment schema"),
    "PMA002": (E, "the ladder it names cannot be loaded"),
    "PMA101": (E, "a level that the ladder does not have"),
    "PMA102": (W, "a target level ranked below the current level"),
    "PMA103": (E, "a competency (or dimension) that the ladder does not have"),
    "PMA104": (E, "a criterion that neither the current nor the target level lists"),
    "PMA105": (E, "status met or partly without evidence"),
    "PMA106": (W, "made for an older version of the ladder (with what changed since)"),
    "PMA107": (E, "a criterion assessed twice"),
    "PMA108": (W, "a criterion of the target level that the assessment leaves out"),
}
# A reworded criterion is suggested when at least this much of its words agree.
REWORDED = 0.5


class AssessmentError(LadderError):
    """An assessment with errors, where a command needs a valid one (report, diff)."""

    def __init__(self, findings: list[Finding]) -> None:
        first = findings[0]
        more = f" (and {len(findings) - 1} more; run pmframework assess check)" * (
            len(findings) > 1
        )
        super().__init__(
            Location(first.file, first.line, first.column), f"{first.rule} {first.message}{more}"
        )


@dataclass(frozen=True)
class Checked:
    """A loaded assessment: its findings, and where it follows the schema, its model and ladder."""

    document: Document | None
    findings: list[Finding]
    assessment: Assessment | None = None
    ladder: Ladder | None = None


def ladder_spec(assessment_ladder: str, folder: Path | None) -> str:
    """The ladder an assessment names, a relative path taken from the assessment's folder."""
    if assessment_ladder.startswith(BUILTIN_PREFIX) or assessment_ladder == "-":
        return assessment_ladder
    path = Path(assessment_ladder)
    return str(path if path.is_absolute() or folder is None else folder / path)


def check_file(spec: str, *, since: Ladder | None = None, since_name: str = "") -> Checked:
    """Every finding of one assessment file; ``since`` is the ladder it was made for, when it
    was made for an older version, so that what changed since can be said."""
    from pmframework.check.engine import load_ladder

    try:
        document = load_assessment_document(spec)
    except LadderError as error:
        where = error.location
        return Checked(
            None, [Finding(where.file, where.line, where.column, "PMA000", E, error.message)]
        )
    data = as_written(document)
    violations = schema_violations(data)
    if violations:
        return Checked(
            document,
            [_finding(document, "PMA001", v) for v in violations],
        )
    assessment = assessment_from_data(document.name, data)
    try:
        ladder = load_ladder(ladder_spec(assessment.ladder, document.folder))
    except PmframeworkError as error:
        message = f"ladder {assessment.ladder}: {error}"
        found = _finding(document, "PMA002", Violation(("ladder",), message))
        return Checked(document, [found], assessment)
    findings = [
        _finding(document, rule, v) for rule, v in _problems(assessment, ladder, since, since_name)
    ]
    return Checked(document, sorted(findings), assessment, ladder)


def check_paths(
    specs: list[str], *, since: Ladder | None = None, since_name: str = ""
) -> ValidationReport:
    report = ValidationReport(inputs=list(specs))
    for spec in specs:
        report.findings.extend(check_file(spec, since=since, since_name=since_name).findings)
    report.findings.sort()
    return report


def load_assessment(spec: str) -> tuple[Assessment, Ladder]:
    """An assessment without errors (warnings are fine) and its ladder; AssessmentError else."""
    checked = check_file(spec)
    errors = sorted(f for f in checked.findings if f.severity == E)
    if errors or checked.assessment is None or checked.ladder is None:
        raise AssessmentError(errors)
    return checked.assessment, checked.ladder


def _finding(document: Document, rule: str, v: Violation) -> Finding:
    """A violation stamped with its rule, severity, file and position (and, for a finding that
    refers to another place, that place's line)."""
    line, column = document.position(v.path, key=v.key)
    message = v.message
    if v.related is not None:
        message += f" (see line {document.position(v.related)[0]})"
    return Finding(document.name, line, column, rule, RULES[rule][0], message, v.path)


Problem = tuple[str, Violation]  # a rule id and what it found


def expected_criteria(ladder: Ladder, level: Level) -> dict[str, list[str]]:
    """Competency id → the criteria ``level`` lists after inheritance (``PROMOTION`` → its
    promotion criteria, ``dimension:ID`` → its statement along that dimension); a competency
    with a proficiency and no criteria lists none."""
    found = {
        competency: [s.statement.text for s in resolved.criteria]
        for competency, resolved in resolve_expectations(ladder, level).items()
    }
    for dimension, value in ladder.inheritance.dimensions(level).items():
        found[DIMENSION + dimension] = [value.statement.text]  # inherited ones too
    found[PROMOTION] = [s.text for s in level.promotion]
    return found


def _problems(
    assessment: Assessment, ladder: Ladder, since: Ladder | None, since_name: str
) -> Iterator[Problem]:
    levels = {level.id: level for level in ladder.levels}
    current = levels.get(assessment.current_level)
    target = levels.get(assessment.target_level)
    for key, level_id, level in (
        ("current_level", assessment.current_level, current),
        ("target_level", assessment.target_level, target),
    ):
        if level is None:
            hint = did_you_mean(level_id, levels)
            message = f"no level {level_id!r} in {ladder.framework.id}{hint}"
            yield "PMA101", Violation((key,), message)
    if current is None or target is None:
        return
    # Ranks of tracks on different scales (version 2's rank_scale) say nothing of each other.
    if ladder.same_rank_scale(current, target) and target.rank < current.rank:
        message = (
            f"target level {target.id} (rank {target.rank:g}) is below the current level "
            f"{current.id} (rank {current.rank:g})"
        )
        yield "PMA102", Violation(("target_level",), message)
    yield from _version_problems(assessment, ladder, since, since_name)
    allowed = {level.id: expected_criteria(ladder, level) for level in (current, target)}
    groups = {c.id for c in ladder.competencies} | {DIMENSION + d.id for d in ladder.dimensions}
    seen: dict[tuple[str, str], JsonPath] = {}
    for entry in assessment.entries:
        where = (*entry.path, entry.field) if entry.competency != PROMOTION else entry.path
        if entry.competency != PROMOTION and entry.competency not in groups:
            yield "PMA103", Violation(where, _unknown_group(entry, groups, ladder.framework.id))
            continue
        if entry.level is not None and entry.level not in allowed:
            message = (
                f"level {entry.level!r} is neither the current ({current.id}) nor the target "
                f"level ({target.id})"
            )
            yield "PMA101", Violation((*entry.path, "level"), message)
        problem = _unknown_criterion(entry.competency, entry.criterion, allowed)
        if problem is not None:
            at = (*entry.path, "criterion") if entry.criterion else where
            yield "PMA104", Violation(at, problem)
        if entry.status in NEEDS_EVIDENCE and not entry.evidence:
            message = f"status {entry.status} needs evidence: add evidence with a text or a link"
            yield "PMA105", Violation((*entry.path, "status"), message)
        if entry.key in seen:
            yield "PMA107", Violation(entry.path, "assessed twice", related=seen[entry.key])
        else:
            seen[entry.key] = entry.path
    yield from _left_out(allowed[target.id], seen)


def _unknown_group(entry: Entry, groups: set[str], framework: str) -> str:
    """``no competency 'x' in carta; did you mean ...?`` (or dimension)."""
    prefix = DIMENSION if entry.field == "dimension" else ""
    wrong = entry.competency.removeprefix(prefix)
    known = [g.removeprefix(prefix) for g in groups if g.startswith(prefix)]
    if not prefix:
        known = [g for g in known if not g.startswith(DIMENSION)]
    return f"no {entry.field} {wrong!r} in {framework}{did_you_mean(wrong, known)}"


def _unknown_criterion(
    competency: str, criterion: str | None, allowed: dict[str, dict[str, list[str]]]
) -> str | None:
    texts = [text for level in allowed.values() for text in level.get(competency, [])]
    expected_anywhere = any(competency in level for level in allowed.values())
    if criterion is None:
        if expected_anywhere:
            return None
        return f"neither level expects anything of {competency}"
    wanted = normalized(criterion)
    if any(normalized(text) == wanted for text in texts):
        return None
    from pmframework.diff.textdiff import similarity

    what = "promotion criteria" if competency == PROMOTION else f"criteria of {competency}"
    scored = sorted(((similarity(criterion, text), text) for text in texts), reverse=True)
    if scored and scored[0][0] >= REWORDED:
        return f"not among the {what}; reworded? the ladder now says: {scored[0][1]!r}"
    return f"not among the {what} of either level"


def _left_out(
    target: dict[str, list[str]], seen: dict[tuple[str, str], JsonPath]
) -> Iterator[Problem]:
    assessed = {competency for competency, _ in seen}
    for competency, texts in target.items():
        if not texts and competency != PROMOTION and competency not in assessed:
            message = f"{competency} (expected at the target level) is not assessed"
            yield "PMA108", Violation(("criteria",), message, key=True)
        for text in texts:
            if (competency, normalized(text)) not in seen:
                what = "promotion criterion" if competency == PROMOTION else "criterion of"
                name = "" if competency == PROMOTION else f" {competency}"
                message = f"{what}{name} not assessed: {text!r}"
                yield "PMA108", Violation(("criteria",), message, key=True)


def _version_problems(
    assessment: Assessment, ladder: Ladder, since: Ladder | None, since_name: str
) -> Iterator[Problem]:
    now = ladder.framework.version
    made = assessment.ladder_version
    if since is not None:
        from pmframework.diff.compare import compare_versions

        relevant = {assessment.current_level, assessment.target_level}
        at = ("ladder_version",) if made else ("ladder",)
        for change in compare_versions(since, ladder).changes:
            level = change.id.split("/")[0]
            if change.kind == "competency" or (
                change.kind in ("level", "expectation") and level in relevant
            ):
                what = "".join(f"; {_field_change(f)}" for f in change.fields)
                label = change.label or change.id
                message = f"since {since_name}: {change.kind} {label} {change.verb}{what}"
                yield "PMA106", Violation(at, message)
    elif made is not None and made != now:
        message = (
            f"made for version {made} of the ladder, which is now {now}; pass --since with the "
            f"ladder of version {made} to see what changed for these levels"
        )
        yield "PMA106", Violation(("ladder_version",), message)


def _field_change(change: FieldChange) -> str:
    """``criteria: 'old' → 'new'``: one value of the ladder that changed, in its own words."""
    if change.old is None:
        return f"{change.field} added: {change.new!r}"
    if change.new is None:
        return f"{change.field} removed: {change.old!r}"
    return f"{change.field}: {change.old!r} → {change.new!r}"
