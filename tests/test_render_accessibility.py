"""Rendered pages checked by axe-core in headless Chromium: no serious or critical violation on
any built-in ladder, at a phone's width (390 px) and a desktop's (1280 px), in a light and in a
dark system.

axe-core is an npm package (package.json; ``npm ci``, which ``make test`` runs, installs it) and
Chromium a system package (.ci/install-system-packages). Without axe-core these tests skip on a
developer's machine and fail under CI=true, so a CI machine that lacks it cannot pass by
accident; without Chromium they always fail.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO
from render_layout import axe_violations

from pmframework import render
from pmframework.check.engine import load_ladder
from pmframework.resources import BUILTIN_PREFIX, builtin_names

pytestmark = pytest.mark.slow

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
SMALL = str(EXAMPLES / "valid" / "acme-small.yaml")
RICH = str(EXAMPLES / "valid" / "rich-text.yaml")  # links, emphasis and code inside statements


def read_axe(path: Path) -> str:
    """axe-core's script; without it, skip here and fail under CI=true."""
    if path.is_file():
        return path.read_text(encoding="utf-8")
    advice = f"axe-core is not installed ({path} is missing): run `npm ci` (make test does)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{advice} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(advice)


@pytest.fixture(scope="session")
def axe_script() -> str:
    return read_axe(AXE)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)]
)
def test_missing_axe_fails_under_ci_and_skips_elsewhere(
    ci: str | None, outcome: type[BaseException], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="axe-core is not installed"):
        read_axe(tmp_path / "absent" / "axe.min.js")


def report(found: dict[int, Any]) -> str:
    """One line per violation: width, rule id, impact, how many elements, where."""
    lines = []
    for width, violations in found.items():
        assert isinstance(violations, list), f"{width} px: axe did not run: {violations}"
        for v in violations:
            where = ", ".join(v["targets"])
            lines.append(f"{width} px: {v['id']} ({v['impact']}, {v['count']}×): {where}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "spec", [*(BUILTIN_PREFIX + name for name in builtin_names()), SMALL, RICH, "stress"]
)
def test_no_serious_or_critical_accessibility_violation(
    spec: str, scheme: str, stress_ladder: str, chromium: str, axe_script: str, tmp_path: Path
) -> None:
    spec = stress_ladder if spec == "stress" else spec
    html = render.render_html(load_ladder(spec), name=spec)
    found = axe_violations(chromium, html, axe_script, tmp_path, WIDTHS, dark=scheme == "dark")
    assert report(found) == ""


def test_the_accessibility_check_sees_violations(
    chromium: str, axe_script: str, tmp_path: Path
) -> None:
    """The harness itself: an image without a text alternative is caught at every width, and
    text that is readable on the light page but not on the dark one is caught only in a dark
    system, so both schemes are really checked."""
    html = render.render_html(load_ladder(SMALL))
    bad = html.replace(
        "</main>",
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">'
        '<p class="dark-only-grey">Grey words</p></main>',
    ).replace(
        "</style>",
        "@media (prefers-color-scheme: dark) { .dark-only-grey { color: #333 } }</style>",
    )
    for scheme, contrast in (("light", False), ("dark", True)):
        work = tmp_path / scheme
        work.mkdir()
        found = axe_violations(chromium, bad, axe_script, work, WIDTHS, dark=scheme == "dark")
        text = report(found)
        assert text.count("image-alt (critical") == len(WIDTHS), text
        assert ("color-contrast (serious" in text) is contrast, text
        assert ".dark-only-grey" in text or not contrast, text
