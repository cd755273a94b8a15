"""``pmframework diff``: versions of one ladder, two companies' ladders, and level to level.

Versions use tests/examples/valid/acme-small.yaml and tests/fixtures/diff/acme-1.11.yaml (its
next version, whose header lists the changes); cross-company alignment uses the built-ins.
"""

from __future__ import annotations

import copy
import difflib
import importlib.util
import json
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, REPO, CliResult

from pmframework.check.engine import load_ladder
from pmframework.diff.align import CompanyComparison, Match, name_overlap
from pmframework.diff.compare import Side, VersionDiff, compare_versions, diff_ladders
from pmframework.diff.textdiff import MAX_TOKEN_PAIRS, compare_words, similarity, word_diff
from pmframework.model import ladder_from_data, without_provenance
from pmframework.reference.scaffold import write_scaffold

ACME = str(EXAMPLES / "valid" / "acme-small.yaml")
FIXTURES = REPO / "tests" / "fixtures" / "diff"
NEXT = str(FIXTURES / "acme-1.11.yaml")
ONE_WORD = str(FIXTURES / "acme-one-word.yaml")
Run = Callable[..., CliResult]
Edit = Callable[[dict[str, Any]], None]


def edited(tmp_path: Path, edit: Callable[[dict[str, Any]], None], name: str = "b.yaml") -> str:
    """A copy of acme-small.yaml with ``edit`` applied to its data."""
    data = yaml.safe_load(Path(ACME).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def levels_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [level for track in data["tracks"] for level in track["levels"]]


def wdiff(old: str, new: str) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[s.op].format(s.text) for s in word_diff(old, new))


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        (
            "Makes trade-offs across teams explicit.",
            "Makes trade-offs across groups explicit.",
            "Makes trade-offs across [-teams-]{+groups+} explicit.",
        ),
        ("Orders a backlog.", "Orders a backlog by impact.", "Orders a backlog {+by impact+}."),
        ("Clearly makes trade-offs.", "makes trade-offs.", "[-Clearly -]makes trade-offs."),
        ("Always explicit.", "Always explicit", "Always explicit[-.-]"),
        ("Works  with   guidance.", "Works with guidance.", "Works with guidance."),
        (
            "Owns a problem.",
            "Sets the strategy for an area.",
            "[-Owns a problem.-]{+Sets the strategy for an area.+}",
        ),
    ],
)
def test_word_diff_marks_the_changed_words(old: str, new: str, shown: str) -> None:
    assert wdiff(old, new) == shown


def test_similarity_counts_words_in_order() -> None:
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "a b x d") == 0.75
    assert similarity("", "") == 1.0


