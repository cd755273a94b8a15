"""The README says what the tool does: its rule table and examples stay true."""

from __future__ import annotations

import re

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from pmframework.check.rulebook import rule_table


def _between(text: str, marker: str) -> str:
    match = re.search(rf"<!-- {marker}:start -->\n(.*?)<!-- {marker}:end -->", text, re.S)
    assert match, f"README.md lacks the {marker} markers"
    return match.group(1)


def test_readme_rule_table_is_generated_from_the_rule_docstrings() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert _between(readme, "rules") == rule_table(markdown=True), (
        "README rule table is stale: paste `pmframework rules --format markdown` there"
    )


def test_every_rule_has_a_docstring_and_a_unique_name() -> None:
    from pmframework.check.rules import RULES

    names = [rule.NAME for rule in RULES.values()]
    assert len(names) == len(set(names))
    for rule in RULES.values():
        assert rule.__doc__ and len(rule.__doc__.strip()) > 40, rule.ID


def _readme_choices(section: str, option: str) -> list[str]:
    """The values the README's section lists for ``option``, as ``--option a|b|c``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n## {section}\n")
    end = readme.find("\n## ", start + 1)
    body = readme[start:end].replace("\\|", "|")
    match = re.search(rf"`{option} ([a-z]+(?:\|[a-z]+)+)`", body)
    assert match, f"README section {section!r} names no {option} values"
    return match.group(1).split("|")


def test_readme_lists_exactly_the_registered_formats_and_layouts() -> None:
    from pmframework.diff.report import FORMATTERS as DIFF_FORMATS
    from pmframework.render import FORMATS as RENDER_FORMATS
    from pmframework.report import FORMATTERS as FINDINGS_FORMATS
    from pmframework.sheets import EXPORT_FORMATS, LAYOUTS

    assert _readme_choices("Validate", "--format") == list(FINDINGS_FORMATS)
    assert _readme_choices("Render", "--format") == list(RENDER_FORMATS)
    assert _readme_choices("Diff", "--format") == list(DIFF_FORMATS)
    assert ["auto", *_readme_choices("Spreadsheets", "--layout")] == list(LAYOUTS)
    assert sorted(_readme_choices("Spreadsheets", "--format")) == sorted(EXPORT_FORMATS)


def test_the_command_line_offers_exactly_the_registered_names() -> None:
    from pmframework.cli import main
    from pmframework.diff.report import FORMATTERS as DIFF_FORMATS
    from pmframework.render import FORMATS as RENDER_FORMATS
    from pmframework.report import FORMATTERS as FINDINGS_FORMATS
    from pmframework.sheets import EXPORT_FORMATS, LAYOUTS

    def choices(command: str, option: str) -> list[str]:
        params = main.commands[command].params  # type: ignore[attr-defined]
        return list(next(p for p in params if p.name == option).type.choices)

    assert choices("validate", "output_format") == list(FINDINGS_FORMATS)
    assert choices("render", "output_format") == list(RENDER_FORMATS)
    assert choices("diff", "output_format") == list(DIFF_FORMATS)
    assert choices("import", "layout") == list(LAYOUTS)
    assert choices("export", "output_format") == list(EXPORT_FORMATS)
    # Every registered implementation can be imported.
    for registry in (FINDINGS_FORMATS, RENDER_FORMATS, DIFF_FORMATS):
        assert all(callable(registry[name]) for name in registry)
    assert all(callable(LAYOUTS[name]) for name in LAYOUTS if name != "auto")


def _requirements(pyproject: str, array: str) -> list[Requirement]:
    match = re.search(rf"^{array} = \[\n(.*?)^\]", pyproject, re.S | re.M)
    assert match, f"pyproject.toml has no {array} array"
    return [Requirement(line) for line in re.findall(r'^\s*"([^"]+)"', match.group(1), re.M)]


def test_lowest_constraints_pin_every_lower_bound() -> None:
    # make test runs the suite a second time with .ci/constraints-lowest.txt: a bound raised in
    # pyproject.toml and not there (or the reverse) would test versions nobody gets.
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    bounds = {
        canonicalize_name(r.name): Version(spec.version)
        for r in [*_requirements(pyproject, "dependencies"), *_requirements(pyproject, "test")]
        for spec in r.specifier
        if spec.operator == ">="
    }
    lines = (REPO / ".ci" / "constraints-lowest.txt").read_text(encoding="utf-8").splitlines()
    pins = {
        canonicalize_name(name): Version(version)
        for name, version in (line.split("==") for line in lines if line and line[0] != "#")
    }
    assert "pyyaml" in bounds and "pytest" in bounds  # both arrays were read
    assert pins == bounds


def test_readme_states_the_sheet_limits_that_import_enforces() -> None:
    from pmframework.sheets import grid
    from pmframework.sheets.layouts import MAX_STATEMENTS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| a sheet to import |"))
    start = readme.index("A sheet is read cell by cell")
    paragraph = " ".join(readme[start : readme.index("\n\n", start)].split())
    limits = (
        grid.MAX_ROWS,
        grid.MAX_COLUMNS,
        grid.MAX_CELLS,
        grid.MAX_TEXT_CELLS,
        grid.MAX_SHEET_CHARS,
        MAX_STATEMENTS,
    )
    for limit in limits:
        assert f"{limit:,}" in row, limit
        assert f"{limit:,}" in paragraph, limit
