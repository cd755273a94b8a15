"""Every rule, failing and passing, with the exact position of each finding.

In the style of yamllint's ``RuleTestCase.check(conf, problem1=(5, 5))``: ``check(text, *expected)``
runs every rule on ``text`` and asserts exactly the findings ``(rule, line, column)``, lines and
columns counting from 1. Most cases are one small edit of ``BASE``, a valid ladder whose line
numbers are written beside it; an edit that adds lines says so.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_cases import check, edited, load

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES, placeholder_text
from pmframework.findings import Finding, Severity
from pmframework.load.document import parse_document

# fmt: off
BASE = """\
schema_version: 1
framework: {id: t, title: Test ladder, organization: O, version: "1", status: draft}
sources:
  - {id: handbook, document: Handbook}
scales:
  - id: skill
    name: Skill
    steps: [{id: basic, name: Basic}, {id: solid, name: Solid}, {id: deep, name: Deep}]
dimensions:
  - {id: scope, name: Scope}
areas:
  - id: craft
    name: Craft
    competencies:
      - {id: strategy, name: Strategy, scale: skill}
      - {id: delivery, name: Delivery, scale: skill}
tracks:
  - id: ic
    name: Individual contributor
    kind: individual-contributor
    levels:
      - id: pm
        title: Product Manager
        rank: 1
        summary: Owns one feature area.
        dimensions: {scope: One feature area.}
        expectations:
          strategy: {proficiency: basic, criteria: [Connects the roadmap to company goals.]}
          delivery: {proficiency: basic, criteria: [{text: Ships small steps., source: handbook}]}
      - id: senior
        title: Senior Product Manager
        rank: 2
        inherits: pm
        equivalents: [gpm]
        expectations:
          strategy: {proficiency: solid}
          delivery: {proficiency: solid}
  - id: mgmt
    name: Management
    kind: management
    levels:
      - id: gpm
        title: Group Product Manager
        rank: 2
        inherits: senior
        equivalents: [senior]
        expectations:
          strategy: {proficiency: deep}
assessment:
  - kind: interview-question
    prompt: Tell me about a launch you are proud of.
    levels: [pm, senior]
    competencies: [delivery]
