"""The README says what the tool does: its rule table and examples stay true."""

from __future__ import annotations

import re

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from pmframework.rulebook import rule_table


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
    from pmframework.rules import RULES

    names = [rule.NAME for rule in RULES.values()]
    assert len(names) == len(set(names))
    for rule in RULES.values():
        assert rule.__doc__ and len(rule.__doc__.strip()) > 40, rule.ID


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