@pytest.fixture
def bounded_difflib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail at once when difflib is asked to search more token pairs than the budget (a search
    that, for 8,000 repetitions of one word, would take seconds)."""
    search = difflib.SequenceMatcher.find_longest_match

    def bounded(self: Any, alo: int = 0, ahi: Any = None, blo: int = 0, bhi: Any = None) -> Any:
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        assert (ahi - alo) * (bhi - blo) <= MAX_TOKEN_PAIRS, "difflib searched the whole text"
        return search(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", bounded)


@pytest.mark.usefixtures("bounded_difflib")
@pytest.mark.parametrize("words", [8_000, 49_990])
def test_one_changed_word_in_a_long_repetitive_text_is_one_change(words: int) -> None:
    old = ["word"] * words
    new = [*old[: words // 2], "changed", *old[words // 2 + 1 :]]
    result = compare_words(" ".join(old), " ".join(new))
    assert [(s.op, s.text) for s in result.segments] == [
        ("equal", " ".join(old[: words // 2]) + " "),
        ("delete", "word"),
        ("insert", "changed"),
        ("equal", " " + " ".join(old[words // 2 + 1 :])),
    ]
    assert result.note == ""


@pytest.mark.usefixtures("bounded_difflib")
def test_a_long_text_changed_throughout_is_compared_by_sentence_and_says_so() -> None:
    words = ["word"] * 3_000
    old = " ".join(words) + ". Second sentence. " + " ".join(words) + "."
    # Changes near both ends leave a long middle of one repeated word.
    changed = ["word"] * 9 + ["changed"] + ["word"] * 2_990
    new = " ".join(changed) + ". Second sentence. " + " ".join(reversed(changed)) + "."
    result = compare_words(old, new)
    assert result.note == "compared sentence by sentence: too long to compare word by word"
    assert "".join(s.text for s in result.segments if s.op != "delete").split() == new.split()
    assert "".join(s.text for s in result.segments if s.op != "insert").split() == old.split()
    assert ("equal", " Second sentence. ") in [(s.op, s.text) for s in result.segments]


def test_the_note_on_a_coarse_comparison_is_shown(run_cli: Run, tmp_path: Path) -> None:
    text = " ".join(["word"] * 2_000)
    old = edited(
        tmp_path, lambda d: d["framework"].update(description=f"{text} a. {text}"), "a.yaml"
    )
    new = edited(tmp_path, lambda d: d["framework"].update(description=f"{text} b. {text} c"))
    result = run_cli("diff", old, new)
    assert result.exit_code == 1
    assert "{+b+}" not in result.stdout  # not word by word: that would cost too much
    assert "(compared sentence by sentence: too long to compare word by word)\n" in result.stdout
    data = json.loads(run_cli("diff", "--format", "json", old, new).stdout)
    assert "compared sentence by sentence" in json.dumps(data)


def test_title_overlap_spells_out_abbreviations_and_weighs_seniority() -> None:
    assert name_overlap("Sr. PM", "Senior Product Manager") == 1.0
    assert name_overlap("GPM", "Group Product Manager") == 1.0
    assert name_overlap("Director", "Director PM") == 0.75
    assert name_overlap("Product Manager", "Senior Product Manager") < 0.6


# --- versions of one ladder --------------------------------------------------------------------


def test_a_one_word_change_in_every_format(run_cli: Run) -> None:
    changed = ONE_WORD
    result = run_cli("diff", ACME, changed)
    assert result.exit_code == 1
    assert result.stdout == (
        f"--- {ACME} (Acme: Product Management Career Ladder 1.10)\n"
        f"+++ {changed} (Acme: Product Management Career Ladder 1.10)\n"
        "versions of one ladder: same framework id 'acme-pm'\n"
        "1 expectation changed\n"
        "\n"
        "Expectations (1 changed)\n"
        "  - Senior Product Manager › Prioritization (senior-pm/prioritization) — changed\n"
        "    - criteria: Makes trade-offs across [-teams-]{+groups+} explicit.\n"
        "    - inherited by gpm\n"
    )
    markdown = run_cli("diff", "--format", "markdown", ACME, changed).stdout
    assert markdown.startswith("**pmframework diff**: 1 expectation changed\n")
    assert "<details>\n<summary><b>Expectations</b> (1 changed)</summary>" in markdown
    assert "- `criteria`: Makes trade-offs across ~~teams~~ **groups** explicit." in markdown
    page = run_cli("diff", "--format", "html", ACME, changed).stdout
    assert page.startswith("<!doctype html>")
    assert "across <del>teams</del><ins>groups</ins> explicit." in page
    document = json.loads(run_cli("diff", "--format", "json", ACME, changed).stdout)
    assert document["format_version"] == 1
    assert (document["mode"], document["equal"]) == ("versions", False)
    [change] = document["changes"]
    assert change["id"] == "senior-pm/prioritization"
    assert change["inherited_by"] == ["gpm"]
    [criterion] = change["fields"]
    assert criterion["status"] == "changed"
    assert [w for w in criterion["words"] if w["op"] != "equal"] == [
        {"op": "delete", "text": "teams"},
        {"op": "insert", "text": "groups"},
    ]


def test_equal_ladders_exit_0(run_cli: Run) -> None:
    result = run_cli("diff", ACME, ACME)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3] == "no differences"
    document = json.loads(run_cli("diff", "--format", "json", ACME, ACME).stdout)
    assert document["equal"] is True
    assert document["changes"] == []


def test_a_new_version_as_levels_and_competencies(run_cli: Run) -> None:
    result = run_cli("diff", "--format", "json", ACME, NEXT)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"] == (
        "metadata changed, 1 competency renamed, 1 competency moved, 1 level added, "
        "1 expectation changed"
    )
    by_verb = {(c["kind"], c["verb"]): c for c in document["changes"]}
    renamed = by_verb["competency", "renamed"]
    assert (renamed["old_id"], renamed["id"], renamed["fields"]) == (
        "discovery",
        "product-discovery",
        [],
    )
    moved = by_verb["competency", "moved"]["moved"]
    assert (moved["field"], moved["old"], moved["new"]) == ("area", "leadership", "craft")
    added = by_verb["level", "added"]
    assert added["id"] == "principal-pm"
    assert {f["field"] for f in added["fields"]} >= {
        "title",
        "rank",
        "expectations.product-discovery.criteria",
        "promotion",
    }
    version = by_verb["framework", "changed"]["fields"]
    assert [(f["field"], f["old"], f["new"]) for f in version] == [("version", "1.10", "1.11")]


def test_swapping_the_versions_swaps_added_and_removed(run_cli: Run) -> None:
    result = run_cli("diff", NEXT, ACME)
    assert result.stdout.splitlines()[3] == (
        "metadata changed, 1 competency renamed, 1 competency moved, 1 level removed, "
        "1 expectation changed"
    )
    assert "Product discovery (product-discovery → discovery) — renamed" in result.stdout


def test_a_removed_competency_carries_its_expectations(tmp_path: Path) -> None:
    def remove_discovery(data: dict[str, Any]) -> None:
        craft = data["areas"][0]
        craft["competencies"] = [c for c in craft["competencies"] if c["id"] != "discovery"]
        for level in levels_of(data):
            level.get("expectations", {}).pop("discovery", None)

    result = _versions(ACME, edited(tmp_path, remove_discovery))
    [change] = result.changes
    assert (change.kind, change.verb, change.id) == ("competency", "removed", "discovery")
    assert [(f.field, f.old) for f in change.fields if f.field.endswith("criteria")] == [
        ("expectations.pm.criteria", "Tests a hypothesis with users before building."),
        ("expectations.senior-pm.criteria", "Frames the problem space for the whole area."),
    ]


def test_a_renamed_level_with_a_corrected_title(tmp_path: Path) -> None:
    """Same content under a new id is a rename, even when the title changed too."""

    def rename(data: dict[str, Any]) -> None:
        for level in levels_of(data):
            if level["id"] == "senior-pm":
                level["id"], level["title"] = "sr-pm", "Senior Product Manager II"
            if level.get("inherits") == "senior-pm":
                level["inherits"] = "sr-pm"
            if "senior-pm" in level.get("equivalents", ()):
                level["equivalents"] = ["sr-pm"]
        data["assessment"][0]["levels"] = ["pm", "sr-pm", "gpm"]

    result = _versions(ACME, edited(tmp_path, rename))
    [change] = result.changes
    assert (change.verb, change.old_id, change.id) == ("renamed", "senior-pm", "sr-pm")
    [title] = change.fields
    assert (title.field, title.old, title.new) == (
        "title",
        "Senior Product Manager",
        "Senior Product Manager II",
    )


def test_role_sources_scales_and_attribution(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["role"]["purpose"] = "Decide what to build and why."
        data["sources"][0]["person"] = "Jane Roe"
        data["scales"][0]["steps"][2]["name"] = "Writing the ropes"
        pm = levels_of(data)[0]
        pm["expectations"]["influence"]["criteria"] = [
            {"text": "Keeps the team aligned on the goal.", "source": "handbook"}
        ]

    result = _versions(ACME, edited(tmp_path, edit))
    assert result.summary() == (
        "role changed, 1 source changed, 1 scale changed, 1 expectation changed"
    )
    fields = {c.kind: c.fields for c in result.changes}
    assert [f.field for f in fields["role"]] == ["purpose"]
    assert [(f.field, f.old, f.new) for f in fields["source"]] == [
        ("person", "Jane Doe", "Jane Roe")
    ]
    [step] = fields["scale"]
    assert (step.field, step.old, step.new) == (
        "steps",
        "inventing: Inventing the ropes",
        "inventing: Writing the ropes",
    )
    [criterion] = fields["expectation"]
    assert criterion.new == "Keeps the team aligned on the goal. (source: handbook)"


def _versions(a: str, b: str) -> VersionDiff:
    result = diff_ladders(Side(a, load_ladder(a)), Side(b, load_ladder(b)))
    assert isinstance(result.body, VersionDiff)
    return result.body


def _cite(data: dict[str, Any]) -> None:
    """The first criterion of pm › influence cites the handbook, its text unchanged."""
    expectation = levels_of(data)[0]["expectations"]["influence"]
    expectation["criteria"] = [{"text": expectation["criteria"][0], "source": "handbook"}]


def _requote(data: dict[str, Any]) -> None:
    """The role's out-of-scope statement, which cites the handbook, quotes it differently."""
    data["role"]["out_of_scope"][0]["quote"] = "never a project manager"