"""
# Line numbers of BASE, for reading the expected positions below:
#  1 schema_version      18 track ic           30 level senior       42 level gpm
#  2 framework           20   kind             31   title            43   title
#  4 source handbook     22 level pm           32   rank: 2          44   rank: 2
#  6 scale skill         23   title            33   inherits: pm     45   inherits: senior
#  8   steps             24   rank: 1          34   equivalents      46   equivalents
# 10 dimension scope     25   summary          36   strategy         48   strategy
# 12 area craft          26   dimensions       37   delivery         51 prompt
# 15 strategy            28   strategy         38 track mgmt         52   levels
# 16 delivery            29   delivery                               53   competencies
# fmt: on


def add_after(line: str, *new_lines: str) -> tuple[str, str]:
    """An edit that adds ``new_lines`` after the line of BASE ending with ``line``."""
    return f"{line}\n", f"{line}\n" + "".join(f"{new}\n" for new in new_lines)


def edit(*changes: tuple[str, str]) -> str:
    """BASE with each ``(old, new)`` applied; ``old`` must occur exactly once."""
    return edited(BASE, *changes)


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1
    return findings[0]


def test_base_is_valid() -> None:
    check(BASE)


def test_every_rule_is_covered_here() -> None:
    assert set(RULES) == {
        "PMF101", "PMF102", "PMF103", "PMF104", "PMF105", "PMF106", "PMF107",
        "PMF108",  # reads source documents beside the ladder: tests/test_quotes.py
        "PMF109",  # rich text: tests/test_richtext.py
        "PMF110", "PMF111",  # schema version 2's dimension steps and points: test_v2_rules.py
        "PMF112",  # schema version 2's rank scales: test_rank_scales.py
        "PMF201", "PMF202", "PMF203",
        "PMF204",  # rich text: tests/test_richtext.py
        "PMF205",  # schema version 2's shared entries: tests/test_v2_rules.py
    }  # fmt: skip


def test_severities() -> None:
    errors = {rule_id for rule_id, rule in RULES.items() if rule.SEVERITY is Severity.ERROR}
    assert errors == {*(f"PMF10{i}" for i in range(1, 10)), "PMF110", "PMF111", "PMF112"}


# --- PMF101 duplicate-id ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "position", "kind", "first_line"),
    [
        pytest.param(
            add_after("Handbook}", "  - {id: handbook, document: Wiki}"),
            (5, 10), "source", 4, id="source",
        ),
        pytest.param(
            add_after(
                "Deep}]", "  - {id: skill, name: S, steps: [{id: a, name: A}, {id: b, name: B}]}"
            ),
            (9, 10), "scale", 6, id="scale",
        ),
        pytest.param(
            ("Deep}]", "Deep}, {id: basic, name: Again}]"),
            (8, 94), "step of scale 'skill'", 8, id="step",
        ),
        pytest.param(
            add_after("  - {id: scope, name: Scope}", "  - {id: scope, name: Reach}"),
            (11, 10), "dimension", 10, id="dimension",
        ),
        pytest.param(
            add_after("Delivery, scale: skill}", "  - {id: craft, name: Again, competencies: []}"),
            (17, 10), "area", 12, id="area",
        ),
        pytest.param(
            add_after("Delivery, scale: skill}", "      - {id: strategy, name: Vision}"),
            (17, 14), "competency", 15, id="competency",
        ),
        pytest.param(
            add_after("          strategy: {proficiency: deep}",
                      "  - {id: ic, name: Again, kind: other, levels: [{id: x, title: X, rank: 1,"
                      " inherits: pm}]}"),
            (49, 10), "track", 18, id="track",
        ),
        pytest.param(
            add_after("          strategy: {proficiency: deep}",
                      "      - id: senior",  # in the other track
                      "        title: Director",
                      "        rank: 3",
                      "        expectations:",
                      "          strategy: {proficiency: deep}",
                      "          delivery: {proficiency: deep}"),
            (49, 13), "level", 30, id="level",
        ),
        pytest.param(
            ("summary: Owns one feature area.",
             "sub_grades: [{id: pm-1, title: PM I}, {id: pm-1, title: PM II}]"),
            (25, 52), "sub-grade of level 'pm'", 25, id="sub-grade",
        ),
    ],
)  # fmt: skip
def test_duplicate_id(
    change: tuple[str, str], position: tuple[int, int], kind: str, first_line: int
) -> None:
    finding = only(check(edit(change), ("PMF101", *position)))
    assert finding.message.startswith(f"{kind} id ")
    assert finding.message.endswith(f" is used twice (see line {first_line})")


def test_same_id_in_different_kinds_or_scopes_is_not_a_duplicate() -> None:
    # A step, a dimension and a sub-grade may share an id with a level; sub-grade ids are
    # unique within their level only.
    check(
        edit(
            ("{id: deep, name: Deep}", "{id: senior, name: Deep}"),
            ("{proficiency: deep}\n", "{proficiency: senior}\n"),
            ("summary: Owns one feature area.", "sub_grades: [{id: step-1, title: PM I}]"),
            add_after("inherits: pm", "        sub_grades: [{id: step-1, title: Senior I}]"),
        )
    )


# --- PMF102 unresolved-reference --------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "position", "message"),
    [
        pytest.param(("inherits: pm", "inherits: pmm"), (33, 19),
                     "'pmm' is not a level of this ladder; did you mean 'pm'?", id="inherits"),
        pytest.param(("strategy: {proficiency: solid}", "stratgy: {proficiency: solid}"), (36, 11),
                     "'stratgy' is not a competency of this ladder; did you mean 'strategy'?",
                     id="expectation-key"),
        pytest.param(("strategy: {proficiency: solid}", "strategy: {proficiency: solod}"), (36, 35),
                     "'solod' is not a step of scale 'skill' of this ladder; did you mean 'solid'?",
                     id="proficiency"),
        pytest.param(("{scope: One", "{scop: One"), (26, 22),
                     "'scop' is not a dimension of this ladder; did you mean 'scope'?",
                     id="dimension-key"),
        pytest.param(("Strategy, scale: skill}", "Strategy, scale: skil}"), (15, 47),
                     "'skil' is not a scale of this ladder; did you mean 'skill'?",
                     id="competency-scale"),
        pytest.param(("Delivery, scale: skill}", "Delivery, scale: skill, tracks: [ic, mgnt]}"),
                     (16, 67),
                     "'mgnt' is not a track of this ladder; did you mean 'mgmt'?",
                     id="competency-tracks"),
        pytest.param(("source: handbook", "source: handbok"), (29, 88),
                     "'handbok' is not a source of this ladder; did you mean 'handbook'?",
                     id="statement-source"),
        pytest.param(("levels: [pm, senior]", "levels: [pm, senoir]"), (52, 18),
                     "'senoir' is not a level of this ladder; did you mean 'senior'?",
                     id="prompt-levels"),
        pytest.param(("competencies: [delivery]", "competencies: [delivry]"), (53, 20),
                     "'delivry' is not a competency of this ladder; did you mean 'delivery'?",
                     id="prompt-competencies"),
        pytest.param(("summary: Owns one feature area.",
                      "assessment: [{kind: other, prompt: Runs a launch., levels: [gmp]}]"),
                     (25, 69), "'gmp' is not a level of this ladder; did you mean 'gpm'?",
                     id="level-prompt-levels"),
        pytest.param(("prompt: Tell me about a launch you are proud of.",
                      "prompt: {source: wiki, text: Tell me about a launch you are proud of.}"),
                     (51, 22), "'wiki' is not a source of this ladder", id="prompt-source"),
    ],
)  # fmt: skip
def test_unresolved_reference(
    change: tuple[str, str], position: tuple[int, int], message: str
) -> None:
    assert only(check(edit(change), ("PMF102", *position))).message == message


def test_unresolved_equivalent_is_also_one_sided_from_the_other_side() -> None:
    # senior names 'gmp' (a typo): gpm still lists senior, which no longer lists gpm back.
    findings = check(
        edit(("equivalents: [gpm]", "equivalents: [gmp]")), ("PMF102", 34, 23), ("PMF105", 46, 23)
    )
    assert findings[0].message == "'gmp' is not a level of this ladder; did you mean 'gpm'?"


def test_no_hint_when_nothing_is_close() -> None:
    finding = only(check(edit(("inherits: pm", "inherits: zzzz")), ("PMF102", 33, 19)))
    assert finding.message == "'zzzz' is not a level of this ladder"


def test_proficiency_without_any_scale() -> None:
    text = """\
