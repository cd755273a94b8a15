"""Dimensions carried up by ``inherits`` (schema version 2): a dimension that says
``inherited: true`` shows, at a level that gives no value for it, the value of the level it
inherits from, and every reader of the model (rules, render, diff) sees that same value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result as CliResult
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_cases import check, edited, load

from pmframework import render
from pmframework.model import ladder_from_data

RunCli = Callable[..., CliResult]

# fmt: off
BASE = """\
schema_version: 2
framework: {id: t, title: Test ladder, organization: O, version: "1", status: draft}
scales:
  - id: reach
    name: Reach
    steps: [{id: task, name: Task}, {id: team, name: Team}, {id: group, name: Group}]
dimensions:
  - {id: scope, name: Scope, scale: reach, inherited: true}
  - {id: title, name: Typical title}
competencies:
  - {id: delivery, name: Delivery}
tracks:
  - id: ic
    name: Engineering
    kind: individual-contributor
    levels:
      - id: e1
        rank: 1
        dimensions:
          scope: {step: task, text: Well-defined tasks in one codebase.}
          title: Junior software engineer
        expectations: {delivery: {criteria: [Finishes what they pick up.]}}
      - id: e2
        rank: 2
        inherits: e1
        dimensions: {scope: {step: team, text: The systems their team owns.}}
      - id: e3
        rank: 3
        inherits: e2
"""
# Line numbers of BASE: 8 scope, 9 title, 17 e1, 20 e1 scope, 21 e1 title, 23 e2, 25 e2 inherits,
# 26 e2 dimensions, 27 e3, 29 e3 inherits.
# fmt: on

# e2's scope, as written at e2 (to copy it to e3).
E2_SCOPE = "        dimensions: {scope: {step: team, text: The systems their team owns.}}\n"
ENGINEERING = EXAMPLES / "valid" / "v2" / "engineering-scales.yaml"


def shown(text: str, level_id: str) -> dict[str, tuple[str, str | None, str, bool]]:
    ladder = load(text)
    level = ladder.level(level_id)
    assert level is not None
    return {
        d: (v.statement.text, v.step, v.level, v.inherited)
        for d, v in ladder.inheritance.dimensions(level).items()
    }


def test_a_level_that_states_no_value_shows_the_one_it_inherits() -> None:
    assert shown(BASE, "e3") == {"scope": ("The systems their team owns.", "team", "e2", True)}
    # Nearest first: e2 states its own scope, which replaces e1's; the typical title is not
    # inherited, so it stays at e1.
    assert shown(BASE, "e2") == {"scope": ("The systems their team owns.", "team", "e2", False)}
    assert shown(BASE, "e1")["title"] == ("Junior software engineer", None, "e1", False)


def test_dimensions_carry_up_only_where_the_ladder_says_so() -> None:
    # Without the opt-in, a ladder means what it meant before: a level shows what it writes.
    plain = edited(BASE, (", inherited: true}", "}"))
    assert shown(plain, "e3") == {}
    assert shown(plain, "e2") == {"scope": ("The systems their team owns.", "team", "e2", False)}


def test_a_copy_of_an_inherited_value_is_reported_with_advice_that_works() -> None:
    copied = edited(
        BASE,
        (
            "        inherits: e2\n",
            "        inherits: e2\n" + E2_SCOPE,
        ),
    )
    findings = check(copied, ("PMF203", 30, 29))
    assert findings[0].message == (
        "the same text is written at level 'e2'; 'e3' inherits its 'scope' from there: "
        "delete this copy (see line 26)"
    )
    # Deleting the copy, as advised, leaves nothing to report and the value still shown.
    check(BASE)
    assert shown(BASE, "e3")["scope"][0] == "The systems their team owns."


def test_a_copy_of_a_dimension_that_does_not_carry_up_says_how_to_make_it() -> None:
    copied = edited(
        BASE,
        (
            "        inherits: e1\n",
            "        inherits: e1\n        dimensions:\n"
            + "          title: Junior software engineer\n",
        ),
    )
    copied = edited(
        copied,
        (
            E2_SCOPE,
            "          scope: {step: team, text: The systems their team owns.}\n",
        ),
    )
    findings = check(copied, ("PMF203", 27, 18))
    assert "give dimension 'title' 'inherited: true' and delete this copy" in findings[0].message


def test_a_version_1_ladder_keeps_its_advice() -> None:
    v1 = """\