def _uncite(data: dict[str, Any]) -> None:
    """The same statement, without its source and quote."""
    statement = data["role"]["out_of_scope"][0]
    data["role"]["out_of_scope"] = [statement["text"]]


def _mark_editorial(data: dict[str, Any]) -> None:
    data["role"]["in_scope"] = [{"text": data["role"]["in_scope"][0], "editorial": True}]


def _source_entry(data: dict[str, Any]) -> None:
    data["sources"][0]["person"] = "Jane Roe"


def _x_key(where: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: Any) -> Edit:
    """An edit that sets one ``x-`` key on the object ``where`` picks, and changes nothing else."""

    def edit(data: dict[str, Any]) -> None:
        where(data)[key] = value

    return edit


def _cell_of_a_criterion(data: dict[str, Any]) -> None:
    """pm › influence's criterion becomes a statement object with an x-cell, its text kept."""
    expectation = levels_of(data)[0]["expectations"]["influence"]
    expectation["criteria"] = [{"text": expectation["criteria"][0], "x-cell": "Ladder!D4"}]


# One x- key added to each kind of object, and what the text report says of it.
X_KEY_EDITS: dict[str, tuple[Edit, list[str]]] = {
    "framework": (
        _x_key(lambda d: d["framework"], "x-owner", "cpo@acme.example"),
        [
            "metadata changed",
            "",
            "Metadata (1 changed)",
            "  - Product Management Career Ladder (acme-pm) — changed",
            "    - x-owner: [-head-of-product-]{+cpo+}@acme.example",
        ],
    ),
    "level": (
        _x_key(lambda d: levels_of(d)[1], "x-cell", "Ladder!E1"),
        [
            "1 level changed",
            "",
            "Levels (1 changed)",
            "  - Senior Product Manager (senior-pm) — changed",
            "    - x-cell added: {+Ladder!E1+}",
        ],
    ),
    "competency": (
        _x_key(lambda d: d["areas"][0]["competencies"][0], "x-cell", "Ladder!B2"),
        [
            "1 competency changed",
            "",
            "Competencies (1 changed)",
            "  - Prioritization (prioritization) — changed",
            "    - x-cell added: {+Ladder!B2+}",
        ],
    ),
    "area": (
        _x_key(lambda d: d["areas"][1], "x-owner", {"name": "Ana", "since": 2024}),
        [
            "1 area changed",
            "",
            "Areas (1 changed)",
            "  - Leadership (leadership) — changed",
            "    - x-owner added: {+{name: Ana, since: 2024}+}",
        ],
    ),
    "track": (
        _x_key(lambda d: d["tracks"][1], "x-headcount", 12),
        [
            "1 track changed",
            "",
            "Tracks (1 changed)",
            "  - Management (mgmt) — changed",
            "    - x-headcount added: {+12+}",
        ],
    ),
    "expectation": (
        _x_key(lambda d: levels_of(d)[1]["expectations"]["discovery"], "x-reviewed", "2025-03"),
        [
            "1 expectation changed",
            "",
            "Expectations (1 changed)",
            "  - Senior Product Manager › Product discovery (senior-pm/discovery) — changed",
            "    - x-reviewed added: {+2025-03+}",
            "    - inherited by gpm",
        ],
    ),
    "statement": (
        _cell_of_a_criterion,
        [
            "1 expectation changed",
            "",
            "Expectations (1 changed)",
            "  - Product Manager › Influence (pm/influence) — changed",
            "    - criteria: Keeps the team aligned on the goal. {+(x-cell: Ladder!D4)+}",
            "    - inherited by senior-pm, gpm",
        ],
    ),
}

