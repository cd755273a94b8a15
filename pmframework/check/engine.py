"""The validation engine: file → positioned load → schema → semantic rules → sorted findings.

The engine, not the rules, knows rule ids, severities, files and positions: rules yield
Violations (a path and a message) and the engine stamps the rest on them.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmframework.check.compose import Layered, Locate, layer
from pmframework.check.core_rules import (
    BASE_RULE,
    CORE_RULES,
    CYCLE_RULE,
    PARSE_RULE,
    SCHEMA_RULE,
    VERSION_RULE,
)
from pmframework.check.discovery import FileSelection, expand_inputs
from pmframework.check.limits import limit_violations
from pmframework.check.rulebook import rule_infos
from pmframework.check.rules import RULES, Rule
from pmframework.check.schema import (
    check_composed,
    check_document,
    declared_version,
    latest_version,
    version_violation,
)
from pmframework.check.versions import migrate
from pmframework.errors import LadderError, Location, UsageError
from pmframework.findings import Finding, Severity, ValidationReport, Violation
from pmframework.load.document import Document, load_document
from pmframework.load.spans import text_position
from pmframework.model.build import ladder_from_data
from pmframework.model.ladder import Ladder
from pmframework.resources import BUILTIN_PREFIX

# A rule reports at most this many findings in one file; the last says how many more it found.
MAX_FINDINGS_PER_RULE = 100
# A ladder and the bases it extends, one over another: more is a mistake, and each costs a file.
MAX_LAYERS = 16


def select_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """The semantic rules to run. Ids may be whole (PMF201) or prefixes (PMF2)."""
    for rule_id in (*select, *ignore):
        if not any(r.startswith(rule_id) for r in (*RULES, *CORE_RULES)):
            known = ", ".join([*CORE_RULES, *RULES])
            raise UsageError(f"no rule {rule_id!r}; rules are: {known}")
    for rule_id in ignore:
        core = [r for r in CORE_RULES if r.startswith(rule_id)]
        if core and not any(r.startswith(rule_id) for r in RULES):
            raise UsageError(
                f"{core[0]} cannot be ignored: a file must be readable and follow the schema "
                "before any other rule can run"
            )

    def chosen(rule_id: str) -> bool:
        selected = not select or any(rule_id.startswith(s) for s in select)
        return selected and not any(rule_id.startswith(i) for i in ignore)

    return [rule for rule_id, rule in RULES.items() if chosen(rule_id)]


def _as_written(document: Document) -> Locate:
    return lambda path: (document, path)


def _finding(locate: Locate, rule_id: str, severity: Severity, v: Violation) -> Finding:
    # Rules see the model of the newest schema version, composed over any base ladder; their
    # paths are mapped back to the file each statement is written in, at its line (and for a
    # finding inside a text, such as a link, at its column there).
    document, path = locate(v.path)
    if v.offset is not None:
        path, line, column = text_position(document, path, v.offset)
    else:
        line, column = document.position(path, key=v.key)
    message = v.message
    if v.related is not None:
        related_document, related_path = locate(v.related)
        related_line, _ = related_document.position(related_path)
        elsewhere = "" if related_document is document else f"{related_document.name} "
        message += f" (see {elsewhere}line {related_line})"
    return Finding(document.name, line, column, rule_id, severity, message, path)


def check_loaded(document: Document, rules: Iterable[Rule]) -> tuple[list[Finding], Ladder | None]:
    """Findings for a loaded document, and its model when it follows the schema."""
    findings, checked = _check(document, rules)
    return findings, checked.ladder if checked else None


@dataclass(frozen=True)
class CheckedLadder:
    """A document that follows its schema: the data as checked (the loaded data, or a copy with
    meant types given), migrated to the newest version and composed over the ladder it
    extends, if any; and the model built from it."""

    document: Document
    data: Any
    ladder: Ladder


def _check(document: Document, rules: Iterable[Rule]) -> tuple[list[Finding], CheckedLadder | None]:
    findings, layered = _layers(document, ())
    if layered is None:
        return findings, None
    ladder = dataclasses.replace(
        ladder_from_data(layered.data, document.folder),
        written_version=declared_version(document.data),
    )
    findings = [
        finding
        for rule in rules
        for finding in _capped(layered.locate, rule.ID, rule.SEVERITY, rule.check(ladder))
    ]
    return findings, CheckedLadder(document, layered.data, ladder)


def _layers(document: Document, chain: tuple[str, ...]) -> tuple[list[Finding], Layered | None]:
    """The document's data checked against its schema, migrated to the newest version and
    composed over the ladder it extends; or the findings that stop it. ``chain`` holds the
    files that extend this one, to find a cycle."""
    here = _as_written(document)
    problem = version_violation(document.data)
    if problem is not None:
        return [_finding(here, VERSION_RULE, Severity.ERROR, problem)], None
    too_large = list(limit_violations(document.data))
    if too_large:
        return _capped(here, SCHEMA_RULE, Severity.ERROR, too_large), None
    violations, data = check_document(document)
    if violations:
        return _capped(here, SCHEMA_RULE, Severity.ERROR, violations), None
    migrated = migrate(data, declared_version(data), latest_version())
    layered = Layered.single(document, migrated.data, migrated.original_path)
    spec = migrated.data.get("extends")
    if spec is None:
        return [], layered
    at_extends = migrated.original_path(("extends",))
    base_spec = _base_spec(document, spec)
    key = _identity(base_spec)
    if key in (*chain, _identity_of(document)):
        names = " → ".join([document.name, base_spec])
        problem = Violation(at_extends, f"extends {spec!r} goes round in a circle ({names})")
        return [_finding(here, CYCLE_RULE, Severity.ERROR, problem)], None
    if len(chain) + 1 >= MAX_LAYERS:
        problem = Violation(
            at_extends, f"extends {spec!r} makes more than {MAX_LAYERS} layers; flatten some"
        )
        return [_finding(here, BASE_RULE, Severity.ERROR, problem)], None
    try:
        base_document = load_document(base_spec)
    except LadderError as error:
        problem = Violation(at_extends, f"cannot read base ladder {spec!r}: {error}")
        return [_finding(here, BASE_RULE, Severity.ERROR, problem)], None
    base_findings, base = _layers(base_document, (*chain, _identity_of(document)))
    if base is None:
        first = min(base_findings)  # the first in the file, as validate prints them
        if first.rule == CYCLE_RULE:
            return base_findings, None
        where = f"{first.file}:{first.line}:{first.column}"
        problem = Violation(
            at_extends,
            f"base ladder {spec!r} has errors; the first: {where} {first.rule} {first.message}",
        )
        return [_finding(here, BASE_RULE, Severity.ERROR, problem)], None
    composed = layer(base, layered)
    # What this file adds must be complete once composed; what it is missing is named at the
    # entry in this file (an entry of the base it merges into has the base's keys).
    incomplete = [_new_here(v, composed.data, spec) for v in check_composed(composed.data)]
    if incomplete:
        return _capped(composed.locate, SCHEMA_RULE, Severity.ERROR, incomplete), None
    return [], composed


def _new_here(violation: Violation, data: Any, spec: str) -> Violation:
    """A key missing from an entry the base does not have says so: the author may have meant
    the id of one it has (a misspelt id makes a new entry)."""
    entry = data
    for part in violation.path:
        entry = entry[part]
    if not violation.message.startswith("missing required key") or not isinstance(entry, dict):
        return violation
    if "id" not in entry:
        return violation
    message = f"{violation.message} ({entry['id']!r} is not in {spec!r}, so it is new here)"
    return dataclasses.replace(violation, message=message)


def _base_spec(document: Document, spec: str) -> str:
    """The input a file's ``extends`` names: ``builtin:NAME`` as it is, a path relative to the
    file's folder (the working folder for standard input)."""
    if spec.startswith(BUILTIN_PREFIX) or document.folder is None:
        return spec
    return str(document.folder / spec)


