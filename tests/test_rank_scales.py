"""Ranks on more than one scale (schema version 2's ``rank_scale``): tracks numbered on their
own scales are related only through their levels' equivalents, by the ladder at a glance, the
rules and diff's level alignment alike."""

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
from pmframework.diff.align_levels import declared_places, place_levels
from pmframework.model import ladder_from_data
from pmframework.model.rank_scales import place_tracks
from pmframework.render.context import build_context

RunCli = Callable[..., CliResult]
ENGINEERING = EXAMPLES / "valid" / "v2" / "engineering-scales.yaml"

# fmt: off
BASE = """\
schema_version: 2
framework: {id: t, title: Test ladder, organization: O, version: "1", status: draft}
competencies:
  - {id: delivery, name: Delivery}
tracks:
  - id: ic
    name: Engineering
    kind: individual-contributor
    levels:
      - {id: ic1, title: Engineer, rank: 1, expectations: {delivery: {criteria: [Ships.]}}}
      - {id: ic2, title: Staff Engineer, rank: 2, inherits: ic1, equivalents: [m1]}
      - {id: ic3, title: Principal Engineer, rank: 3, inherits: ic2, equivalents: [m2]}
  - id: management
    name: Management
    kind: management
    rank_scale: management
    levels:
      - {id: m1, title: M1, rank: 1, equivalents: [ic2], expectations: {delivery: {criteria: [L.]}}}
      - {id: m2, title: M2, rank: 2, inherits: m1, equivalents: [ic3]}
"""
# Line numbers of BASE: 11 ic2, 12 ic3, 18 m1, 19 m2.
# fmt: on


def glance(text: str) -> list[tuple[str, list[list[str]]]]:
    """The ladder at a glance as (rank label, level ids per track) rows, highest first."""
    view = build_context(load(text)).ladder
    return [(r.label, [[lv.id for lv in cell] for cell in r.cells]) for r in view.rungs]


def test_a_track_on_its_own_scale_stands_beside_its_equivalents() -> None:
    # Before rank scales, M1 (rank 1) sat beside Engineer (rank 1), which it is not.
    assert glance(BASE) == [
        ("3", [["ic3"], ["m2"]]),
        ("2", [["ic2"], ["m1"]]),
        ("1", [["ic1"], []]),
    ]


def test_a_level_without_an_equivalent_gets_a_row_of_its_own() -> None:
    text = edited(
        BASE,
        (
            "equivalents: [ic3]}",
            "equivalents: [ic3]}\n      - {id: m3, title: M3, rank: 3, inherits: m2}",
        ),
    )
    rows = glance(text)
    # Above Principal Engineer, beside no level of the first scale, with no rank of it.
    assert rows[0] == ("", [[], ["m3"]])
    assert rows[1] == ("3", [["ic3"], ["m2"]])


def test_a_scale_that_names_no_equivalent_is_shown_apart() -> None:
    text = edited(BASE, ("equivalents: [m1]}", "}"), ("equivalents: [m2]}", "}"))
    text = edited(text, (", equivalents: [ic2], expectations", ", expectations"))
    text = edited(text, ("inherits: m1, equivalents: [ic3]}", "inherits: m1}"))
    view = build_context(load(text)).ladder
    assert [t.id for t in view.tracks] == ["ic"]
    assert [([t.id for t in v.tracks], v.scale) for v in view.separate] == [
        (["management"], "management")
    ]
    assert [r.label for r in view.separate[0].rungs] == ["2", "1"]
    html = render.render_html(load(text))
    assert "Management numbers its\n    ranks on a separate scale (management)" in html
    markdown = render.render_markdown(load(text))
    assert "Management numbers its ranks on a separate scale (management)" in markdown
    assert markdown.count("| Rank |") == 2


def test_one_scale_keeps_the_ladder_at_a_glance_as_it_was() -> None:
    text = edited(BASE, ("    rank_scale: management\n", ""))
    assert glance(text)[-1] == ("1", [["ic1"], ["m1"]])
    assert build_context(load(text)).ladder.separate == ()


def test_crossed_equivalences_between_scales_are_an_error() -> None:
    crossed = edited(
        BASE,
        ("inherits: ic1, equivalents: [m1]}", "inherits: ic1, equivalents: [m2]}"),
        ("inherits: ic2, equivalents: [m2]}", "inherits: ic2, equivalents: [m1]}"),
    )
    crossed = edited(crossed, ("rank: 1, equivalents: [ic2]", "rank: 1, equivalents: [ic3]"))
    crossed = edited(
        crossed, ("inherits: m1, equivalents: [ic3]", "inherits: m1, equivalents: [ic2]")
    )
    findings = check(crossed, ("PMF112", 12, 84))
    assert findings[0].message == (
        "'ic3' is above 'ic2' in its track but equivalent to 'm1', below 'm2' that 'ic2' is "
        "equivalent to; equivalences between tracks keep their order (see line 11)"
    )
    # On one scale, ranks order the tracks already: not this rule's to say.
    check(edited(crossed, ("    rank_scale: management\n", "")))


def test_diff_places_a_level_by_its_equivalent_not_by_another_scales_number() -> None:
    ladder = load(BASE)
    places = place_levels(ladder, declared_places(ladder))
    # M1's title says nothing; its rank 1 is on another scale: it sits where Staff Engineer does.
    assert (places["m1"].how, places["m1"].low) == ("equivalent", places["ic2"].low)
    assert places["m2"].low == places["ic3"].low
    alone = edited(BASE, ("equivalents: [m1]}", "}"), ("equivalents: [m2]}", "}"))
    alone = edited(alone, (", equivalents: [ic2], expectations", ", expectations"))
    alone = edited(alone, ("inherits: m1, equivalents: [ic3]}", "inherits: m1}"))
    ladder = load(alone)
    places = place_levels(ladder, declared_places(ladder))
    assert places["m1"].how == "unplaced"
    assert places["m1"].gap(places["m1"]) >= 1.5  # pairs with nothing, not even its like