PROVENANCE_EDITS: dict[str, Edit] = {
    "quote": _requote,
    "source": _cite,
    "no source": _uncite,
    "editorial": _mark_editorial,
    "sources": _source_entry,
    **{f"{kind} x- key": edit for kind, (edit, _) in X_KEY_EDITS.items()},
}


@pytest.mark.parametrize("edit", PROVENANCE_EDITS.values(), ids=PROVENANCE_EDITS)
@pytest.mark.parametrize("mode", ["auto", "companies"])
def test_a_change_of_provenance_only_is_invisible_when_ignored(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], mode: str
) -> None:
    a, b = Side(ACME, load_ladder(ACME)), Side("b", load_ladder(edited(tmp_path, edit)))
    assert not diff_ladders(a, b, mode=mode).equal
    ignored = diff_ladders(a, b, mode=mode, provenance=False)
    assert ignored.equal
    assert ignored.summary() == "no differences"
    assert (ignored.a, ignored.b) == (a, b)  # the reports still name the ladders as they are


@pytest.mark.parametrize(("edit", "shown"), X_KEY_EDITS.values(), ids=X_KEY_EDITS)
def test_an_x_key_alone_is_a_change_unless_provenance_is_ignored(
    run_cli: Run, tmp_path: Path, edit: Edit, shown: list[str]
) -> None:
    b = edited(tmp_path, edit)
    result = run_cli("diff", ACME, b)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[2:] == [
        "versions of one ladder: same framework id 'acme-pm'",
        *shown,
    ]
    ignored = run_cli("diff", "--ignore-provenance", ACME, b)
    assert ignored.exit_code == 0, ignored.stdout
    assert ignored.stdout.splitlines()[3] == "no differences"


