"""Properties of the assessment loader and checks, over generated assessments.

(a) Every generated valid assessment (any subset of the blank's entries, in any order, any
    statuses, evidence where a status needs it) checks with no error.
(b) One status made invalid is reported by PMA001, once, at that status's line.
(c) Whatever the file holds, checking it returns findings and never raises.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmframework.assess.checks import check_file
from pmframework.assess.template import _data, blank
from pmframework.check.engine import load_ladder
from pmframework.findings import Finding, Severity

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LADDER = "builtin:product-management"
STATUSES = st.sampled_from(["met", "partly", "not-yet", "not-applicable", None])
DATES = st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1).filter(
    lambda t: t.strip()
)


@functools.cache
def blank_data(level: str) -> dict[str, Any]:
    return _data(blank(LADDER, load_ladder(LADDER), level))


def check_text(text: str | bytes, suffix: str = ".yaml") -> list[Finding]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"generated{suffix}"
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return check_file(str(path)).findings


@st.composite
def assessments(draw: st.DrawFn) -> dict[str, Any]:
    level = draw(st.sampled_from(["apm", "pm", "senior-pm", "group-pm"]))
    data = dict(blank_data(level))
    entries = draw(st.permutations(data["criteria"]))
    chosen = entries[: draw(st.integers(0, len(entries)))]
    criteria = []
    for entry in chosen:
        status = draw(STATUSES)
        made = {**entry, "status": status}
        evidence = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"text": TEXTS}, optional={"date": DATES, "link": st.just("https://x.test/a")}
                ),
                min_size=1 if status in ("met", "partly") else 0,
                max_size=3,
            )
        )
        made["evidence"] = evidence
        if draw(st.booleans()):
            made["date"] = draw(DATES)
        if draw(st.booleans()):
            made["x-private"] = draw(TEXTS)
        criteria.append(made)
    data["criteria"] = criteria
    if draw(st.booleans()):
        data["assessor"] = {"role": draw(st.sampled_from(["self", "manager", "peer", "other"]))}
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


@SETTINGS
@given(assessments())
def test_every_generated_assessment_checks_without_errors(data: dict[str, Any]) -> None:
    findings = check_text(dump(data))
    assert [f for f in findings if f.severity == Severity.ERROR] == []


@SETTINGS
@given(assessments(), st.data())
def test_an_invalid_status_is_found_once_at_its_line(data: dict[str, Any], draw: Any) -> None:
    if not data["criteria"]:
        return
    index = draw.draw(st.integers(0, len(data["criteria"]) - 1))
    data["criteria"][index]["status"] = "ZZSTATUS"
    text = dump(data)
    findings = [f for f in check_text(text) if f.rule == "PMA001"]
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "ZZSTATUS" in t)
    assert [(f.line, f.path) for f in findings] == [(line, ("criteria", index, "status"))]


@SETTINGS
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | TEXTS,
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.sampled_from(["ladder", "criteria", "status", "x"]), inner)
            ),
            max_leaves=20,
        ).map(lambda tree: dump({"assessment_version": 1, "tree": tree, "criteria": tree})),
    ),
    st.sampled_from([".yaml", ".json", ".csv"]),
)
def test_any_input_gives_findings_never_an_exception(content: str | bytes, suffix: str) -> None:
    findings = check_text(content, suffix)
    assert findings, "a file that is not an assessment is always reported"
    assert all(f.line >= 0 and f.column >= 0 for f in findings)
