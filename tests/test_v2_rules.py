"""Schema version 2's constructs through the engine: the references they make, the rules that
check them (with the exact position of each finding), and what the model makes of them.

``check(text, *expected)`` runs every rule on ``text`` and asserts exactly the findings
``(rule, line, column)``; ``BASE`` is a valid version 2 ladder whose line numbers are written
beside it.
"""

from __future__ import annotations

from pathlib import Path

from rule_cases import check, edited, load

from pmframework.check.engine import check_input, load_ladder, select_rules
from pmframework.model import Ladder
from pmframework.model.resolve import resolve_expectations

# fmt: off
BASE = """\
schema_version: 2
framework: {id: t, title: Test ladder, organization: O, version: "1", status: draft}
x-owner: product-ops
dimensions:
  - {id: scope, name: Scope}
competencies:
  - {id: strategy, name: Strategy, rating: {min: 1, max: 5}}
  - {id: delivery, name: Delivery}
  - {id: ai, name: AI fluency, status: planned}
tracks:
  - id: ic
    name: Product management
    kind: individual-contributor
    levels:
      - id: pm
        rank: 1
        points: {min: 0, max: 9}
        expectations:
          delivery: {criteria: [{text: Ships small steps every week., points: 2}]}
      - id: senior
        grade: P3
        rank: 2
        inherits: pm
        points: {min: 10, max: 19}
  - id: lead
    name: Tech lead
    kind: tech-lead
    levels:
      - {id: tl, title: Tech Lead, rank: 2, expectations: {delivery: {criteria: [Plans releases.]}}}
shared:
  - competency: strategy
    applies_to: {tracks: [ic, lead]}
    criteria: [Connects the roadmap to company goals.]
  - dimension: scope
    applies_to: {levels: [pm, senior]}
    text: One feature area.
  - applies_to: {min_rank: 2}
    criteria: [Writes the plan for the quarter.]
    anti_patterns: [Starts work before it is agreed.]
"""
# Line numbers of BASE, for reading the expected positions below:
#  5 dimension scope    15 level pm          20 level senior      31 shared strategy
#  7 strategy           17   points          24   points          32   applies_to
#  9 ai (planned)       19   delivery        25 track lead        34 shared scope
# 11 track ic                                29 level tl          35   applies_to
#                                                                 37 shared (level-wide)
# fmt: on


def edit(*changes: tuple[str, str]) -> str:
    return edited(BASE, *changes)


def texts(ladder: Ladder, level_id: str, competency: str) -> list[str]:
    level = ladder.level(level_id)
    assert level is not None
    resolved = resolve_expectations(ladder, level)[competency]
    return [s.statement.text for s in resolved.criteria]


# --- the model ---------------------------------------------------------------------------------


def test_base_is_valid_and_its_constructs_reach_the_model() -> None:
    ladder = load(BASE)
    assert ladder.extensions == {"x-owner": "product-ops"}
    assert [c.id for c in ladder.competencies] == ["strategy", "delivery", "ai"]
    assert {c.area for c in ladder.competencies} == {None}
    # A level without a title is known by its grade, else by its rank.
    assert [lv.title for lv in ladder.levels] == ["Level 1", "P3", "Tech Lead"]
    assert ladder.track("lead") is not None and ladder.track("lead").kind == "tech-lead"
    strategy = ladder.competency("strategy")
    assert strategy is not None and strategy.rating is not None
    assert (strategy.rating.min, strategy.rating.max) == (1, 5)
    pm = ladder.level("pm")
    assert pm is not None and pm.points is not None and 9 in pm.points
    assert pm.expectations["delivery"].criteria[0].points == 2


