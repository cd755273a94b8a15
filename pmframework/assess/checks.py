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

from pmframework.assess.loader import load_assessment_document, schema_violations
from pmframework.assess.model import (
    DIMENSION,
    NEEDS_EVIDENCE,
    PROMOTION,
    Assessment,
    assessment_from_data,
)

if TYPE_CHECKING:
    from pmframework.diff.compare import FieldChange

from pmframework.errors import LadderError, Location, PmframeworkError
from pmframework.findings import Finding, JsonPath, Severity, ValidationReport
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
    violations = schema_violations(document.data)
    if violations:
        return Checked(
            document,
            [_finding(document, "PMA001", v.path, v.message, key=v.key) for v in violations],
        )
    assessment = assessment_from_data(document.name, document.data)
    try:
        ladder = load_ladder(ladder_spec(assessment.ladder, document.folder))
    except PmframeworkError as error:
        message = f"ladder {assessment.ladder}: {error}"
        return Checked(document, [_finding(document, "PMA002", ("ladder",), message)], assessment)
    findings = [
        _finding(document, rule, path, message, key=key)
        for rule, path, message, key in _problems(assessment, ladder, since, since_name)
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


def _finding(
    document: Document, rule: str, path: JsonPath, message: str, *, key: bool = False
) -> Finding:
    line, column = document.position(path, key=key)
    return Finding(document.name, line, column, rule, RULES[rule][0], message, path)


Problem = tuple[str, JsonPath, str, bool]


def expected_criteria(ladder: Ladder, level: Level) -> dict[str, list[str]]:
    """Competency id → the criteria ``level`` lists after inheritance (``PROMOTION`` → its
    promotion criteria, ``dimension:ID`` → its statement along that dimension); a competency
    with a proficiency and no criteria lists none."""
    found = {
        competency: [s.statement.text for s in resolved.criteria]
        for competency, resolved in resolve_expectations(ladder, level).items()
    }
    for dimension, statement in level.dimensions.items():
        found[DIMENSION + dimension] = [statement.text]
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
            yield "PMA101", (key,), f"no level {level_id!r} in {ladder.framework.id}{hint}", False
    if current is None or target is None:
        return
    if target.rank < current.rank:
        yield (
            "PMA102",
            ("target_level",),
            (
                f"target level {target.id} (rank {target.rank:g}) is below the current level "
                f"{current.id} (rank {current.rank:g})"
            ),
            False,
        )
    yield from _version_problems(assessment, ladder, since, since_name)
    allowed = {level.id: expected_criteria(ladder, level) for level in (current, target)}
    competencies = {c.id for c in ladder.competencies} | {PROMOTION}
    competencies |= {DIMENSION + d.id for d in ladder.dimensions}
    seen: dict[tuple[str, str], JsonPath] = {}
    for entry in assessment.entries:
        where = (*entry.path, entry.field) if entry.competency != PROMOTION else entry.path
        if entry.competency not in competencies:
            prefix = DIMENSION if entry.field == "dimension" else ""
            known = [c.removeprefix(prefix) for c in competencies if c.startswith(prefix)]
            wrong = entry.competency.removeprefix(prefix)
            hint = did_you_mean(wrong, [k for k in known if k != PROMOTION])
            message = f"no {entry.field} {wrong!r} in {ladder.framework.id}{hint}"
            yield "PMA103", where, message, False
            continue
        if entry.level is not None and entry.level not in allowed:
            yield (
                "PMA101",
                (*entry.path, "level"),
                (
                    f"level {entry.level!r} is neither the current ({current.id}) nor the target "
                    f"level ({target.id})"
                ),
                False,
            )
        problem = _unknown_criterion(entry.competency, entry.criterion, allowed)
        if problem is not None:
            yield "PMA104", (*entry.path, "criterion") if entry.criterion else where, problem, False
        if entry.status in NEEDS_EVIDENCE and not entry.evidence:
            yield (
                "PMA105",
                (*entry.path, "status"),
                (f"status {entry.status} needs evidence: add evidence with a text or a link"),
                False,
            )
        if entry.key in seen:
            line_of = seen[entry.key]
            yield "PMA107", entry.path, f"assessed twice (first at {_json(line_of)})", False
        else:
            seen[entry.key] = entry.path
    yield from _left_out(assessment, allowed[target.id], seen)


def _json(path: JsonPath) -> str:
    from pmframework.findings import json_path_text

    return json_path_text(path)


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
    assessment: Assessment, target: dict[str, list[str]], seen: dict[tuple[str, str], JsonPath]
) -> Iterator[Problem]:
    assessed_competencies = {competency for competency, _ in seen}
    for competency, texts in target.items():
        if not texts and competency != PROMOTION and competency not in assessed_competencies:
            yield (
                "PMA108",
                ("criteria",),
                f"{competency} (expected at the target level) is not assessed",
                True,
            )
        for text in texts:
            if (competency, normalized(text)) not in seen:
                what = (
                    "promotion criterion"
                    if competency == PROMOTION
                    else f"criterion of {competency}"
                )
                yield "PMA108", ("criteria",), f"{what} not assessed: {text!r}", True


def _version_problems(
    assessment: Assessment, ladder: Ladder, since: Ladder | None, since_name: str
) -> Iterator[Problem]:
    now = ladder.framework.version
    made = assessment.ladder_version
    if since is not None:
        from pmframework.diff.compare import compare_versions

        relevant = {assessment.current_level, assessment.target_level}
        for change in compare_versions(since, ladder).changes:
            level = change.id.split("/")[0]
            if change.kind == "competency" or (
                change.kind in ("level", "expectation") and level in relevant
            ):
                what = "".join(f"; {_field_change(f)}" for f in change.fields)
                label = change.label or change.id
                message = f"since {since_name}: {change.kind} {label} {change.verb}{what}"
                yield "PMA106", ("ladder_version",) if made else ("ladder",), message, False
    elif made is not None and now is not None and made != now:
        yield (
            "PMA106",
            ("ladder_version",),
            (
                f"made for version {made} of the ladder, which is now {now}; pass --since with the "
                f"ladder of version {made} to see what changed for these levels"
            ),
            False,
        )


def _field_change(change: FieldChange) -> str:
    """``criteria: 'old' → 'new'``: one value of the ladder that changed, in its own words."""
    if change.old is None:
        return f"{change.field} added: {change.new!r}"
    if change.new is None:
        return f"{change.field} removed: {change.old!r}"
    return f"{change.field}: {change.old!r} → {change.new!r}"