def test_the_model_keeps_the_x_keys_of_every_object() -> None:
    plain = yaml.safe_load(Path(ACME).read_text(encoding="utf-8"))
    data = copy.deepcopy(plain)
    pm, senior = levels_of(data)[:2]
    tagged = {
        "framework": data["framework"],
        "source": data["sources"][0],
        "scale": data["scales"][0],
        "step": data["scales"][0]["steps"][0],
        "dimension": data["dimensions"][0],
        "role": data["role"],
        "area": data["areas"][0],
        "competency": data["areas"][0]["competencies"][0],
        "track": data["tracks"][0],
        "level": pm,
        "sub-grade": senior["sub_grades"][0],
        "expectation": pm["expectations"]["prioritization"],
        "prompt": data["assessment"][0],
        "statement": data["role"]["out_of_scope"][0],
    }
    for kind, entity in tagged.items():
        entity[f"x-{kind}"] = {"kind": kind, "values": [1, "two"]}
    ladder = ladder_from_data(data)
    assert ladder.role is not None
    model = {
        "framework": ladder.framework,
        "source": ladder.sources[0],
        "scale": ladder.scales[0],
        "step": ladder.scales[0].steps[0],
        "dimension": ladder.dimensions[0],
        "role": ladder.role,
        "area": ladder.areas[0],
        "competency": ladder.competencies[0],
        "track": ladder.tracks[0],
        "level": ladder.levels[0],
        "sub-grade": ladder.levels[1].sub_grades[0],
        "expectation": ladder.levels[0].expectations["prioritization"],
        "prompt": ladder.assessment[0],
        "statement": ladder.role.out_of_scope[0],
    }
    for kind, entity in tagged.items():
        x_keys = {key: value for key, value in entity.items() if key.startswith("x-")}
        assert getattr(model[kind], "extensions", None) == x_keys, kind
    assert ladder.role.in_scope[0].extensions == {}  # a plain-string statement has none
    # x- keys are no statements, and they are all provenance.
    before = ladder_from_data(plain)
    assert list(ladder.statements()) != list(before.statements())  # the cited one differs
    assert [s.text for s in ladder.statements()] == [s.text for s in before.statements()]
    assert without_provenance(ladder) == without_provenance(before)
    assert ladder != before
    assert before.role is not None  # statements stay hashable, x- keys or not
    assert hash(ladder.role.out_of_scope[0]) == hash(before.role.out_of_scope[0])


def test_with_provenance_ignored_content_changes_still_show(tmp_path: Path) -> None:
    def reword_and_cite(data: dict[str, Any]) -> None:
        _cite(data)
        criterion = levels_of(data)[0]["expectations"]["influence"]["criteria"][0]
        criterion["text"] = "Keeps the team aligned on the outcome."
        levels_of(data)[0]["x-cell"] = "Ladder!D1"

    b = edited(tmp_path, reword_and_cite)
    result = diff_ladders(Side(ACME, load_ladder(ACME)), Side(b, load_ladder(b)), provenance=False)
    assert isinstance(result.body, VersionDiff)
    [change] = result.body.changes
    assert change.id == "pm/influence"
    [criterion] = change.fields
    # The text changed; where it came from is not shown.
    assert (criterion.old, criterion.new) == (
        "Keeps the team aligned on the goal.",
        "Keeps the team aligned on the outcome.",
    )
    # The same as comparing the versions directly.
    assert compare_versions(load_ladder(ACME), load_ladder(b), provenance=False) == result.body


def test_ignore_provenance_in_every_format_and_mode(run_cli: Run, tmp_path: Path) -> None:
    b = edited(tmp_path, PROVENANCE_EDITS["quote"])
    plain = run_cli("diff", ACME, b)
    assert plain.exit_code == 1
    assert plain.stdout.splitlines()[3] == "role changed"
    result = run_cli("diff", "--ignore-provenance", ACME, b)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[2:] == [
        "versions of one ladder: same framework id 'acme-pm'; "
        "provenance ignored (sources, quotes, x- keys)",
        "no differences",
    ]
    document = json.loads(
        run_cli("diff", "--format", "json", "--ignore-provenance", ACME, b).stdout
    )
    assert (document["ignore_provenance"], document["equal"]) == (True, True)
    assert document["reason"] == "versions of one ladder: same framework id 'acme-pm'"
    assert (
        json.loads(run_cli("diff", "--format", "json", ACME, b).stdout)["ignore_provenance"]
        is False
    )
    markdown = run_cli("diff", "--format", "markdown", "--ignore-provenance", ACME, b).stdout
    assert "; provenance ignored (sources, quotes, x- keys)</sub>" in markdown
    page = run_cli("diff", "--format", "html", "--ignore-provenance", ACME, b).stdout
    assert "; provenance ignored (sources, quotes, x- keys)</small>" in page
    for args in (["--mode", "companies", ACME, b], [f"{ACME}#senior-pm", f"{b}#senior-pm"]):
        result = run_cli("diff", "--ignore-provenance", *args)
        assert result.exit_code == 0, result.stdout
        assert result.stdout.splitlines()[2].endswith(
            "; provenance ignored (sources, quotes, x- keys)"
        )
    git_args = ["ladder.yaml", ACME, "1" * 40, "100644", b, "2" * 40, "100644"]
    result = run_cli("diff", "--git-external-diff", "--ignore-provenance", *git_args)
    assert result.stdout.splitlines()[2:] == [
        "versions of one ladder: same framework id 'acme-pm'; "
        "provenance ignored (sources, quotes, x- keys)",
        "no differences",
    ]


