"""Properties of version 2's composition: a shared statement stands at exactly the levels its
``applies_to`` names, and a layer that adds nothing leaves its base as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmframework.check.engine import load_ladder
from pmframework.model import ladder_from_data
from pmframework.model.provenance import without_provenance
from pmframework.resources import BUILTIN_PREFIX, builtin_names

LEVELS = {"ic": [("pm", 1), ("senior", 2), ("principal", 3)], "mgmt": [("gpm", 3), ("vp", 5)]}
STATEMENT = "Sets the direction of a product area."


def _data(applies_to: dict[str, object]) -> dict[str, object]:
    return {
        "schema_version": 2,
        "framework": {
            "id": "t",
            "title": "T",
            "organization": "O",
            "version": "1",
            "status": "draft",
        },
        "competencies": [{"id": "strategy", "name": "Strategy"}],
        "tracks": [
            {
                "id": track,
                "name": track,
                "kind": "individual-contributor",
                "levels": [{"id": i, "rank": rank} for i, rank in levels],
            }
            for track, levels in LEVELS.items()
        ],
        "shared": [{"competency": "strategy", "applies_to": applies_to, "criteria": [STATEMENT]}],
    }


ALL_LEVELS = [(track, level, rank) for track, levels in LEVELS.items() for level, rank in levels]


@settings(max_examples=60, deadline=None)
@given(
    levels=st.none() | st.lists(st.sampled_from([lv for _, lv, _ in ALL_LEVELS]), unique=True),
    tracks=st.none() | st.lists(st.sampled_from(list(LEVELS)), unique=True),
    min_rank=st.none() | st.integers(0, 6),
)
def test_a_shared_statement_stands_at_exactly_the_levels_it_names(
    levels: list[str] | None, tracks: list[str] | None, min_rank: int | None
) -> None:
    applies_to = {
        key: value
        for key, value in (("levels", levels), ("tracks", tracks), ("min_rank", min_rank))
        if value is not None
    }
    if not applies_to:
        applies_to = {"min_rank": 0}
    ladder = ladder_from_data(_data(applies_to))
    expected = {
        level
        for track, level, rank in ALL_LEVELS
        if (levels is None or level in levels)
        and (tracks is None or track in tracks)
        and (min_rank is None or rank >= min_rank)
    }
    found = {
        lv.id
        for lv in ladder.levels
        if "strategy" in lv.expectations
        and [s.text for s in lv.expectations["strategy"].criteria] == [STATEMENT]
    }
    assert found == expected


@pytest.mark.parametrize("name", builtin_names())
def test_a_layer_that_adds_nothing_leaves_its_base_as_it_was(name: str, tmp_path: Path) -> None:
    base = load_ladder(BUILTIN_PREFIX + name)
    overlay = tmp_path / "ours.yaml"
    framework = base.framework
    overlay.write_text(
        f"schema_version: 2\nextends: {BUILTIN_PREFIX}{name}\n"
        f"framework: {{id: {framework.id}, title: '{framework.title}', "
        f"organization: '{framework.organization}', version: '{framework.version}', "
        f"status: {framework.status}}}\n",
        encoding="utf-8",
    )
    composed = load_ladder(str(overlay))
    assert without_provenance(composed) == without_provenance(base)
