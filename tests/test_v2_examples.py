"""The ladders of tests/examples/valid/v2/, in the shapes companies publish (GitLab's PM
framework, Monzo's progression framework, Medium's snowflake, jorgef's engineering ladders,
LumApps' PM ladder), rendered in every format and diffed; and what the reader sees of each
version 2 construct."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, CliResult
from pypdf import PdfReader

from pmframework import render
from pmframework.check.engine import load_ladder

RunCli = Callable[..., CliResult]
V2 = EXAMPLES / "valid" / "v2"
LADDERS = sorted(V2.glob("*.yaml"))


def test_every_shape_is_there() -> None:
    names = {path.stem for path in LADDERS}
    assert {
        "gitlab-style",
        "monzo-style",
        "snowflake-style",
        "jorgef-style",
        "lumapps-style",
    } <= names


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
@pytest.mark.parametrize("suffix", [".html", ".md", ".pdf"])
def test_it_renders_in_every_format(
    path: Path, suffix: str, tmp_path: Path, run_cli: RunCli
) -> None:
    out = tmp_path / f"{path.stem}{suffix}"
    result = run_cli("render", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    ladder = load_ladder(str(path))
    if suffix == ".pdf":
        text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    else:
        text = out.read_text(encoding="utf-8")
    for level in ladder.levels:
        assert level.title in text


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
def test_it_diffs_with_itself_to_nothing(path: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", str(path), str(path))
    assert result.exit_code == 0, result.stdout
    assert "no differences" in result.stdout


def _html(name: str) -> str:
    spec = str(V2 / f"{name}.yaml")
    return render.render_html(load_ladder(spec), name=spec)


def _markdown(name: str) -> str:
    spec = str(V2 / f"{name}.yaml")
    return render.render_markdown(load_ladder(spec), name=spec)


def test_anti_patterns_are_shown_apart_from_what_is_expected() -> None:
    html = _html("lumapps-style")
    misalignment = "May work in isolation, unaware of cross-functional implications."
    lists = re.findall(r'<ul class="(criteria|anti-patterns)">(.*?)</ul>', html, re.S)
    assert [kind for kind, body in lists if misalignment in body] == ["anti-patterns"]
    assert "Watch out for" in html
    assert f"- *Watch out for:* {misalignment}" in _markdown("lumapps-style")


def test_points_signals_and_examples_stand_under_their_criterion() -> None:
    markdown = _markdown("snowflake-style")
    assert (
        "- Works on features of the mobile apps with guidance. *(1 point)*\n"
        "  - *Signal:* Implements a screen from a design with few review comments.\n"
        "  - *For example:* Built the settings screen of the reader app.\n"
    ) in markdown
    assert "*Engineering · Rank 2 · 10–29 points*" in markdown
    assert '<span class="points">3 points</span>' in _html("snowflake-style")


def test_a_shared_statement_is_printed_once_with_the_levels_it_applies_to() -> None:
    markdown = _markdown("gitlab-style")
    section = markdown[markdown.index("## Shared across levels") :]
    statement = "Sets a strategy for a section of the product that other teams build on."
    assert section.count(statement) == 1
    assert (
        "**Product strategy** · applies to [Principal Product Manager](#level-principal-pm), "
        "[Group Manager, Product](#level-group-manager)"
    ) in section
    # At each level it applies to, it is shown marked as shared, linking to that section.
    assert markdown.count(f"- {statement} *([shared](#shared))*") == 2
    html = _html("gitlab-style")
    assert '<section class="shared" id="shared"' in html


def test_levels_known_by_their_number_and_competencies_without_areas() -> None:
    markdown = _markdown("monzo-style")
    assert "### Level 2" in markdown
    assert "**Product sense**" in markdown  # the overlay's competency, by its name
    assert "- *For example:* Dropped a requested feature" in markdown


@pytest.mark.parametrize(
    ("name", "old", "new", "shown"),
    [
        pytest.param(
            "lumapps-style",
            "May work in isolation",
            "May work alone",
            "anti_patterns: May work [-in isolation-]{+alone+}",
            id="anti-pattern",
        ),
        pytest.param(
            "lumapps-style",
            "Treats the loudest",
            "Takes the loudest",
            "anti_patterns: [-Treats-]{+Takes+} the loudest",
            id="competency anti-pattern",
        ),
        pytest.param(
            "snowflake-style", "points: 3", "points: 4", "[[-3-]{+4+} points]", id="points"
        ),
        pytest.param(
            "snowflake-style",
            "Implements a screen",
            "Builds a screen",
            "signal: [-Implements-]{+Builds+} a screen",
            id="signal",
        ),
        pytest.param(
            "snowflake-style", "max: 29", "max: 30", "points: 10–[-29-]{+30+}", id="range"
        ),
        pytest.param(
            "gitlab-style",
            "other teams build on.",
            "other teams rely on.",
            "Principal Product Manager › Product strategy",
            id="shared statement",
        ),
        pytest.param(
            "gitlab-style",
            "status: planned",
            "status: active",
            "status removed: [-planned-]",
            id="status",
        ),
    ],
)
def test_a_diff_reports_a_change_to_each_construct(
    name: str, old: str, new: str, shown: str, tmp_path: Path, run_cli: RunCli
) -> None:
    path = V2 / f"{name}.yaml"
    changed = tmp_path / path.name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    changed.write_text(text.replace(old, new), encoding="utf-8")
    result = run_cli("diff", str(path), str(changed))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert shown in result.stdout