schema_version: 1
framework: {id: t, title: T, organization: O, version: "1", status: draft}
areas: [{id: a, name: A, competencies: [{id: c, name: C}]}]
tracks:
  - id: ic
    name: IC
    kind: other
    levels: [{id: pm, title: PM, rank: 1, expectations: {c: {proficiency: high}}}]
"""
    finding = only(check(text, ("PMF102", 8, 75)))
    assert finding.message == (
        "proficiency 'high' needs a scale: give competency 'c' a 'scale' and define 'scales'"
    )


def test_unknown_scale_is_reported_once_not_at_every_proficiency() -> None:
    check(edit(("Strategy, scale: skill}", "Strategy, scale: skil}")), ("PMF102", 15, 47))


def test_the_only_scale_needs_no_naming() -> None:
    ladder = load(edit(("Delivery, scale: skill}", "Delivery}")))
    delivery = ladder.competency("delivery")
    assert delivery is not None and delivery.scale is None
    assert ladder.scale_of(delivery) is ladder.scales[0]


def test_several_scales_need_naming() -> None:
    # With two scales, a competency without 'scale' has none, so its proficiencies dangle.
    text = edit(
        ("Delivery, scale: skill}", "Delivery}"),
        add_after(
            "Deep}]", "  - {id: other, name: O, steps: [{id: x, name: X}, {id: y, name: Y}]}"
        ),
    )  # adds line 9
    check(text, ("PMF102", 30, 35), ("PMF102", 38, 35))


# --- PMF103 rank-order ------------------------------------------------------------------------


def test_same_rank_in_a_track() -> None:
    text = edit(("rank: 2\n        inherits: pm", "rank: 1\n        inherits: pm"))
    finding = only(check(text, ("PMF103", 32, 15)))
    assert "'senior' has the same rank as 'pm'" in finding.message
    assert finding.message.endswith("(see line 24)")


def test_lower_rank_after_a_higher_one() -> None:
    text = edit(("rank: 2\n        inherits: pm", "rank: 0.5\n        inherits: pm"))
    finding = only(check(text, ("PMF103", 32, 15)))
    assert "a lower rank than 'pm' listed before it (0.5 after 1)" in finding.message


def test_equal_ranks_in_different_tracks_and_fractional_ranks_are_fine() -> None:
    check(edit(("rank: 2\n        inherits: pm", "rank: 1.5\n        inherits: pm")))


# --- PMF104 inheritance-cycle -----------------------------------------------------------------


def test_two_levels_inherit_each_other() -> None:
    text = edit(("summary: Owns one feature area.", "inherits: senior"))
    finding = only(check(text, ("PMF104", 25, 19)))
    assert finding.message == "inheritance cycle: pm → senior → pm"


def test_level_inherits_itself() -> None:
    finding = only(check(edit(("inherits: pm", "inherits: senior")), ("PMF104", 33, 19)))
    assert finding.message == "inheritance cycle: senior → senior"


def test_cycle_reached_from_outside_is_reported_on_the_cycle() -> None:
    # pm → senior → gpm → senior: pm only leads into the cycle, so it is not the culprit.
    text = edit(
        ("summary: Owns one feature area.", "inherits: senior"), ("inherits: pm", "inherits: gpm")
    )
    finding = only(check(text, ("PMF104", 33, 19)))
    assert finding.message == "inheritance cycle: senior → gpm → senior"


# --- PMF105 equivalence-mismatch --------------------------------------------------------------


def test_one_sided_equivalence() -> None:
    finding = only(check(edit(("equivalents: [senior]", "equivalents: []")), ("PMF105", 34, 23)))
    assert "'senior' lists 'gpm' as equivalent, but 'gpm' does not list 'senior'" in finding.message
    assert finding.message.endswith("(see line 42)")


def test_equivalent_in_the_same_track() -> None:
    findings = check(
        edit(("equivalents: [gpm]", "equivalents: [pm]")), ("PMF105", 34, 23), ("PMF105", 46, 23)
    )
    assert "'pm' is in the same track 'ic' as 'senior'" in findings[0].message
    assert "'gpm' lists 'senior' as equivalent, but 'senior' does not" in findings[1].message


# --- PMF106 proficiency-decrease --------------------------------------------------------------


def test_proficiency_decreases_up_a_track() -> None:
    text = edit(("{proficiency: basic, criteria: [Con", "{proficiency: deep, criteria: [Con"))
    finding = only(check(text, ("PMF106", 36, 35)))
    assert finding.message == (
        "'strategy' at 'senior' expects 'solid', below 'deep' at 'pm' lower in track 'ic'"
    )


def test_equal_or_inherited_proficiency_is_no_decrease() -> None:
    check(edit(("strategy: {proficiency: solid}", "strategy: {proficiency: basic}")))
    ladder = load(edit(("          strategy: {proficiency: solid}\n", "          # as at pm\n")))
    assert "strategy" not in ladder.levels[1].expectations


def test_decrease_is_judged_per_track() -> None:
    # gpm (management) may expect less than senior (IC) expects: they are in different tracks.
    check(edit(("strategy: {proficiency: deep}", "strategy: {proficiency: basic}")))


# --- PMF107 duplicate-title -------------------------------------------------------------------


def test_title_used_twice_in_a_track_ignoring_case() -> None:
    text = edit(("title: Senior Product Manager", "title: product  MANAGER"))
    finding = only(check(text, ("PMF107", 31, 16)))
    assert finding.message == "title 'product  MANAGER' already names level 'pm' in track 'ic'"


def test_alternative_title_clashes_with_a_later_title() -> None:
    text = edit(
        ("summary: Owns one feature area.", "alternative_titles: [PM, Senior product manager]")
    )
    finding = only(check(text, ("PMF107", 31, 16)))
    assert "already names level 'pm'" in finding.message


def test_same_title_in_another_track_is_fine() -> None:
    check(edit(("title: Group Product Manager", "title: Senior Product Manager")))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Produkt-Managerin Café", "Produkt-Managerin Cafe\u0301"),  # NFC and NFD
        ("Product Manager", "Product\u200b Manager"),  # a zero-width space
        ("Product Manager", "Pro\u00adduct Manager"),  # a soft hyphen
        ("Product Manager", "Product\u00a0Manager"),  # a no-break space
        ("Profile Manager", "Pro\ufb01le Manager"),  # a ligature
    ],
    ids=["nfd", "zero-width-space", "soft-hyphen", "no-break-space", "ligature"],
)
def test_titles_that_read_the_same_are_the_same(first: str, second: str) -> None:
    text = edit(
        ("title: Product Manager", f'title: "{first}"'),
        ("title: Senior Product Manager", f'title: "{second}"'),
    )
    finding = only(check(text, ("PMF107", 31, 16)))
    assert "already names level 'pm'" in finding.message


# --- PMF201 missing-expectation ---------------------------------------------------------------


def test_level_expects_nothing_of_a_competency() -> None:
    # adds line 17; gpm moves to line 43
    text = edit(
        add_after("Delivery, scale: skill}", "      - {id: hiring, name: Hiring, tracks: [mgmt]}")
    )
    finding = only(check(text, ("PMF201", 43, 13)))
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "level 'gpm' expects nothing of competency, even after inheritance: 'hiring'"
    )


def test_without_inheritance_a_level_misses_what_it_does_not_write() -> None:
    text = edit(
        ("inherits: pm\n", "summary: Sets strategy.\n"),
        ("          delivery: {proficiency: solid}\n", ""),
    )
    # gpm, which inherits senior, misses it too.
    findings = check(text, ("PMF201", 30, 13), ("PMF201", 41, 13))
    assert all(f.message.endswith("even after inheritance: 'delivery'") for f in findings)


def test_inherited_and_scoped_expectations_are_not_missing() -> None:
    # senior inherits delivery from pm; hiring applies to mgmt only, where gpm expects it.
    check(
        edit(
            ("          delivery: {proficiency: solid}\n", "          # delivery as at pm\n"),
            add_after(
                "Delivery, scale: skill}", "      - {id: hiring, name: Hiring, tracks: [mgmt]}"
            ),
            add_after(
                "strategy: {proficiency: deep}", "          hiring: {criteria: [Hires well.]}"
            ),
        )
    )


# --- PMF202 placeholder-text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "position"),
    [
        pytest.param(("Owns one", "TODO write the"), (25, 18), id="statement"),
        pytest.param(("title: Product Manager", "title: PM TBD"), (23, 16), id="level-title"),
        pytest.param(("name: Craft", "name: Lorem ipsum"), (13, 11), id="area-name"),
        pytest.param(("name: Delivery,", "name: FIXME,"), (16, 30), id="competency-name"),
        pytest.param(("name: Management", "name: XXX"), (39, 11), id="track-name"),
        pytest.param(("title: Test ladder", "title: TBC"), (2, 27), id="framework-title"),
    ],
)  # fmt: skip
def test_placeholder(change: tuple[str, str], position: tuple[int, int]) -> None:
    finding = only(check(edit(change), ("PMF202", *position)))
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("placeholder ")


def test_placeholder_words_in_ordinary_prose_are_fine() -> None:
    check(edit(("Owns one feature area.", "Keeps a todo list; rates ideas from x to xxx.")))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["todo", "TODO", "Tbd", "fixme", "XXX", "lorem", "Lorem ipsum", "x", "İ"])
        | st.text(alphabet="abdeilmopstxzIO. -_", max_size=6),
        max_size=6,
    ).map("".join)
)
def test_placeholders_are_found_as_the_regex_alone_finds_them(text: str) -> None:
    # The substring test that rules texts out first must never hide a match.
    def by_regex(text: str) -> str | None:
        for match in placeholder_text._PLACEHOLDER.finditer(text):
            word = match.group(0)
            if word.casefold() in placeholder_text._UPPER_ONLY and word != word.upper():
                continue
            return word
        return None

    assert placeholder_text._find(text) == by_regex(text)


# --- PMF203 copied-text -----------------------------------------------------------------------


def test_text_copied_to_a_higher_level() -> None:
    copy = "criteria: [connects the roadmap to company  goals.]"
    text = edit(("strategy: {proficiency: solid}", f"strategy: {{proficiency: solid, {copy}}}"))
    finding = only(check(text, ("PMF203", 36, 53)))
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "the same text is written at level 'pm'; let 'senior' inherit it instead of copying it "
        "(see line 28)"
    )


def test_short_texts_and_repeats_within_a_level_are_not_copies() -> None:
    check(
        edit(
            ("Owns one feature area.", "Ships small steps."),
            ("strategy: {proficiency: solid}", "strategy: {proficiency: solid, criteria: [Yes.]}"),
            ("delivery: {proficiency: solid}", "delivery: {proficiency: solid, criteria: [Yes.]}"),
        )
    )


# --- PMF001 schema and PMF002 schema-version --------------------------------------------------


def test_unknown_key_is_reported_at_the_key() -> None:
    finding = only(check(edit(("summary: Owns", "sumary: Owns")), ("PMF001", 25, 9)))
    assert finding.message.startswith("unknown key 'sumary'; did you mean 'summary'? (keys here: ")
    assert "dimensions" in finding.message


def test_a_misspelt_key_in_an_expectation_is_one_error() -> None:
    # Not also "an expectation needs at least one of ...": the misspelling is the one mistake.
    text = edit(("{proficiency: basic, criteria: [Con", "{critera: [Con"))
    finding = only(check(text, ("PMF001", 28, 22)))
    assert finding.message.startswith("unknown key 'critera'; did you mean 'criteria'?")


def test_an_unknown_key_with_nothing_close_lists_the_keys() -> None:
    finding = only(check(edit(("summary: Owns", "zzz: Owns")), ("PMF001", 25, 9)))
    assert finding.message.startswith("unknown key 'zzz'; expected one of: ")


def test_x_keys_are_free_for_company_data() -> None:
    check(edit(("summary: Owns", "x-internal-code: 7\n        summary: Owns")))


def test_missing_required_key() -> None:
    finding = only(check(edit(("rank: 1\n", "# no rank\n")), ("PMF001", 22, 9)))
    assert finding.message == "missing required key 'rank'"
    finding = only(check(edit((", status: draft}", "}")), ("PMF001", 2, 1)))
    assert finding.message == "missing required key 'status'"


def test_each_missing_key_is_reported_once() -> None:
    text = edit((', version: "1", status: draft}', "}"))
    findings = check(text, ("PMF001", 2, 1), ("PMF001", 2, 1))
    assert sorted(f.message for f in findings) == [
        "missing required key 'status'",
        "missing required key 'version'",
    ]


def test_bad_id_pattern() -> None:
    finding = only(check(edit(("id: pm\n", "id: product manager\n")), ("PMF001", 22, 13)))
    assert finding.message.startswith("'product manager' is not a valid id")


def test_bad_id_as_a_mapping_key_is_reported_at_the_key() -> None:
    text = edit(("strategy: {proficiency: solid}", "strat egy: {proficiency: solid}"))
    finding = only(check(text, ("PMF001", 36, 11)))
    assert finding.message.startswith("'strat egy' is not a valid id")


def test_wrong_enum() -> None:
    text = edit(("kind: individual-contributor", "kind: individual"))
    finding = only(check(text, ("PMF001", 20, 11)))
    assert "'individual' is not one of" in finding.message


def test_wrong_type() -> None:
    check(edit(("rank: 1\n", "rank: first\n")), ("PMF001", 24, 15))


def test_statement_of_the_wrong_shape() -> None:
    text = edit(("summary: Owns one feature area.", "summary: [Owns, one]"))
    finding = only(check(text, ("PMF001", 25, 18)))
    assert finding.message == "expected a text, or a mapping with 'text' (and source, quote)"


def test_schema_errors_stop_the_semantic_rules() -> None:
    # A dangling inherits would be PMF102, but the schema error comes first and alone.
    text = edit(("rank: 1\n", "rank: first\n"), ("inherits: pm", "inherits: zz"))
    check(text, ("PMF001", 24, 15))


def test_unknown_schema_version() -> None:
    finding = only(check(edit(("schema_version: 1", "schema_version: 3")), ("PMF002", 1, 17)))
    assert finding.message.startswith("schema_version 3 is not one this pmframework knows (1, 2)")


def test_missing_schema_version_points_at_the_top_mapping() -> None:
    finding = only(check(edit(("schema_version: 1\n", "# no version\n")), ("PMF002", 2, 1)))
    assert finding.message == "missing schema_version; add 'schema_version: 2'"


def test_boolean_schema_version() -> None:
    check(edit(("schema_version: 1", "schema_version: true")), ("PMF002", 1, 17))


# --- YAML 1.1 surprises -----------------------------------------------------------------------


def test_yaml_1_1_surprises_mean_what_the_person_wrote() -> None:
    ladder = load(
        """\