def test_a_ladder_started_from_a_builtin_is_a_version_of_it(tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    write_scaffold(str(ours), "builtin:carta", "Acme")
    result = diff_ladders(
        Side("carta", load_ladder("builtin:carta")), Side("ours", load_ladder(str(ours)))
    )
    assert result.mode == "versions"
    assert result.reason == "versions of one ladder: 100% of level and competency ids shared"
    assert result.summary() == "metadata changed"


# --- level to level ----------------------------------------------------------------------------


def test_a_promotion_checklist(run_cli: Run) -> None:
    result = run_cli("diff", "--format", "markdown", f"{ACME}#pm", f"{ACME}#senior-pm")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "**pmframework diff**: Senior Product Manager over Product Manager: 3 new criteria, "
        "3 proficiencies raised, 1 promotion criterion, 2 dimensions changed\n"
    )
    assert (
        "#### Checklist (what Senior Product Manager adds over Product Manager)\n"
        "\n"
        "- **Promotion criteria**\n"
        "  - [ ] Has shipped at least one meaningful launch.\n"
        "- **Prioritization** — proficiency raised: Learning the ropes → Knowing the ropes\n"
        "  - [ ] Makes trade-offs across teams explicit.\n"
    ) in result.stdout
    # Inherited criteria are not new: the PM's own bar is not on the list.
    assert "Orders a backlog" not in result.stdout
    text = run_cli("diff", f"{ACME}#pm", f"{ACME}#senior-pm").stdout
    assert "    - Makes trade-offs across teams explicit.\n" in text
    assert "[ ]" not in text


def test_a_new_competency_at_the_higher_level(run_cli: Run) -> None:
    document = json.loads(
        run_cli("diff", "--format", "json", f"{ACME}#senior-pm", f"{ACME}#gpm").stdout
    )
    assert document["mode"] == "levels"
    steps = {s["competency"]: s for s in document["levels"]["competencies"]}
    assert steps["people"]["new"] is True
    assert [i["new"] for i in steps["people"]["items"]] == ["Hires and grows product managers."]
    assert steps["influence"]["direction"] == "raised"


def test_a_level_compared_with_itself_is_equal(run_cli: Run) -> None:
    result = run_cli("diff", f"{ACME}#pm", f"{ACME}#pm")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3] == "no differences"


def test_levels_of_two_companies_match_competencies_by_alignment(run_cli: Run) -> None:
    result = run_cli(
        "diff",
        "--format",
        "json",
        "builtin:carta#senior-pm",
        "builtin:atlassian#senior-principal-pm",
    )
    document = json.loads(result.stdout)
    assert document["mode"] == "levels"
    steps = {s["competency"]: s for s in document["levels"]["competencies"]}
    assert steps["product-judgement"]["counterpart"] == "judgement-and-strategy"
    assert steps["product-judgement"]["new"] is False


# --- two companies -----------------------------------------------------------------------------


def compare(a: str, b: str, **options: Any) -> CompanyComparison:
    result = diff_ladders(Side(a, load_ladder(a)), Side(b, load_ladder(b)), **options)
    assert isinstance(result.body, CompanyComparison)
    return result.body


def counterparts(matches: tuple[Match, ...], ours: str) -> list[str | None]:
    return [m.b for m in matches if m.a == ours]


def test_carta_director_aligns_with_atlassian_manager_of_ic_pms_not_its_cpo() -> None:
    comparison = compare("builtin:carta", "builtin:atlassian")
    assert counterparts(comparison.levels, "director-pm")[0] == "manager-of-ic-pms"
    cpo = [m for m in comparison.levels if m.b == "manager-of-managers-of-managers"]
    assert [m.a for m in cpo] == [None]
    [director] = [m for m in comparison.levels if m.b == "manager-of-ic-pms"]
    assert director.confidence >= 0.7
    assert {s.name for s in director.signals} == {"position", "title", "ordinal", "content"}
    assert counterparts(comparison.levels, "senior-pm")[-1] == "senior-principal-pm"