def test_a_shared_statement_stands_at_every_level_it_covers_once() -> None:
    ladder = load(BASE)
    goals = "Connects the roadmap to company goals."
    assert texts(ladder, "pm", "strategy") == [goals]
    assert texts(ladder, "tl", "strategy") == [goals]
    # senior inherits pm, which is covered too: the statement arrives once, inherited.
    senior = ladder.level("senior")
    assert senior is not None
    resolved = resolve_expectations(ladder, senior)["strategy"]
    assert [(s.statement.text, s.inherited) for s in resolved.criteria] == [(goals, True)]
    # Every copy is the one statement written under shared, where findings point.
    assert resolved.criteria[0].statement.path == ("shared", 0, "criteria", 0)


def test_dimensions_and_whole_level_statements_are_shared_to_each_level() -> None:
    ladder = load(BASE)
    pm, senior, tl = (ladder.level(i) for i in ("pm", "senior", "tl"))
    assert pm is not None and senior is not None and tl is not None
    assert pm.dimensions["scope"].text == senior.dimensions["scope"].text == "One feature area."
    assert "scope" not in tl.dimensions
    assert (
        [s.text for s in senior.criteria]
        == [s.text for s in tl.criteria]
        == ["Writes the plan for the quarter."]
    )
    assert pm.criteria == () and [s.text for s in tl.anti_patterns] == [
        "Starts work before it is agreed."
    ]


def test_a_level_that_writes_its_own_dimension_keeps_it() -> None:
    text = edit(
        (
            "      - id: pm\n        rank: 1\n",
            "      - id: pm\n        rank: 1\n        dimensions: {scope: Its own.}\n",
        )
    )
    pm = load(text).level("pm")
    assert pm is not None and pm.dimensions["scope"].text == "Its own."


def test_a_planned_competency_is_not_expected_yet() -> None:
    check(
        edit(("status: planned", "status: active")),
        ("PMF201", 15, 13),
        ("PMF201", 20, 13),
        ("PMF201", 29, 14),
    )


# --- references --------------------------------------------------------------------------------


def test_a_shared_entry_naming_an_unknown_competency() -> None:
    findings = check(
        edit(("  - competency: strategy\n", "  - competency: stratgy\n")),
        ("PMF102", 31, 17),
        # what follows: no level expects anything of strategy
        ("PMF201", 15, 13),
        ("PMF201", 20, 13),
        ("PMF201", 29, 14),
    )
    assert "did you mean 'strategy'" in next(f.message for f in findings if f.rule == "PMF102")


def test_a_shared_entry_naming_an_unknown_level_or_track() -> None:
    check(
        edit(("applies_to: {levels: [pm, senior]}", "applies_to: {levels: [pm, snr]}")),
        ("PMF102", 35, 31),
    )
    check(
        edit(("applies_to: {tracks: [ic, lead]}", "applies_to: {tracks: [ic, leads]}")),
        ("PMF102", 32, 31),
        ("PMF201", 29, 14),
    )


def test_a_shared_entry_naming_an_unknown_dimension() -> None:
    check(edit(("  - dimension: scope\n", "  - dimension: reach\n")), ("PMF102", 34, 16))


def test_a_dimension_scale_that_does_not_exist() -> None:
    check(
        edit(("{id: scope, name: Scope}", "{id: scope, name: Scope, scale: reach}")),
        ("PMF102", 5, 37),
    )


def test_a_shared_entry_that_covers_no_level() -> None:
    findings = check(
        edit(("applies_to: {min_rank: 2}", "applies_to: {min_rank: 3}")), ("PMF205", 37, 17)
    )
    assert "applies to no level" in findings[0].message


# --- points ------------------------------------------------------------------------------------


def test_overlapping_point_ranges() -> None:
    findings = check(
        edit(("points: {min: 10, max: 19}", "points: {min: 9, max: 19}")), ("PMF111", 24, 23)
    )
    assert "(see line 17)" in findings[0].message


def test_a_range_that_runs_backwards() -> None:
    check(edit(("rating: {min: 1, max: 5}", "rating: {min: 5, max: 1}")), ("PMF111", 7, 50))