schema_version: 1
framework:
  id: t
  title: no
  organization: on
  version: 1.10
  status: draft
  effective_date: 2025-01-31
  description: {text: Written by us., editorial: yes}
tracks:
  - id: 2024
    name: 1.0
    kind: other
    levels: [{id: 007, title: 1e3, rank: 1}]
"""
    )
    framework = ladder.framework
    assert (framework.title, framework.organization, framework.version) == ("no", "on", "1.10")
    assert framework.effective_date == "2025-01-31"
    assert framework.description is not None and framework.description.editorial is True
    track = ladder.tracks[0]
    assert (track.id, track.name) == ("2024", "1.0")
    assert (track.levels[0].id, track.levels[0].title, track.levels[0].rank) == ("007", "1e3", 1)


def test_editorial_no_is_false_and_other_texts_are_not_booleans() -> None:
    ladder = load(edit(("Owns one feature area.", "{text: Owns one area., editorial: off}")))
    summary = ladder.levels[0].summary
    assert summary is not None and summary.editorial is False
    check(
        edit(("Owns one feature area.", "{text: Owns one feature area., editorial: maybe}")),
        ("PMF001", 25, 60),
    )


def test_numbers_stay_numbers_where_the_schema_wants_numbers() -> None:
    ladder = load(edit(("rank: 2\n        inherits: pm", "rank: 2.5\n        inherits: pm")))
    assert [level.rank for level in ladder.levels] == [1, 2.5, 2]
    check(edit(("rank: 1\n", 'rank: "1"\n')), ("PMF001", 24, 15))


def test_checking_leaves_the_loaded_data_unchanged() -> None:
    # Plain scalars meant as text (1.10, 2024) are read as text by the check, in a copy: the
    # loaded data, aliased subtrees included, stays what the file says.
    text = edit(
        ('version: "1"', "version: 1.10"),
        ("dimensions: {scope: One feature area.}", "dimensions: &dims {scope: 2024}"),
        add_after("        inherits: pm", "        dimensions: *dims"),
    )
    document = parse_document("test.yaml", text)
    before = copy.deepcopy(document.data)
    levels = document.data["tracks"][0]["levels"]
    assert levels[0]["dimensions"] is levels[1]["dimensions"]

    findings, ladder = check_loaded(document, RULES.values())

    assert findings == []
    assert ladder is not None
    assert ladder.framework.version == "1.10"
    assert ladder.tracks[0].levels[0].dimensions["scope"].text == "2024"
    assert document.data == before
    assert document.data["framework"]["version"] == 1.1
    assert levels[0]["dimensions"]["scope"] == 2024
    assert levels[0]["dimensions"] is levels[1]["dimensions"]