def test_the_engineering_example_at_a_glance() -> None:
    view = build_context(load(ENGINEERING.read_text(encoding="utf-8"))).ladder
    rows = {r.label: [[lv.id for lv in cell] for cell in r.cells] for r in view.rungs if r.label}
    assert rows["4"] == [["ic4"], ["m1"]]
    assert rows["5"] == [["ic5"], ["m2"]]
    assert view.by_equivalents == ("Engineering management",)
    assert [v.scale for v in view.separate] == ["devrel"]


def test_a_version_1_ladder_cannot_say_rank_scale() -> None:
    v1 = (EXAMPLES / "valid" / "acme-small.yaml").read_text(encoding="utf-8")
    assert "schema_version: 1" in v1
    text = v1.replace(
        "    kind: individual-contributor\n",
        "    kind: individual-contributor\n    rank_scale: ic\n",
        1,
    )
    findings = check(text, *_schema_errors(text))
    assert "rank_scale" in findings[0].message


def _schema_errors(text: str) -> list[tuple[str, int, int]]:
    line = text.splitlines().index("    rank_scale: ic") + 1
    return [("PMF001", line, 5)]


# --- any track on another scale --------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_no_row_pairs_levels_that_no_equivalence_pairs(data: st.DataObject) -> None:
    ic = data.draw(st.integers(min_value=1, max_value=7))
    management = data.draw(st.integers(min_value=1, max_value=5))
    # Order-keeping equivalences: an increasing choice of IC levels for some managers.
    chosen = sorted(data.draw(st.sets(st.integers(1, management), max_size=min(ic, management))))
    targets = sorted(
        data.draw(st.sets(st.integers(1, ic), min_size=len(chosen), max_size=len(chosen)))
    )
    pairs = dict(zip(chosen, targets, strict=True))
    ladder = ladder_from_data(_ladder(ic, management, pairs))
    view = build_context(ladder).ladder
    rows = [[[lv.id for lv in cell] for cell in r.cells] for r in view.rungs]
    if not pairs:
        assert view.separate and all(not cells[1:] for cells in rows)
        return
    for cells in rows:
        for m in cells[1]:
            for i in cells[0]:
                assert pairs.get(int(m[1:])) == int(i[2:]), (i, m)
    # The management track reads from its lowest level up, as its ranks say.
    order = [m for cells in reversed(rows) for m in cells[1]]
    assert order == [f"m{k}" for k in range(1, management + 1)]


def _ladder(ic: int, management: int, pairs: dict[int, int]) -> dict[str, Any]:
    back = {i: m for m, i in pairs.items()}
    return {
        "schema_version": 2,
        "framework": yaml.safe_load(BASE)["framework"],
        "tracks": [
            {
                "id": "ic",
                "name": "IC",
                "kind": "individual-contributor",
                "levels": [
                    {
                        "id": f"ic{k}",
                        "rank": k,
                        **({"equivalents": [f"m{back[k]}"]} if k in back else {}),
                    }
                    for k in range(1, ic + 1)
                ],
            },
            {
                "id": "m",
                "name": "M",
                "kind": "management",
                "rank_scale": "management",
                "levels": [
                    {
                        "id": f"m{k}",
                        "rank": k,
                        **({"equivalents": [f"ic{pairs[k]}"]} if k in pairs else {}),
                    }
                    for k in range(1, management + 1)
                ],
            },
        ],
    }


def test_diff_reads_bars_on_one_axis_across_scales(run_cli: RunCli, tmp_path: Path) -> None:
    ladder = load(ENGINEERING.read_text(encoding="utf-8"))
    positions = place_tracks(ladder.tracks).positions
    # People management starts at M1, which stands where Staff Engineer (IC4) does, not at 1.
    assert positions["m1"] == positions["ic4"] == 4
    assert "dr1" not in positions  # developer relations: a scale apart
    other = tmp_path / "other.yaml"
    other.write_text(
        ENGINEERING.read_text(encoding="utf-8").replace("id: osprey-engineering", "id: kite-eng"),
        encoding="utf-8",
    )
    result = run_cli("diff", "--mode", "companies", str(ENGINEERING), str(other))
    assert result.exit_code == 1, result.stderr  # two ladders: they differ (in their ids)
    assert "12 of 12 levels aligned, 4 of 4 competencies aligned, 0 bars differ" in result.stdout
    # The crosswalk reads by seniority: Engineering Manager after Staff Engineer, its equal.
    ids = [
        line.split("(")[1].split(",")[0] for line in result.stdout.splitlines() if ", rank " in line
    ]
    assert ids.index("m1") == ids.index("ic4") + 1


def test_a_bar_difference_names_each_level_by_its_own_rank(run_cli: RunCli) -> None:
    # Tanager's Product Manager is rank 1, but is compared where it stands against Osprey's
    # levels; the line must not call it rank 2 beside an Osprey level of rank 1.
    other = EXAMPLES / "valid" / "v2" / "gitlab-style.yaml"
    theirs = load(other.read_text(encoding="utf-8"))
    result = run_cli("diff", "--format", "text", str(ENGINEERING), str(other))
    bars = [line for line in result.stdout.splitlines() if " only from " in line]
    assert bars, result.stdout
    for line in bars:
        later = line.split(" only from ")[1]
        level_id = later.split("(")[1].split(",")[0]
        own = theirs.level(level_id) if level_id in {lv.id for lv in theirs.levels} else None
        if own is not None:
            assert f"({level_id}, rank {own.rank:g}" in later, line