def _identity(spec: str) -> str:
    if spec.startswith(BUILTIN_PREFIX):
        return spec
    return str(Path(spec).resolve())


def _identity_of(document: Document) -> str:
    if document.name.startswith(BUILTIN_PREFIX) or document.folder is None:
        return document.name
    return _identity(document.name)


def _capped(
    locate: Locate,
    rule_id: str,
    severity: Severity,
    violations: Iterable[Violation],
) -> list[Finding]:
    """What one rule finds in a file, at most MAX_FINDINGS_PER_RULE of it: the last one shown
    says how many more there are, so that a file that repeats one mistake thousands of times
    (an alias used everywhere) is reported in a page, not in thousands of lines."""
    rest = iter(violations)
    shown = [
        _finding(locate, rule_id, severity, v)
        for v in itertools.islice(rest, MAX_FINDINGS_PER_RULE)
    ]
    more = sum(1 for _ in rest)
    if more:
        noun = "finding" if more == 1 else "findings"
        last = shown[-1]
        message = f"{last.message} (and {more:,} more {rule_id} {noun} not shown)"
        shown[-1] = dataclasses.replace(last, message=message)
    return shown


def error_finding(error: LadderError) -> Finding:
    """A file that cannot be read or parsed is a finding, not a crash."""
    where = error.location
    return Finding(where.file, where.line, where.column, PARSE_RULE, Severity.ERROR, error.message)


