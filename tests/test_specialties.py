"""Specialties of a job family (schema version 2): GitLab's product managers have Growth,
Fulfillment and Platform specialties, engineers backend and SRE, each adding competencies of its
own to those the whole family shares. A competency's ``specialties`` says which it belongs to;
none means everyone's.

What a person relies on: an unknown or duplicated specialty id is reported at its line and
column; render lists the specialties with their competencies and labels each specialty
competency where it stands, and ``--specialty`` shows the ladder one specialty reads; diff says
in words when a specialty is added, removed or renamed and when a competency moves between
specialties; version 1 is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, CliResult
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_cases import check, edited, load

from pmframework import render
from pmframework.check.engine import check_loaded, load_ladder
from pmframework.check.rules import RULES
from pmframework.diff.versions import compare_versions
from pmframework.errors import LadderError
from pmframework.load.document import parse_document
from pmframework.model import Ladder, belongs_to, for_specialty, ladder_from_data

RunCli = Callable[..., CliResult]
EXAMPLE = EXAMPLES / "valid" / "v2" / "gitlab-specialties.yaml"
POOL = ["growth", "fulfillment", "platform", "data", "sre", "ai-ml"]

# fmt: off
BASE = """\
schema_version: 2
framework: {id: t, title: T, organization: O, version: "1", status: draft}
specialties:
  - {id: growth, name: Growth}
  - id: platform
    name: Platform
    description: See [the platform handbook](https://example.com/platform).
competencies:
  - {id: strategy, name: Strategy}
  - {id: experiments, name: Experiments, specialties: [growth]}
  - id: reliability
    name: Reliability
    specialties: [platform, growth]
tracks:
  - id: ic
    name: IC
    kind: individual-contributor
    levels:
      - id: pm
        rank: 1
        expectations:
          strategy: {criteria: [Explains the roadmap.]}
          experiments: {criteria: [Reads an A/B test result correctly.]}
          reliability: {criteria: [Knows the error budget of the service.]}
"""
# fmt: on


# --- the model and the rules -------------------------------------------------------------------


def test_a_competency_belongs_to_the_specialties_it_names_and_one_naming_none_to_all() -> None:
    ladder = load(BASE)
    assert [(s.id, s.name) for s in ladder.specialties] == [
        ("growth", "Growth"),
        ("platform", "Platform"),
    ]
    assert ladder.specialty("platform") is not None
    platform = ladder.specialty("platform")
    assert platform is not None and platform.description is not None
    assert "[the platform handbook]" in platform.description.text
    by_id = {c.id: c for c in ladder.competencies}
    assert by_id["strategy"].specialties == ()
    assert by_id["reliability"].specialties == ("platform", "growth")
    assert belongs_to(by_id["strategy"], "growth") and belongs_to(by_id["strategy"], "sre")
    assert belongs_to(by_id["experiments"], "growth")
    assert not belongs_to(by_id["experiments"], "platform")


def test_an_unknown_specialty_is_reported_where_it_is_written() -> None:
    findings = check(
        edited(BASE, ("specialties: [platform, growth]", "specialties: [platfrom, growth]")),
        ("PMF102", 13, 19),
    )
    assert "did you mean 'platform'?" in findings[0].message


def test_a_duplicated_specialty_id_is_reported_at_the_second() -> None:
    findings = check(
        edited(BASE, ("  - id: platform\n", "  - id: growth\n")),
        ("PMF101", 5, 9),
        ("PMF102", 13, 19),  # the 'platform' that Reliability names is gone with it
    )
    assert "specialty id 'growth' is used twice" in findings[0].message


def test_a_specialty_needs_a_name_and_a_competency_a_list() -> None:
    check(
        edited(
            BASE,
            ("  - {id: growth, name: Growth}", "  - {id: growth}"),
            ("specialties: [growth]}", "specialties: growth}"),
        ),
        ("PMF001", 4, 5),
        ("PMF001", 10, 55),
    )


def test_version_1_is_unchanged_and_refuses_specialties() -> None:
    document = parse_document("test.yaml", edited(BASE, ("schema_version: 2", "schema_version: 1")))
    findings, _ = check_loaded(document, RULES.values())
    assert ("PMF001", 3, 1) in [(f.rule, f.line, f.column) for f in findings]
    assert "unknown key 'specialties'" in " ".join(f.message for f in findings)


def _references_text(declared: Sequence[str], named: Sequence[Sequence[str]]) -> str:
    lines = [
        "schema_version: 2",
        'framework: {id: t, title: T, organization: O, version: "1", status: draft}',
    ]
    if declared:
        lines.append("specialties:")
        lines += [f"  - {{id: {s}, name: {s.capitalize()}}}" for s in declared]
    lines.append("competencies:")
    for i, specialties in enumerate(named):
        lines += [f"  - id: c{i}", f"    name: Competency {i}"]
        if specialties:
            lines.append(f"    specialties: [{', '.join(specialties)}]")
    lines += [
        "tracks:",
        "  - {id: ic, name: IC, kind: individual-contributor, levels: [{id: pm, rank: 1}]}",
    ]
    text = "\n".join(lines) + "\n"
    expectations = ", ".join(f"c{i}: {{criteria: [Does thing {i}.]}}" for i in range(len(named)))
    return text.replace("rank: 1}", f"rank: 1, expectations: {{{expectations}}}}}")


@settings(max_examples=50, deadline=None)
@given(
    declared=st.lists(st.sampled_from(POOL), unique=True, max_size=4),
    named=st.lists(
        st.lists(st.sampled_from(POOL), unique=True, max_size=3), min_size=1, max_size=4
    ),
)
def test_every_unknown_specialty_is_found_at_its_line_and_column(
    declared: list[str], named: list[list[str]]
) -> None:
    text = _references_text(declared, named)
    expected = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("    specialties: ["):
            column = len("    specialties: [") + 1
            for ident in line[column - 1 : -1].split(", "):
                if ident not in declared:
                    expected.append(("PMF102", line_number, column))
                column += len(ident) + 2
    check(text, *expected)


# --- the ladder as one specialty reads it ------------------------------------------------------


def _data(assignment: Sequence[Sequence[str]]) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "framework": {"id": "t", "title": "T", "organization": "O", "version": "1", "status": "d"},
        "specialties": [{"id": s, "name": s.upper()} for s in POOL],
        "competencies": [
            {"id": f"c{i}", "name": f"C{i}", **({"specialties": list(s)} if s else {})}
            for i, s in enumerate(assignment)
        ],
        "tracks": [
            {
                "id": "ic",
                "name": "IC",
                "kind": "individual-contributor",
                "levels": [
                    {
                        "id": "pm",
                        "rank": 1,
                        "expectations": {
                            f"c{i}": {"criteria": [f"Does {i}."]} for i in range(len(assignment))
                        },
                    },
                    {"id": "senior", "rank": 2, "inherits": "pm"},
                ],
            }
        ],
        "shared": [
            {"competency": f"c{i}", "applies_to": {"min_rank": 2}, "criteria": [f"More {i}."]}
            for i in range(len(assignment))
        ],
        "assessment": [
            {
                "kind": "interview-question",
                "prompt": f"Tell me about {i}.",
                "competencies": [f"c{i}"],
            }
            for i in range(len(assignment))
        ],
    }


ASSIGNMENTS = st.lists(st.lists(st.sampled_from(POOL), unique=True, max_size=2), max_size=6)


@settings(max_examples=60, deadline=None)
@given(assignment=ASSIGNMENTS, specialty=st.sampled_from(POOL))
def test_a_specialty_reads_the_common_competencies_and_its_own_and_nothing_else(
    assignment: list[list[str]], specialty: str
) -> None:
    ladder = ladder_from_data(_data(assignment))
    seen = for_specialty(ladder, specialty)
    wanted = {f"c{i}" for i, s in enumerate(assignment) if not s or specialty in s}
    assert {c.id for c in seen.competencies} == wanted
    for level in seen.levels:  # expectations, shared statements and inheritance alike
        assert set(level.expectations) == wanted
    assert {s.competency for s in seen.shared} == wanted
    assert {c for p in seen.assessment for c in p.competencies} == wanted
    assert for_specialty(seen, specialty) == seen  # reading it again changes nothing
    assert seen.specialties == ladder.specialties  # a shared competency still names both


# --- render ------------------------------------------------------------------------------------


def _html(**options: Any) -> str:
    return render.render_html(load_ladder(str(EXAMPLE)), name=str(EXAMPLE), **options)


def _markdown(**options: Any) -> str:
    return render.render_markdown(load_ladder(str(EXAMPLE)), name=str(EXAMPLE), **options)


def _labels(fragment: str) -> list[str]:
    return re.findall(r'<span class="specialty-label">.*?</span>([^<]*)</span>', fragment)


def test_the_specialties_are_listed_with_the_competencies_each_adds() -> None:
    html = _html()
    section = re.search(r'<section class="specialties".*?</section>', html, re.S)
    assert section is not None
    growth = re.search(r'<div class="specialty" id="specialty-growth">.*?</div>', section[0], re.S)
    assert growth is not None
    assert "Adds 2 competencies" in growth[0]
    assert re.findall(r'<a href="#(competency-[^"]+)">', growth[0]) == [
        "competency-experimentation",
        "competency-monetization",
    ]
    # the description's link, in the rich-text subset, is a link
    assert (
        'href="https://example.com/fulfillment" rel="noreferrer">the fulfillment handbook</a>'
    ) in html
    assert '<a href="#specialties">Specialties</a>' in html  # in the contents
    markdown = _markdown()
    assert "## Specialties" in markdown
    assert (
        "Adds 2 competencies: [Experimentation](#competency-experimentation), "
        "[Monetization](#competency-monetization)."
    ) in markdown


def test_a_specialty_competency_is_labelled_in_the_matrix_and_on_each_level() -> None:
    html = _html()
    rows = {
        name.strip(): rest for name, rest in re.findall(r'<th scope="row">([^<]*)(.*?)</th>', html)
    }
    assert _labels(rows["Monetization"]) == ["Growth", "Fulfillment"]
    assert _labels(rows["Product strategy"]) == []  # common: no label
    headings = re.findall(r"<h5>(Experimentation.*?)</h5>", html)
    assert len(headings) == 3  # Product Manager, Senior Product Manager, Group Manager
    assert all(_labels(h) == ["Growth"] for h in headings)
    markdown = _markdown()
    assert "| Monetization *(Growth, Fulfillment)* |" in markdown
    assert "**Developer empathy** *(Platform)*" in markdown
    assert "**Product strategy**\n" in markdown


@pytest.mark.parametrize("medium", ["html", "markdown"])
def test_render_for_one_specialty_shows_the_common_ladder_and_its_own(medium: str) -> None:
    text = _html(specialty="growth") if medium == "html" else _markdown(specialty="growth")
    for shown in ("Product strategy", "Experimentation", "Monetization", "Runs an A/B test"):
        assert shown in text
    for hidden in ("Developer empathy", "Model evaluation", "the platform's API", "AI/ML"):
        assert hidden not in text
    assert "This edition is for the Growth specialty" in text
    assert "Fulfillment" in text  # Monetization is Fulfillment's too, and says so


def test_render_for_one_specialty_as_a_pdf(tmp_path: Path, run_cli: RunCli) -> None:
    from pypdf import PdfReader

    out = tmp_path / "growth.pdf"
    result = run_cli("render", str(EXAMPLE), "-o", str(out), "--specialty", "platform")
    assert result.exit_code == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Developer empathy" in text and "Product strategy" in text
    assert "Experimentation" not in text


def test_an_unknown_specialty_is_a_one_line_error_that_lists_them(
    tmp_path: Path, run_cli: RunCli
) -> None:
    out = tmp_path / "x.html"
    result = run_cli("render", str(EXAMPLE), "-o", str(out), "--specialty", "grwoth")
    assert result.exit_code == LadderError.exit_code
    assert result.stderr.strip().splitlines() == [
        f"pmframework: error: {EXAMPLE}: no specialty 'grwoth'; did you mean 'growth'? "
        "specialties are: growth, fulfillment, platform, ai-ml"
    ]
    assert not out.exists()
    plain = EXAMPLES / "valid" / "v2" / "gitlab-style.yaml"
    result = run_cli("render", str(plain), "-o", str(out), "--specialty", "growth")
    assert result.exit_code == LadderError.exit_code
    assert "no specialty 'growth': it has no specialties" in result.stderr


# --- diff --------------------------------------------------------------------------------------


def _diff(old: str, new: str, run_cli: RunCli, tmp_path: Path) -> str:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    result = run_cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_diff_names_specialties_added_removed_and_renamed(run_cli: RunCli, tmp_path: Path) -> None:
    new = edited(
        BASE,
        (
            "  - {id: growth, name: Growth}",
            "  - {id: growth-pm, name: Growth}\n  - {id: sre, name: SRE}",
        ),
        ("specialties: [growth]}", "specialties: [growth-pm]}"),
        ("specialties: [platform, growth]", "specialties: [growth-pm]"),
        (
            "  - id: platform\n    name: Platform\n    description: See [the platform handbook](https://example.com/platform).\n",
            "",
        ),
    )
    out = _diff(BASE, new, run_cli, tmp_path)
    assert "Specialties (1 added, 1 removed, 1 renamed)" in out
    assert "Growth (growth → growth-pm) — renamed" in out
    assert "SRE (sre) — added" in out
    assert "Platform (platform) — removed" in out
    # renamed, growth is still growth: only Reliability moved, out of Platform
    assert "Experiments (experiments)" not in out
    assert (
        "Reliability (reliability) — moved from specialties Platform and Growth to specialty Growth"
    ) in out


def test_diff_says_when_a_competency_joins_or_leaves_the_common_ladder(
    run_cli: RunCli, tmp_path: Path
) -> None:
    new = edited(
        BASE,
        (
            "  - {id: strategy, name: Strategy}",
            "  - {id: strategy, name: Strategy, specialties: [platform]}",
        ),
        (
            "  - {id: experiments, name: Experiments, specialties: [growth]}",
            "  - {id: experiments, name: Experiments}",
        ),
    )
    out = _diff(BASE, new, run_cli, tmp_path)
    assert "Strategy (strategy) — moved from every specialty to specialty Platform" in out
    assert "Experiments (experiments) — moved from specialty Growth to every specialty" in out
    assert "2 competencies moved" in out


@settings(max_examples=40, deadline=None)
@given(old=ASSIGNMENTS, new=ASSIGNMENTS)
def test_a_move_between_specialties_reads_backwards_when_the_versions_swap(
    old: list[list[str]], new: list[list[str]]
) -> None:
    size = min(len(old), len(new))
    a = ladder_from_data(_data(old[:size]))
    b = ladder_from_data(_data(new[:size]))

    def moves(x: Ladder, y: Ladder) -> dict[str, tuple[str | None, str | None]]:
        return {
            c.id: (c.moved.old, c.moved.new)
            for c in compare_versions(x, y).changes
            if c.moved is not None
        }

    forward, backward = moves(a, b), moves(b, a)
    assert set(forward) == {f"c{i}" for i in range(size) if set(old[i]) != set(new[i])}
    assert backward == {k: (after, before) for k, (before, after) in forward.items()}
    assert compare_versions(a, a).changes == ()


def test_a_layer_adds_specialties_and_competencies_to_its_base(tmp_path: Path) -> None:
    (tmp_path / "family.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(
        "schema_version: 2\n"
        "extends: family.yaml\n"
        'framework: {id: t, title: T, organization: O, version: "2", status: draft}\n'
        "specialties: [{id: sre, name: SRE}]\n"
        "competencies:\n"
        "  - {id: on-call, name: On-call, specialties: [sre, platform]}\n",
        encoding="utf-8",
    )
    ladder = load_ladder(str(tmp_path / "team.yaml"))
    assert [s.id for s in ladder.specialties] == ["growth", "platform", "sre"]
    sre = for_specialty(ladder, "sre")
    assert [c.id for c in sre.competencies] == ["strategy", "on-call"]