def test_a_criterion_worth_more_than_its_level_allows() -> None:
    findings = check(edit(("points: 2}", "points: 12}")), ("PMF111", 19, 79))
    assert "worth 12 points, more than level 'pm' allows in all (9)" in findings[0].message


# --- schema ------------------------------------------------------------------------------------


def test_a_shared_entry_about_a_competency_and_a_dimension_is_refused() -> None:
    findings = check(
        edit(("  - dimension: scope\n", "  - dimension: scope\n    competency: strategy\n")),
        ("PMF001", 34, 5),
    )
    assert "not both" in findings[0].message


def test_a_shared_entry_with_nothing_to_say_is_refused() -> None:
    findings = check(
        edit(("    criteria: [Connects the roadmap to company goals.]\n", "")), ("PMF001", 31, 5)
    )
    assert "needs at least one of text, criteria, examples, anti_patterns" in findings[0].message


# --- extends -----------------------------------------------------------------------------------

OVERLAY = """\
schema_version: 2
extends: base.yaml
framework: {id: o, title: Overlay, organization: O, version: "1", status: draft}
tracks:
  - {id: ic, name: Individual contributor, kind: individual-contributor, levels: [
      {id: pm, rank: 1, expectations: {delivery: {criteria: [Writes notes customers read.]}}}]}
"""


def _files(tmp_path: Path, base: str = BASE, overlay: str = OVERLAY) -> str:
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "product.yaml").write_text(overlay, encoding="utf-8")
    return str(tmp_path / "product.yaml")


def _found(spec: str) -> list[tuple[str, str, int, int]]:
    return sorted(
        (Path(f.file).name, f.rule, f.line, f.column) for f in check_input(spec, select_rules())
    )


def test_an_overlay_is_composed_over_its_base_by_id(tmp_path: Path) -> None:
    ladder = load_ladder(_files(tmp_path))
    assert ladder.framework.id == "o"
    assert [t.id for t in ladder.tracks] == ["ic", "lead"]
    pm = ladder.level("pm")
    assert pm is not None and pm.points is not None  # the base's level, merged
    assert [s.text for s in pm.expectations["delivery"].criteria] == [
        "Ships small steps every week.",
        "Writes notes customers read.",
    ]
    assert ladder.extensions == {"x-owner": "product-ops"}


def test_findings_name_the_file_where_the_statement_lives(tmp_path: Path) -> None:
    # The overlay copies a statement of the base at another level: PMF203 points at the
    # overlay's line and names the base's line where the text is first written.
    overlay = OVERLAY.replace("Writes notes customers read.", "Ships small steps every week.")
    overlay = overlay.replace("{id: pm, rank: 1,", "{id: senior, rank: 2,")
    spec = _files(tmp_path, overlay=overlay)
    findings = check_input(spec, select_rules())
    assert [(Path(f.file).name, f.rule, f.line, f.column) for f in findings] == [
        ("product.yaml", "PMF203", 6, 66)
    ]
    assert findings[0].message.endswith(f"(see {tmp_path / 'base.yaml'} line 19)")
    # A finding about the base's own text is reported in the base file, at its line.
    base = BASE.replace("levels: [pm, senior]", "levels: [pm, snr]")
    assert _found(_files(tmp_path, base=base)) == [("base.yaml", "PMF102", 35, 31)]


def test_a_base_that_is_missing_or_broken_is_named_at_extends(tmp_path: Path) -> None:
    spec = _files(tmp_path)
    (tmp_path / "base.yaml").unlink()
    assert _found(spec) == [("product.yaml", "PMF003", 2, 10)]
    _files(tmp_path, base=BASE.replace("name: Scope}", "nam: Scope}"))
    findings = check_input(spec, select_rules())
    assert [(f.rule, f.line) for f in findings] == [("PMF003", 2)]
    assert f"{tmp_path / 'base.yaml'}:5:5 PMF001 missing required key 'name'" in findings[0].message