schema_version: 1
framework: {id: t, title: Test ladder, organization: O, version: "1", status: draft}
dimensions: [{id: title, name: Typical title}]
areas: [{id: a, name: A, competencies: [{id: delivery, name: Delivery}]}]
tracks:
  - id: ic
    name: Engineering
    kind: individual-contributor
    levels:
      - id: e1
        title: Engineer I
        rank: 1
        dimensions: {title: Junior software engineer}
        expectations: {delivery: {criteria: [Finishes what they pick up.]}}
      - id: e2
        title: Engineer II
        rank: 2
        inherits: e1
        dimensions: {title: Junior software engineer}
"""
    findings = check(v1, ("PMF203", 19, 29))
    assert findings[0].message.endswith("let 'e2' inherit it instead of copying it (see line 13)")


def test_an_inherited_step_counts_where_it_shows() -> None:
    # e3 inherits e1 (not e2): it shows e1's scope, a lower step than e2's just below it.
    text = edited(BASE, ("        inherits: e2\n", "        inherits: e1\n"))
    findings = check(text, ("PMF110", 29, 19))
    assert findings[0].message == (
        "'scope' at 'e3' is 'task' (inherited from 'e1'), below 'team' at 'e2' lower in track 'ic'"
    )


def test_render_marks_an_inherited_value_in_html_and_markdown() -> None:
    ladder = load(BASE)
    html = render.render_html(ladder)
    assert "Well-defined tasks" in html
    start = html.index('id="level-e3"')
    section = html[start : html.index("</section>", start)]
    assert "The systems their team owns." in section
    assert '<span class="inherited-note">inherited from <a href="#level-e2">' in section
    markdown = render.render_markdown(ladder)
    assert (
        "- **Scope**: *Team* (2/3): The systems their team owns. ↑ *Inherited from [Level 2]"
        in markdown
    )


def test_diff_compares_what_a_reader_sees(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    # e2's scope reworded: e3, which shows it, changes too.
    new.write_text(edited(BASE, ("The systems their team owns.", "The systems their team runs.")))
    out = run_cli("diff", str(old), str(new)).stdout
    assert "Level 3 (e3) — changed" in out
    assert out.count("dimensions.scope: The systems their team [-owns-]{+runs+}.") == 2, out
    # The same words stated instead of inherited: only where the value comes from changes.
    new.write_text(
        edited(
            BASE,
            (
                "        inherits: e2\n",
                "        inherits: e2\n" + E2_SCOPE,
            ),
        ),
        encoding="utf-8",
    )
    out = run_cli("diff", str(old), str(new)).stdout
    assert "dimensions.scope.inherited_from removed: [-e2-]" in out
    assert "dimensions.scope:" not in out


def test_the_engineering_example_inherits_scope_but_not_the_typical_title() -> None:
    ladder = load(ENGINEERING.read_text(encoding="utf-8"))
    m4 = ladder.level("m4")
    assert m4 is not None
    values = ladder.inheritance.dimensions(m4)
    assert values["scope"].level == "m3" and values["scope"].inherited
    assert values["autonomy"].level == "m3"
    assert "typical-title" not in values


# --- any chain of levels ---------------------------------------------------------------------


def _chain(values: list[str | None], inherited: bool) -> dict[str, Any]:
    levels: list[dict[str, Any]] = []
    for i, value in enumerate(values):
        level: dict[str, Any] = {"id": f"l{i}", "rank": i + 1}
        if i:
            level["inherits"] = f"l{i - 1}"
        if value is not None:
            level["dimensions"] = {"scope": value}
        levels.append(level)
    return {
        "schema_version": 2,
        "framework": yaml.safe_load(BASE)["framework"],
        "dimensions": [{"id": "scope", "name": "Scope", "inherited": inherited}],
        "tracks": [{"id": "t", "name": "T", "kind": "other", "levels": levels}],
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.sampled_from(["A team.", "Two teams.", "An area."])),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_each_level_shows_the_nearest_value_on_its_chain(
    values: list[str | None], inherited: bool
) -> None:
    ladder = ladder_from_data(_chain(values, inherited))
    for i, level in enumerate(ladder.levels):
        got = ladder.inheritance.dimensions(level).get("scope")
        stated = [(j, v) for j, v in enumerate(values[: i + 1]) if v is not None]
        if values[i] is not None:
            assert got is not None and (got.statement.text, got.inherited) == (values[i], False)
        elif inherited and stated:
            j, text = stated[-1]
            assert got is not None and (got.statement.text, got.level, got.inherited) == (
                text,
                f"l{j}",
                True,
            )
        else:
            assert got is None