@pytest.mark.parametrize(
    ("theirs", "band"),
    [("builtin:atlassian", "senior-principal-pm"), ("builtin:headspace", "principal-pm")],
)
def test_splunk_principal_aligns_with_the_senior_to_principal_band(theirs: str, band: str) -> None:
    comparison = compare("builtin:splunk", theirs)
    assert counterparts(comparison.levels, "principal-pm") == [band]


def test_the_mode_and_why_are_reported(run_cli: Run) -> None:
    result = run_cli("diff", "builtin:carta", "builtin:atlassian")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2] == (
        "different ladders: 0% of level and competency ids shared (below 50%)"
    )
    forced = run_cli("diff", "--mode", "companies", ACME, ACME)
    assert forced.exit_code == 0
    assert "(--mode companies; 100% of level and competency ids shared)" in forced.stdout


def test_the_alignment_is_deterministic(run_cli: Run) -> None:
    outputs = {
        run_cli("diff", "--format", "json", "builtin:splunk", "builtin:atlassian").stdout
        for _ in range(3)
    }
    assert len(outputs) == 1


def test_a_map_file_fixes_pairs(run_cli: Run, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "levels:\n"
        "  manager-of-managers: director-pm\n"
        "  manager-of-managers-of-managers: null\n"
        "competencies:\n"
        "  team-building: people-leadership\n",
        encoding="utf-8",
    )
    result = run_cli(
        "diff", "--format", "json", "--map", str(mapping), "builtin:carta", "builtin:atlassian"
    )
    alignment = json.loads(result.stdout)["alignment"]
    pairs = {(m["a"], m["b"]): m for m in alignment["levels"]}
    mapped = pairs["director-pm", "manager-of-managers"]
    assert mapped["confidence"] == 1.0
    assert mapped["signals"][0]["detail"] == (
        "mapped in the --map file: manager-of-managers → director-pm"
    )
    assert (None, "manager-of-managers-of-managers") in pairs
    # Their levels the map leaves out still find their closest level of ours.
    assert pairs["director-pm", "manager-of-ic-pms"]["confidence"] < 1
    competencies = {(m["a"], m["b"]): m for m in alignment["competencies"]}
    assert competencies["people-leadership", "team-building"]["confidence"] == 1.0


def test_a_map_with_an_unknown_id_is_an_error_at_its_line(run_cli: Run, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("levels:\n  ic-pm: apm\n  no-such-level: apm\n", encoding="utf-8")
    result = run_cli("diff", "--map", str(mapping), "builtin:carta", "builtin:atlassian")
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmframework: error: {mapping}:3:3: the second ladder has no level 'no-such-level'\n"
    )


BAR_LADDER = """\
schema_version: 1
framework: {{id: {id}, title: {id}, organization: {id}, version: "1", status: draft}}
areas:
  - id: craft
    name: Craft
    competencies:
      - {{id: {competency}, name: Product strategy}}
tracks:
  - id: ic
    name: IC
    kind: individual-contributor
    levels:
      - id: {id}-pm
        title: Product Manager
        rank: 2
        expectations:
          {competency}:
            criteria: [{low}]
      - id: {id}-senior
        title: Senior Product Manager
        rank: 3
        inherits: {id}-pm
        expectations:
          {competency}:
            criteria: [{high}]
"""


def test_bars_differ_where_one_ladder_expects_something_earlier(
    run_cli: Run, tmp_path: Path
) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(
        BAR_LADDER.format(
            id="ours",
            competency="strategy",
            low="Writes the product strategy for the team.",
            high="Shapes the strategy of several teams.",
        ),
        encoding="utf-8",
    )
    theirs = tmp_path / "theirs.yaml"
    theirs.write_text(
        BAR_LADDER.format(
            id="theirs",
            competency="product-strategy",
            low="Delivers the roadmap the team agreed.",
            high="Writes the team's product strategy.",
        ),
        encoding="utf-8",
    )
    comparison = compare(str(ours), str(theirs))
    [bar] = comparison.bars
    assert (bar.kind, bar.a_level, bar.b_level, bar.lower) == (
        "criterion",
        "ours-pm",
        "theirs-senior",
        "a",
    )
    text = run_cli("diff", str(ours), str(theirs)).stdout
    assert (
        "  - Product strategy: ours at Product Manager (ours-pm, rank 2): “Writes the product "
        "strategy for the team.”; theirs only at Senior Product Manager (theirs-senior, rank 3): "
        "“Writes the team's product strategy.” (word overlap 1.00)\n"
    ) in text


# --- inputs and errors -------------------------------------------------------------------------