def test_a_cycle_of_extends_is_found(tmp_path: Path) -> None:
    base = BASE.replace("schema_version: 2\n", "schema_version: 2\nextends: product.yaml\n")
    assert _found(_files(tmp_path, base=base)) == [("base.yaml", "PMF004", 2, 10)]


def test_a_builtin_base(tmp_path: Path) -> None:
    overlay = """\
schema_version: 2
extends: builtin:product-management
framework: {id: o, title: Overlay, organization: O, version: "1", status: draft}
x-team: growth
"""
    (tmp_path / "product.yaml").write_text(overlay, encoding="utf-8")
    ladder = load_ladder(str(tmp_path / "product.yaml"))
    assert ladder.framework.id == "o"
    assert len(ladder.levels) > 5


def test_a_chain_of_layers_is_bounded(tmp_path: Path) -> None:
    from pmframework.check.engine import MAX_LAYERS

    (tmp_path / "layer0.yaml").write_text(BASE, encoding="utf-8")
    for n in range(1, MAX_LAYERS + 1):
        text = OVERLAY.replace("extends: base.yaml", f"extends: layer{n - 1}.yaml")
        (tmp_path / f"layer{n}.yaml").write_text(text, encoding="utf-8")
    assert _found(str(tmp_path / f"layer{MAX_LAYERS - 1}.yaml")) == []
    found = check_input(str(tmp_path / f"layer{MAX_LAYERS}.yaml"), select_rules())
    assert [(f.rule, f.line) for f in found] == [("PMF003", 2)]
    assert f"more than {MAX_LAYERS} layers" in found[0].message


def test_a_base_validated_in_the_same_run_reports_its_findings_once(tmp_path: Path) -> None:
    from pmframework.check.engine import validate_paths

    _files(tmp_path, base=BASE.replace("One feature area.", "One feature area. TODO"))
    for specs in ([str(tmp_path)], [str(tmp_path / "product.yaml")]):
        report = validate_paths(specs)
        assert [(Path(f.file).name, f.rule, f.line) for f in report.findings] == [
            ("base.yaml", "PMF202", 36)
        ]


# --- dimension scales ----------------------------------------------------------------------------

DIMENSIONS = """\
schema_version: 2
framework: {id: t, title: Test ladder, organization: O, version: "1", status: draft}
scales:
  - {id: reach, name: Reach, steps: [{id: team, name: Team}, {id: group, name: Group}]}
dimensions:
  - {id: influence, name: Influence, scale: reach}
competencies:
  - {id: delivery, name: Delivery}
tracks:
  - id: eng
    name: Engineering
    kind: individual-contributor
    levels:
      - id: pm
        rank: 1
        dimensions: {influence: {step: team, text: Their team.}}
        expectations: {delivery: {criteria: [Ships.]}}
      - {id: senior, rank: 2, inherits: pm, dimensions: {influence: {step: group, text: A group.}}}
"""


def test_a_level_names_a_step_of_its_dimensions_scale() -> None:
    pm = load(DIMENSIONS).level("pm")
    assert pm is not None and pm.dimension_steps == {"influence": "team"}
    findings = check(edited(DIMENSIONS, ("step: team", "step: teem")), ("PMF102", 16, 40))
    assert "did you mean 'team'" in findings[0].message
    findings = check(
        edited(DIMENSIONS, (", scale: reach}", "}")), ("PMF102", 16, 40), ("PMF102", 18, 76)
    )
    assert "needs a scale: give dimension 'influence' a 'scale'" in findings[0].message


def test_a_step_lower_than_the_level_below_is_an_error() -> None:
    lower = edited(
        DIMENSIONS,
        ("{step: team, text: Their team.}", "{step: group, text: Their team.}"),
        ("{step: group, text: A group.}", "{step: team, text: A group.}"),
    )
    findings = check(lower, ("PMF110", 18, 76))
    assert findings[0].message == (
        "'influence' at 'senior' is 'team', below 'group' at 'pm' lower in track 'eng'"
    )
