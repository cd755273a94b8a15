"""Aligning two companies' ladders: what a leader comparing them relies on."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmframework.check.engine import load_ladder
from pmframework.diff.align import CompanyComparison, compare_companies
from pmframework.diff.align_levels import title_cue, title_overlap
from pmframework.diff.align_text import Corpus, candidates, stem, thesaurus
from pmframework.diff.align_text import TextFeatures as Document
from pmframework.model import Ladder, ladder_from_data
from pmframework.resources import builtin_names

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "alignment" / "ladders"


def pairs(matches: Any) -> set[tuple[str, str]]:
    return {(m.a, m.b) for m in matches if m.a is not None and m.b is not None}


def ladder(
    framework: str,
    competencies: list[dict[str, Any]],
    levels: list[dict[str, Any]],
    kind: str = "individual-contributor",
) -> Ladder:
    data = {
        "schema_version": 1,
        "framework": {
            "id": framework,
            "title": framework,
            "organization": framework,
            "version": "1",
            "status": "draft",
            "job_family": "Product Management",
        },
        "areas": [{"id": "all", "name": "All", "competencies": competencies}],
        "tracks": [{"id": "t", "name": "Product", "kind": kind, "levels": levels}],
    }
    return ladder_from_data(data)


def align(a: Ladder, b: Ladder, mapping: Any = None) -> CompanyComparison:
    return compare_companies(a, b, mapping or {})


# --- the language of ladders -------------------------------------------------------------------


def test_related_forms_of_a_word_share_a_stem() -> None:
    assert stem("strategic") == stem("strategy") == stem("strategies")
    assert stem("leadership") == stem("leading") == stem("leads")
    assert stem("communication") == stem("communicate")


def test_the_thesaurus_ships_inside_the_package_and_each_word_has_one_group() -> None:
    table = thesaurus()  # raises when a word is in two groups
    assert table.groups[stem("user")] == table.groups[stem("customer")]
    assert table.groups[stem("people")] == table.groups[stem("team")]
    assert table.groups[stem("data")] == table.groups[stem("metrics")]


def test_numbers_in_titles_are_not_shared_words() -> None:
    assert title_overlap("Level 5", "Engineering Manager 5") == 0
    assert title_overlap("Backend engineer 5", "Backend engineer 3") == 1


@pytest.mark.parametrize(
    ("title", "management", "place"),
    [
        ("Associate Product Manager", False, 1),
        ("Product Manager", False, 2),
        ("Engineer II", False, 2),
        ("Senior Staff Engineer", False, 4.5),
        ("Director (IC)", False, 5),
        ("Engineering Manager", True, 4),
        ("Manager of Managers", True, 5.5),
        ("Head of Product", True, 6),
    ],
)
def test_a_title_places_its_level_on_the_common_scale(
    title: str, management: bool, place: float
) -> None:
    assert title_cue(title, management) == place


def test_competencies_whose_names_share_no_word_pair_through_synonyms() -> None:
    a = ladder(
        "a",
        [
            {"id": "user-centricity", "name": "User-centricity"},
            {"id": "data-skills", "name": "Data skills"},
        ],
        [{"id": "pm", "title": "PM", "rank": 2}],
    )
    b = ladder(
        "b",
        [
            {"id": "customer-insight", "name": "Customer insight"},
            {"id": "outcomes", "name": "Outcomes and metrics"},
        ],
        [{"id": "pm", "title": "Product Manager", "rank": 2}],
    )
    result = align(a, b)
    assert pairs(result.competencies) == {
        ("user-centricity", "customer-insight"),
        ("data-skills", "outcomes"),
    }
    [match] = [m for m in result.competencies if m.a == "user-centricity"]
    assert "user ≈ customer" in match.evidence


def test_meaning_kept_in_scale_steps_is_read() -> None:
    snowflake = load_ladder(str(BENCHMARK / "snowflake-eng.yaml"))
    dseries = load_ladder(str(BENCHMARK / "dseries-eng.yaml"))
    found = pairs(align(snowflake, dseries).competencies)
    assert ("foundations", "operations") in found
    assert ("mentorship", "mentoring") in found


def test_candidates_are_pruned_on_large_ladders() -> None:
    words = [chr(97 + i % 26) + chr(97 + i // 26 % 26) for i in range(600)]
    documents = [Document.of([f"xx{words[i]} yy{words[i // 2]} shared"]) for i in range(600)]
    corpus = Corpus(documents)
    vectors = [corpus.vector(d) for d in documents]
    shortlist = candidates(vectors[:300], vectors[300:], corpus, per_item=5)
    assert all(len(found) <= 5 for found in shortlist.values())


# --- levels --------------------------------------------------------------------------------------


def test_levels_beyond_the_other_ladders_span_have_no_counterpart() -> None:
    result = align(load_ladder("builtin:carta"), load_ladder("builtin:atlassian"))
    assert pairs(result.levels) == {
        ("senior-pm", "senior-principal-pm"),
        ("director-pm", "manager-of-ic-pms"),
    }


def test_a_level_that_names_a_band_pairs_with_both_levels_in_it() -> None:
    result = align(
        load_ladder("builtin:atlassian-confluence"), load_ladder("builtin:product-management")
    )
    assert {("pm", "pm"), ("pm", "senior-pm")} <= pairs(result.levels)


def test_ic_and_management_directors_pair_only_with_their_own_kind() -> None:
    result = align(load_ladder("builtin:product-management"), load_ladder("builtin:splunk"))
    found = pairs(result.levels)
    assert ("ic-director", "ic-director") in found
    assert ("director", "director") in found
    assert ("director", "ic-director") not in found
    assert ("ic-director", "director") not in found


def test_levels_of_another_job_family_do_not_pair() -> None:
    monzo = load_ladder(str(BENCHMARK / "monzo-eng.yaml"))
    dseries = load_ladder(str(BENCHMARK / "dseries-eng.yaml"))
    found = pairs(align(monzo, dseries).levels)
    assert not [y for _, y in found if y.startswith("tpm")]
    assert ("l3", "d3") in found


def test_every_pair_says_why() -> None:
    result = align(load_ladder("builtin:product-management"), load_ladder("builtin:atlassian"))
    [match] = [m for m in result.levels if m.a == "head-of-product"]
    assert "place" in match.evidence and "both management tracks" in match.evidence


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(builtin_names(), 2)))
def test_swapping_the_ladders_swaps_the_level_pairs(a: str, b: str) -> None:
    ladder_a, ladder_b = load_ladder(f"builtin:{a}"), load_ladder(f"builtin:{b}")
    forward = pairs(align(ladder_a, ladder_b).levels)
    backward = pairs(align(ladder_b, ladder_a).levels)
    assert forward == {(x, y) for y, x in backward}


# --- calibration -------------------------------------------------------------------------------


LEVELS = [
    {"id": "l1", "title": "Level one", "rank": 1},
    {"id": "l2", "title": "Level two", "rank": 2},
    {"id": "l3", "title": "Level three", "rank": 3},
]


def test_a_declared_calibration_wins_over_inference() -> None:
    levels = [dict(lv) for lv in LEVELS]
    levels[2]["corresponds_to"] = {"product-management": "principal-pm"}
    ours = ladder("ours", [], levels)
    reference = load_ladder("builtin:product-management")
    result = align(ours, reference)
    [match] = [m for m in result.levels if m.a == "l3"]
    assert (match.b, match.confidence) == ("principal-pm", 1.0)
    assert "declared" in match.evidence


def test_two_ladders_calibrated_against_one_reference_pair_through_it() -> None:
    a_levels = [dict(lv) for lv in LEVELS]
    b_levels = [dict(lv, id=f"b{lv['id']}") for lv in LEVELS]
    a_levels[0]["corresponds_to"] = {"product-management": "senior-pm"}
    b_levels[2]["corresponds_to"] = {"product-management": ["senior-pm", "principal-pm"]}
    result = align(ladder("a", [], a_levels), ladder("b", [], b_levels))
    assert ("l1", "bl3") in pairs(result.levels)


def test_the_calibration_field_is_valid_schema_and_optional(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "ladder.yaml"
    data = {
        "schema_version": 1,
        "framework": {
            "id": "x",
            "title": "X",
            "organization": "X",
            "version": "1",
            "status": "draft",
        },
        "tracks": [
            {
                "id": "t",
                "name": "T",
                "kind": "individual-contributor",
                "levels": [
                    {
                        "id": "a",
                        "title": "A",
                        "rank": 1,
                        "corresponds_to": {"product-management": "apm"},
                    },
                    {
                        "id": "b",
                        "title": "B",
                        "rank": 2,
                        "corresponds_to": {"product-management": {"level": "apm"}},
                    },
                ],
            }
        ],
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert (
        f"{path}:19:9: PMF001 error expected the id of a level of that framework" in result.stdout
    )
    del data["tracks"][0]["levels"][1]["corresponds_to"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert run_cli("validate", str(path)).exit_code == 0


# --- the crosswalk as a file -------------------------------------------------------------------


def test_the_proposed_crosswalk_reads_back_as_a_map(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    crosswalk = tmp_path / "crosswalk.yaml"
    args = ("builtin:product-management", "builtin:atlassian")
    first = run_cli("diff", "--format", "json", "--write-map", str(crosswalk), *args)
    assert first.exit_code == 1
    proposed = json.loads(first.stdout)["alignment"]
    again = run_cli("diff", "--format", "json", "--map", str(crosswalk), *args)
    mapped = json.loads(again.stdout)["alignment"]
    for section in ("levels", "competencies"):
        before = {(m["a"], m["b"]) for m in proposed[section] if m["a"] and m["b"]}
        after = {(m["a"], m["b"]) for m in mapped[section] if m["a"] and m["b"]}
        assert before == after
        assert all(m["confidence"] == 1.0 for m in mapped[section] if m["a"] and m["b"])
    text = crosswalk.read_text(encoding="utf-8")
    assert "senior-principal-pm: [senior-pm, principal-pm]" in text


def test_an_edited_map_entry_changes_the_pair(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("levels:\n  ic-pm: [apm, pm]\n", encoding="utf-8")
    result = run_cli(
        "diff",
        "--format",
        "json",
        "--map",
        str(mapping),
        "builtin:product-management",
        "builtin:atlassian",
    )
    levels = json.loads(result.stdout)["alignment"]["levels"]
    assert {m["a"] for m in levels if m["b"] == "ic-pm"} == {"apm", "pm"}


def test_a_crosswalk_of_two_versions_is_refused(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "crosswalk.yaml"
    result = run_cli("diff", "--write-map", str(target), "builtin:carta", "builtin:carta")
    assert result.exit_code == 2
    assert "--write-map is for two different ladders" in result.stderr
    assert not target.exists()