def test_standard_input_is_one_side(run_cli: Run) -> None:
    result = run_cli("diff", "-", ACME, input=Path(ACME).read_bytes())
    assert result.exit_code == 0
    assert result.stdout.startswith("--- <stdin> (Acme")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such.yaml", ACME], "no-such.yaml: no such file"),
        ([ACME], "give two ladders: pmframework diff A B (or --rev REV LADDER)"),
        ([ACME, ACME, ACME], "give two ladders: pmframework diff A B (or --rev REV LADDER)"),
        (["-", "-"], "only one side can be read from standard input (-)"),
        (
            [f"{ACME}#pm", ACME],
            "name a level on both sides (LADDER#LEVEL LADDER#LEVEL) to compare two levels",
        ),
        (
            [f"{ACME}#pm", f"{ACME}#cto"],
            f"{ACME}: no level 'cto'; levels are: pm, senior-pm, gpm",
        ),
        (
            ["--rev", "HEAD", ACME, ACME],
            "with --rev, give one ladder: pmframework diff --rev REV LADDER",
        ),
        (
            ["--git-external-diff", "a", "b"],
            "--git-external-diff takes the 7 arguments git passes (9 for a rename), not 2",
        ),
    ],
)
def test_trouble_exits_2(run_cli: Run, args: list[str], message: str) -> None:
    result = run_cli("diff", *args)
    assert result.exit_code == 2
    assert result.stderr == f"pmframework: error: {message}\n"
    assert result.stdout == ""


def test_an_invalid_ladder_exits_2_with_its_location(run_cli: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(Path(ACME).read_text(encoding="utf-8").replace("rank: 4", "rank: four", 1))
    result = run_cli("diff", ACME, str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pmframework: error: {broken}:95:15: PMF001 ")


# --- the README ------------------------------------------------------------------------------

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES_IN_README = re.findall(
    r"<!-- diff-example: (.*?) -->\n(.*?)<!-- diff-example:end -->", README, re.S
)


@pytest.mark.parametrize(("command", "shown"), EXAMPLES_IN_README)
def test_the_readme_examples_are_real_output(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch, command: str, shown: str
) -> None:
    monkeypatch.chdir(REPO)
    output = run_cli(*shlex.split(command)[1:]).stdout
    fenced = f"```console\n$ {command}\n{output}```\n"
    assert shown in (output, fenced), f"README example is stale: paste the output of `{command}`"


def test_the_readme_examples_cover_the_three_uses() -> None:
    modes = {"versions": "acme-1.11", "companies": "builtin:atlassian", "levels": "#principal-pm"}
    for mode, marker in modes.items():
        assert any(marker in command for command, _ in EXAMPLES_IN_README), mode


def test_the_readme_json_has_the_shape_of_real_output(run_cli: Run) -> None:
    match = re.search(
        r"<!-- diff-json:start -->\n```json\n(.*?)```\n<!-- diff-json:end -->", README, re.S
    )
    assert match, "README.md lacks the diff-json markers"
    documented = json.loads(match.group(1))
    real = json.loads(run_cli("diff", "--format", "json", ACME, ONE_WORD).stdout)

    def shape(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shape(item) for item in value]
        return type(value).__name__

    assert shape(documented) == shape(real)
    assert documented["changes"] == real["changes"]


def test_the_benchmark_ladders_differ_by_exactly_their_edits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """benchmarks/diff.py times what it says it times (no time is asserted here)."""
    spec = importlib.util.spec_from_file_location("bench_diff", REPO / "benchmarks" / "diff.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_diff", bench)  # for its dataclasses
    spec.loader.exec_module(bench)
    a = bench.generate(10, 50)
    b = bench.next_version(a)
    assert len(levels_of(a)) * len(a["areas"][0]["competencies"]) == 500
    result = compare_versions(ladder_from_data(a), ladder_from_data(b))
    assert result.summary() == (
        "1 competency removed, 1 competency renamed, 1 level added, 5 expectations changed"
    )


def test_where_structure_and_synthesized_statements_come_from_is_compared(
    run_cli: Run, tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        senior = next(lv for lv in levels_of(data) if lv["id"] == "senior-pm")
        senior["provenance"] = {"rank": {"editorial": True, "reason": "The common scale."}}
        senior["summary"] = {
            "text": senior["summary"],
            "source": "handbook",
            "quote": "not a project manager",
            "sources": [{"source": "handbook", "quote": "senior"}],
        }

    b = edited(tmp_path, edit)
    result = run_cli("diff", ACME, b)
    assert result.exit_code == 1
    assert "    - provenance.rank added: {+editorial: The common scale.+}" in result.stdout
    assert "source: handbook, quote: “senior”" in result.stdout
    assert run_cli("diff", "--ignore-provenance", ACME, b).exit_code == 0
