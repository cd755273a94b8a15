"""The Python API: what `import pmframework` offers, and what it costs at start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pmframework


def test_api_loads_validates_renders_and_diffs() -> None:
    ladder = pmframework.load_ladder("builtin:carta")
    assert [level.id for level in ladder.levels] == ["apm", "senior-pm", "director-pm"]

    report = pmframework.validate_paths(["builtin:carta"])
    assert report.findings == [] and not report.failed()

    markdown = pmframework.render_ladder(ladder, "markdown")
    assert all(level.title in markdown for level in ladder.levels)

    same = pmframework.diff_ladders(
        pmframework.load_side("builtin:carta"), pmframework.load_side("builtin:carta")
    )
    assert same.body.equal
    other = pmframework.diff_ladders(
        pmframework.load_side("builtin:carta"), pmframework.load_side("builtin:atlassian")
    )
    assert other.mode == "companies" and not other.body.equal


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        pmframework.nope  # noqa: B018


def test_importing_the_package_does_not_load_diff_render_or_jsonschema() -> None:
    # What a pre-commit hook pays on every commit: only what validate needs, loaded lazily.
    code = (
        "import sys, pmframework.cli; "
        "print(sorted(m for m in ('pmframework.diff.compare', 'pmframework.render.output', "
        "'jinja2', 'jsonschema', 'openpyxl', 'weasyprint') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