def check_input(spec: str, rules: Iterable[Rule]) -> list[Finding]:
    """Findings for one input: a path, ``-`` for stdin, or ``builtin:NAME``."""
    try:
        document = load_document(spec)
    except LadderError as error:
        return [error_finding(error)]
    findings, _ = check_loaded(document, rules)
    return findings


def validate_paths(
    specs: Iterable[str],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    selection: FileSelection | None = None,
    progress: Callable[[Iterable[str | LadderError]], Iterable[str | LadderError]] = iter,
) -> ValidationReport:
    """Validate files, directories, ``-`` and ``builtin:NAME`` inputs in one process.

    ``progress`` wraps the list of inputs (a progress bar on a terminal)."""
    rules = select_rules(select, ignore)
    report = ValidationReport(rules=rule_infos())
    inputs = list(expand_inputs(specs, selection))
    # A base ladder validated in the same run reports its own findings; a ladder that extends
    # it does not report them a second time.
    validated = {_identity(spec) for spec in inputs if isinstance(spec, str) and spec != "-"}
    for spec in progress(inputs):
        if isinstance(spec, LadderError):
            report.inputs.append(spec.location.file)
            report.findings.append(error_finding(spec))
            continue
        report.inputs.append(spec)
        report.findings.extend(
            f
            for f in check_input(spec, rules)
            if f.file == spec or _identity(f.file) not in validated
        )
    report.findings.sort()
    return report


class InvalidLadderError(LadderError):
    """A ladder with errors, where a command needs a valid one (render, diff)."""

    def __init__(self, findings: list[Finding]) -> None:
        first = findings[0]
        more = (
            f" (and {len(findings) - 1} more; run pmframework validate)"
            if len(findings) > 1
            else ""
        )
        super().__init__(
            Location(first.file, first.line, first.column),
            f"{first.rule} {first.message}{more}",
        )
        self.findings = findings


def load_checked(spec: str) -> CheckedLadder:
    """Load a ladder that has no errors (warnings are fine), with its document and checked data."""
    return checked(load_document(spec))


def checked(document: Document) -> CheckedLadder:
    """A loaded document that has no errors (warnings are fine, so the rules that only warn are
    not run), with its checked data and model; raise InvalidLadderError otherwise."""
    error_rules = [rule for rule in RULES.values() if rule.SEVERITY == Severity.ERROR]
    findings, result = _check(document, error_rules)
    errors = sorted(f for f in findings if f.severity == Severity.ERROR)
    if errors or result is None:
        raise InvalidLadderError(errors)
    return result


def checked_ladder(document: Document) -> Ladder:
    """The model of a loaded document that has no errors (warnings are fine)."""
    return checked(document).ladder


def load_ladder(spec: str) -> Ladder:
    """Load a ladder that has no errors (warnings are fine); raise LadderError otherwise."""
    return load_checked(spec).ladder
