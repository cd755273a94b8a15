"""The reference frameworks in frameworks/: faithful to their seed documents, sourced, valid.

These tests read the YAML files directly (yaml.safe_load) and depend on no package code, so a
broken loader or rule cannot hide a broken framework, nor the other way round.

- every quote is verbatim in the seed document its source names;
- every statement is sourced (source + quote) or marked ``editorial: true``;
- a table maps each level and skill the seed documents name to the id that carries it;
- every file validates against the JSON Schema, and keeps the house conventions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import conftest
import jsonschema
import pytest
import yaml
from conftest import SEEDS, needs_seeds

REPO = Path(__file__).resolve().parents[1]
FRAMEWORKS = REPO / "frameworks"
SCHEMA = REPO / "schema" / "ladder" / "v1.schema.json"

EXPECTED_FILES = {
    "asana.yaml",
    "atlassian.yaml",
    "atlassian-confluence.yaml",
    "carta.yaml",
    "headspace.yaml",
    "product-management.yaml",
    "splunk.yaml",
    "udemy.yaml",
    "walmart.yaml",
}
FILES = sorted(path.name for path in FRAMEWORKS.glob("*.yaml"))

S000 = "000_57e2c5b9b03ea5db.txt"  # Alterman (Asana)
S001 = "001_b5337b189c53ff7b.txt"  # Baryshnikova, Krasteva, Alterman, Johal, Mithal
S002 = "002_39a10443cf50134f.txt"  # product vs project management thread
S003 = "003_4868fb17af133656.txt"  # Kravchenko, Baryshnikova, Vakhariya, Baskaran
S004 = "004_bdfe63356ef5141d.txt"  # Tom Evans, 42 Rules of Product Management, rule #21

# Keys whose value is one statement, and keys whose value is a list of statements.
STATEMENT_KEYS = {"summary", "description", "purpose", "prompt"}
STATEMENT_LIST_KEYS = {
    "criteria",
    "examples",
    "promotion",
    "in_scope",
    "out_of_scope",
    "promotion_process",
    "rationale",
}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b|\blorem\b", re.IGNORECASE)

# (framework file, seed file, a short verbatim passage of the seed, id that carries it).
# The id is a level, competency, track, dimension, scale or sub-grade id; "level/competency"
# for one expectation; or a top-level key (role, promotion_process, assessment).
# fmt: off
PASSAGES: list[tuple[str, str, str, str]] = [
    # Asana (Tom Alterman): junior and senior PM, promotion rule, IC path, interview question.
    ("asana.yaml", S000, "As a more junior PM you are working on a well-defined initiative",
     "junior-pm"),
    ("asana.yaml", S000, "You contribute to the strategy for a program", "junior-pm"),
    ("asana.yaml", S000, "you have a lot of autonomy in running a program team", "senior-pm"),
    ("asana.yaml", S000, "You coach other PMs informally", "senior-pm"),
    ("asana.yaml", S000, "we don't use leveled job titles to indicate seniority", "framework"),
    ("asana.yaml", S000, "we use Success Guides for every team", "promotion_process"),
    ("asana.yaml", S000, "additional ways to stretch and grow outside of a traditional role",
     "promotion_process"),
    ("asana.yaml", S000, "we then start giving them extra responsibilities", "promotion_process"),
    ("asana.yaml", S000, "do we decide they are ready to be promoted", "promotion_process"),
    ("asana.yaml", S000, "There's a financially rewarding path", "product-management"),
    ("asana.yaml", S000, "the most impactful thing you’ve ever worked on", "assessment"),
    ("asana.yaml", S000, "It works for every level of experience.", "assessment"),
    # Atlassian (Natalia Baryshnikova): IC PM.
    ("atlassian.yaml", S003, "Individual contributor (IC) PM", "ic-pm"),
    ("atlassian.yaml", S003, "Prioritization, trade-offs", "ic-pm/product-judgement"),
    ("atlassian.yaml", S003, "taste (sense for what makes a good user/developer/API experience)",
     "ic-pm/product-judgement"),
    ("atlassian.yaml", S003, "empathy for users/stakeholders/engineers/designers",
     "ic-pm/empathy-and-influence"),
    ("atlassian.yaml", S003, "knowing how to develop and test a hypothesis",
     "ic-pm/evidence-and-impact"),
    ("atlassian.yaml", S003, "grasp of success and guardrail metrics",
     "ic-pm/evidence-and-impact"),
    ("atlassian.yaml", S003, "growth mindset (ability to change one's mind",
     "ic-pm/growth-mindset"),
    # Atlassian: Senior-Principal IC PM.
    ("atlassian.yaml", S003, "Senior-Principal IC PM: Everything above plus",
     "senior-principal-pm"),
    ("atlassian.yaml", S003, "thinking in systems", "senior-principal-pm/evidence-and-impact"),
    ("atlassian.yaml", S003, "influencing stakeholders",
     "senior-principal-pm/empathy-and-influence"),
    ("atlassian.yaml", S003, "thinking in bets", "senior-principal-pm/product-judgement"),
    ("atlassian.yaml", S003, "sense of product-market fit",
     "senior-principal-pm/product-judgement"),
    ("atlassian.yaml", S003, "knowing how to craft a strategy and 1-year+ roadmap",
     "senior-principal-pm/product-judgement"),
    ("atlassian.yaml", S003, "compelling written and verbal communication skills",
     "senior-principal-pm/empathy-and-influence"),
    ("atlassian.yaml", S001, "operating with a mastery of skills that I expect from a senior",
     "senior-principal-pm"),
    ("atlassian.yaml", S001, "establish what are their expectations for a Sr. PM",
     "promotion_process"),
    # Atlassian: the managers.
    ("atlassian.yaml", S003, "the skillset evolves from being craft-centric to a more generic one",
     "management"),
    ("atlassian.yaml", S003, "Manager of IC PMs (e.g. Group Product Manager or Director)",
     "manager-of-ic-pms"),
    ("atlassian.yaml", S003, "vision setting", "manager-of-ic-pms/vision-and-opportunity"),
    ("atlassian.yaml", S003, "clarity (ability to absorb complexity",
     "manager-of-ic-pms/clarity-and-communication"),
    ("atlassian.yaml", S003, "efficiency in managing dependencies across your group and others",
     "manager-of-ic-pms/organizational-alignment"),
    ("atlassian.yaml", S003, "ability to inspire others", "manager-of-ic-pms/team-building"),
    ("atlassian.yaml", S003, "ability to identify talent and strengths in others",
     "manager-of-ic-pms/team-building"),
    ("atlassian.yaml", S003, "creating space for others", "manager-of-ic-pms/team-building"),
    ("atlassian.yaml", S003, "Manager of Managers (e.g. Head of Product)", "manager-of-managers"),
    ("atlassian.yaml", S003, "sourcing context from other parts of organization",
     "manager-of-managers/organizational-alignment"),
    ("atlassian.yaml", S003, "ensuring team alignment and optimization for global goals",
     "manager-of-managers/organizational-alignment"),
    ("atlassian.yaml", S003, "managing team headcount growth", "manager-of-managers/team-building"),
    ("atlassian.yaml", S003, "public speaking skills to represent your team/company",
     "manager-of-managers/clarity-and-communication"),
    ("atlassian.yaml", S003, "identifying good opportunities the team is not working on",
     "manager-of-managers/vision-and-opportunity"),
    ("atlassian.yaml", S003, "M&A/ability to integrate an acquired team",
     "manager-of-managers/team-building"),
    ("atlassian.yaml", S003, "Manager of Managers of Managers (e.g. CPO)",
     "manager-of-managers-of-managers"),
    ("atlassian.yaml", S003, "crafting internal and external narratives",
     "manager-of-managers-of-managers/clarity-and-communication"),
    ("atlassian.yaml", S003, '"translation" and mediation between executives and product org',
     "manager-of-managers-of-managers/organizational-alignment"),
    ("atlassian.yaml", S003, "advocacy up and down",
     "manager-of-managers-of-managers/organizational-alignment"),
    ("atlassian.yaml", S003, "dirving cohesion in quality of hiring",
     "manager-of-managers-of-managers/team-building"),
    ("atlassian.yaml", S003, "defining and maintaining principles and standards of product craft",
     "manager-of-managers-of-managers/team-building"),
    ("atlassian.yaml", S003, "keen market awareness",
     "manager-of-managers-of-managers/vision-and-opportunity"),
    ("atlassian.yaml", S003, "sense of global product opportunities and innovation",
     "manager-of-managers-of-managers/vision-and-opportunity"),
    ("atlassian.yaml", S003, "exceptional listening skills and ability to quickly get to the core",
     "manager-of-managers-of-managers/clarity-and-communication"),
    # Atlassian Confluence (Paresh Vakhariya).
    ("atlassian-confluence.yaml", S003, "For a PM or Sr. PM", "pm"),
    ("atlassian-confluence.yaml", S003, "Strategic thinking and ability to develop product",
     "pm/strategy-and-roadmaps"),
    ("atlassian-confluence.yaml", S003, "Deep understanding of customer/user issues",
     "pm/customer-understanding"),
    ("atlassian-confluence.yaml", S003, "Strong communication and leadership skills to lead",
     "pm/communication-and-leadership"),
    ("atlassian-confluence.yaml", S003, "Advanced knowledge of prioritization and risk management",
     "pm/prioritization-and-risk"),
    ("atlassian-confluence.yaml", S003, "Advanced analytical skills to define OKR's and metrics",
     "pm/metrics-and-okrs"),
    ("atlassian-confluence.yaml", S003, "all of th ePM skills plus", "director"),
    ("atlassian-confluence.yaml", S003, "guide and inspire many product teams via a vision",
     "director/communication-and-leadership"),
    ("atlassian-confluence.yaml", S003, "Advanced stakeholder management",
     "director/stakeholder-management"),
    ("atlassian-confluence.yaml", S003, "Advanced understanding of metrics and company OKR's",
     "director/metrics-and-okrs"),
    ("atlassian-confluence.yaml", S003, "Industry knowledge and thought leadership",
     "director/industry-leadership"),
    ("atlassian-confluence.yaml", S003, "Ability to interface with customers",
     "director/customer-understanding"),
    ("atlassian-confluence.yaml", S003, "Hiring, and mentoring a team.", "director/team-building"),
    ("atlassian-confluence.yaml", S003, "Help guide through inter personal issues.",
     "director/team-building"),
    # Carta (Anton Kravchenko).
    ("carta.yaml", S003, "Associate PM -- the bar here is that", "apm"),
    ("carta.yaml", S003, "great critical thinking", "apm/judgement-and-strategy"),
    ("carta.yaml", S003, "clear communication", "apm/communication"),
    ("carta.yaml", S003, "energy", "apm/energy"),
    ("carta.yaml", S003, "a mix of CS and business degree", "apm/background-and-experience"),
    ("carta.yaml", S003, "Senior PM -- in addition to the above", "senior-pm"),
    ("carta.yaml", S003, "track record of previously released products and features",
     "senior-pm/background-and-experience"),
    ("carta.yaml", S003, "You also know what Product Management is all about",
     "senior-pm/background-and-experience"),
    ("carta.yaml", S003, "you don't need to be told what to do and how to do it",
     "senior-pm/judgement-and-strategy"),
    ("carta.yaml", S003, "tell your manager about the work you have done",
     "senior-pm/judgement-and-strategy"),
    ("carta.yaml", S003, "inspiring leader with great people skills",
     "director-pm/people-leadership"),
    ("carta.yaml", S003, "setting the vision and strategy and helping your team stay on course",
     "director-pm/judgement-and-strategy"),
    ("carta.yaml", S003, "defending the strategy and updating everyone",
     "director-pm/communication"),
    ("carta.yaml", S003, "helping your team grow", "director-pm/people-leadership"),
    # Splunk (Subu Baskaran).
    ("splunk.yaml", S003, "In large organizations, product management usually has two tracks",
     "ic"),
    ("splunk.yaml", S003, "an entry-level PM with a good product sense", "entry-pm"),
    ("splunk.yaml", S003, "Once you have a couple of feature launches under your belt",
     "senior-pm"),
    ("splunk.yaml", S003, "you own the strategy for your product", "senior-pm"),
    ("splunk.yaml", S003, "usually a Principal Product Manager", "principal-pm"),
    ("splunk.yaml", S003, "foster collaboration across teams", "principal-pm"),
    ("splunk.yaml", S003, "PMs can grow as individual contributors to director or even VP",
     "ic-director"),
    ("splunk.yaml", S003, "mentor junior PMs", "ic-director"),
    ("splunk.yaml", S003, "build executable 1-3-year roadmaps", "ic-director"),
    ("splunk.yaml", S003, "As a PM people manager, the role changes", "management"),
    ("splunk.yaml", S003, "usually at a Senior Manager level as a people manager",
     "senior-manager"),
    ("splunk.yaml", S003, "PMs at director and higher levels", "director"),
    # Walmart (Milena Krasteva).
    ("walmart.yaml", S001, "product definition", "product-definition"),
    ("walmart.yaml", S001, "technical or domain expertise", "technical-domain-expertise"),
    ("walmart.yaml", S001, "ability to navigate and project manage increasing levels of complexity",
     "navigating-complexity"),
    ("walmart.yaml", S001, "ability to communicate effectively", "communication"),
    ("walmart.yaml", S001, "ability to influence", "influence"),
    ("walmart.yaml", S001, '"learning the ropes" to "knowing the ropes"', "ropes"),
    ("walmart.yaml", S001, "A PM typically receives a lot more prescriptive direction", "pm"),
    ("walmart.yaml", S001, "A Sr PM has shown good judgement", "sr-pm"),
    ("walmart.yaml", S001, "Sr PM I, Sr PM II", "sr-pm-i"),
    ("walmart.yaml", S001, "This holds true for a progression to Principle, Director etc.",
     "promotion_process"),
    # Udemy (Era Johal).
    ("udemy.yaml", S001, "As you progress from PM to senior PM", "pm"),
    ("udemy.yaml", S001, "Autonomy", "autonomy"),
    ("udemy.yaml", S001, "Scope", "scope"),
    ("udemy.yaml", S001, "Leadership", "leadership"),
    ("udemy.yaml", S001, "You recommend initiatives based on your strategic evaluation",
     "senior-pm"),
    ("udemy.yaml", S001, "You leverage relationships across the org.", "senior-pm"),
    ("udemy.yaml", S001, "You are seen as an available and trustworthy mentor", "senior-pm"),
    ("udemy.yaml", S001, "increased scope, being a reliable partner and being results driven",
     "senior-pm"),
    # Headspace (Vasudha Mithal).
    ("headspace.yaml", S001, "PMs focus more on execution", "pm"),
    ("headspace.yaml", S001, "SPMs have had at least one meaningful product launch", "spm"),
    ("headspace.yaml", S001, "SPMs are able to cut across product lines", "spm"),
    ("headspace.yaml", S001, "SPMs establish a relationship with various stakeholders", "spm"),
    ("headspace.yaml", S001, "SPMs can outline a broader business strategy", "spm"),
    ("headspace.yaml", S001, "IC/Principle PM path", "principal-pm"),
    ("headspace.yaml", S001, "manager/GPM path", "gpm"),
    # The reference ladder draws on every seed document.
    ("product-management.yaml", S000, "the most impactful thing you’ve ever worked on",
     "assessment"),
    ("product-management.yaml", S000, "You coach other PMs informally",
     "senior-pm/growth-and-mentoring"),
    ("product-management.yaml", S001, "A Sr PM has shown good judgement", "senior-pm"),
    ("product-management.yaml", S001, "operating with a mastery of skills", "senior-pm"),
    ("product-management.yaml", S001, "IC/Principle PM path", "principal-pm"),
    ("product-management.yaml", S001, "manager/GPM path", "group-pm"),
    ("product-management.yaml", S002, "PM work is very often confused with project management",
     "role"),
    ("product-management.yaml", S002, "measure your success by the impact", "role"),
    ("product-management.yaml", S003, "an entry-level PM with a good product sense", "apm"),
    ("product-management.yaml", S003, "usually at a Senior Manager level", "group-pm"),
    ("product-management.yaml", S003, "Manager of Managers (e.g. Head of Product)",
     "head-of-product"),
    ("product-management.yaml", S003, "Manager of Managers of Managers (e.g. CPO)", "cpo"),
    ("product-management.yaml", S004, "there was no need for me to speak with customers", "role"),
    ("product-management.yaml", S004, "make sure your definition is aligned", "assessment"),
]
# fmt: on


# ---------------------------------------------------------------------------------------------
# Helpers


def normalize(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


@cache
def load(name: str) -> dict[str, Any]:
    with (FRAMEWORKS / name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), f"{name}: top level is not a mapping"
    return data


@cache
def seed(document: str) -> str:
    """The text of a seed document, named by its file name or by its path from frameworks/."""
    return normalize((SEEDS / Path(document).name).read_text(encoding="utf-8"))


def statements(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every statement object (a mapping with a ``text`` key) under ``node``, with its path."""
    return mappings_with(node, "text")


def citations(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every citation under ``node``: a statement's own source and quote, each entry of its
    ``sources``, and each sourced ``provenance`` of structure."""
    return mappings_with(node, "source")


def mappings_with(node: Any, key: str, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping under ``node`` that has ``key``, with its path."""
    if isinstance(node, dict):
        if key in node:
            yield path, node
        for name, value in node.items():
            yield from mappings_with(value, key, f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from mappings_with(item, key, f"{path}[{i}]")


def statement_slots(node: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Every value that sits where the schema expects a statement."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key in STATEMENT_KEYS:
                yield here, value
            elif key in STATEMENT_LIST_KEYS and isinstance(value, list):
                for i, item in enumerate(value):
                    yield f"{here}[{i}]", item
            elif key == "dimensions" and isinstance(value, dict):  # a level's dimension values
                for dimension, item in value.items():
                    yield f"{here}.{dimension}", item
            yield from statement_slots(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from statement_slots(item, f"{path}[{i}]")


def levels(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for track in data["tracks"]:
        for level in track["levels"]:
            yield track, level


def competencies(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for area in data.get("areas", []):
        yield from area.get("competencies", [])


def sources_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {source["id"]: source for source in data.get("sources", [])}


def carrier(data: dict[str, Any], ident: str) -> list[Any]:
    """The parts of the ladder that carry ``ident``; empty when nothing does."""
    if ident in {"framework", "role", "promotion_process", "assessment"}:
        return [data[ident]] if ident in data else []
    if "/" in ident:
        level_id, competency_id = ident.split("/", 1)
        return [
            level["expectations"][competency_id]
            for _, level in levels(data)
            if level["id"] == level_id and competency_id in level.get("expectations", {})
        ]
    found: list[Any] = []
    for track, level in levels(data):
        if track["id"] == ident:
            found.append({k: v for k, v in track.items() if k != "levels"})
        if level["id"] == ident:
            found.append(level)
        found.extend(sub for sub in level.get("sub_grades", []) if sub["id"] == ident)
        if ident in level.get("expectations", {}):  # a competency: its expectations
            found.append(level["expectations"][ident])
        if ident in level.get("dimensions", {}):  # a dimension: its values
            found.append(level["dimensions"][ident])
    for kind in ("scales", "dimensions"):
        found.extend(item for item in data.get(kind, []) if item["id"] == ident)
    found.extend(c for c in competencies(data) if c["id"] == ident)
    return found


def names(node: Any) -> Iterator[str]:
    """Names and titles under ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"name", "title"} and isinstance(value, str):
                yield value
            elif key == "alternative_titles":
                yield from value
            else:
                yield from names(value)
    elif isinstance(node, list):
        for item in node:
            yield from names(item)


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)]
)
def test_missing_seeds_fail_under_ci_and_skip_elsewhere(
    ci: str | None, outcome: type[BaseException], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # CI runs in a fresh clone: a seeds folder that is not there must not pass as 149 skips.
    monkeypatch.setattr(conftest, "SEEDS", tmp_path / "absent")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="put the folder shared/seeds beside this checkout"):
        needs_seeds()


# ---------------------------------------------------------------------------------------------
# The set of files


def test_every_expected_framework_is_present() -> None:
    assert set(FILES) == EXPECTED_FILES


# ---------------------------------------------------------------------------------------------
# 1. Quotes are verbatim


@pytest.mark.parametrize("name", FILES)
def test_quotes_are_verbatim_in_the_cited_seed(name: str) -> None:
    needs_seeds()
    data = load(name)
    sources = sources_by_id(data)
    wrong = []
    for path, citation in citations(data):
        document = sources[citation["source"]]["document"]
        if normalize(citation["quote"]) not in seed(document):
            wrong.append(f"{path}: {citation['quote']!r} is not in {document}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", FILES)
def test_source_documents_exist(name: str) -> None:
    needs_seeds()
    missing = [
        f"{source['id']}: {source['document']}"
        for source in load(name).get("sources", [])
        if not (FRAMEWORKS / source["document"]).is_file()
    ]
    assert not missing


# ---------------------------------------------------------------------------------------------
# 2. Every statement is sourced or editorial


@pytest.mark.parametrize("name", FILES)
def test_no_bare_strings_where_statements_go(name: str) -> None:
    bare = [path for path, value in statement_slots(load(name)) if not isinstance(value, dict)]
    assert not bare, "statements must be objects with text and source or editorial: " + ", ".join(
        bare
    )


@pytest.mark.parametrize("name", FILES)
def test_every_statement_is_sourced_or_editorial(name: str) -> None:
    data = load(name)
    sources = sources_by_id(data)
    problems = []
    for path, statement in statements(data):
        sourced = "source" in statement
        editorial = statement.get("editorial") is True
        if sourced == editorial:
            problems.append(f"{path}: needs exactly one of source and editorial: true")
        elif sourced and statement["source"] not in sources:
            problems.append(f"{path}: unknown source {statement['source']!r}")
        elif sourced and not str(statement.get("quote", "")).strip():
            problems.append(f"{path}: a sourced statement carries a quote")
        elif not all(str(c.get("quote", "")).strip() for c in statement.get("sources", [])):
            problems.append(f"{path}: each further source carries a quote")
        elif editorial and "quote" in statement:
            problems.append(f"{path}: an editorial statement has no quote")
        if not str(statement["text"]).strip():
            problems.append(f"{path}: empty text")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FILES)
def test_every_source_is_cited(name: str) -> None:
    data = load(name)
    cited = {c["source"] for _, c in citations(data)}
    assert set(sources_by_id(data)) == cited


# ---------------------------------------------------------------------------------------------
# 3. Seed passages map to the ids that carry them


PASSAGE_PARAMS = [pytest.param(*row, id=f"{row[0]}:{row[3]}:{row[2][:30]}") for row in PASSAGES]


@pytest.mark.parametrize(("name", "document", "passage", "ident"), PASSAGE_PARAMS)
def test_passage_is_in_its_seed(name: str, document: str, passage: str, ident: str) -> None:
    needs_seeds()
    assert normalize(passage) in seed(document)


@pytest.mark.parametrize(("name", "document", "passage", "ident"), PASSAGE_PARAMS)
def test_passage_is_carried_by_its_id(name: str, document: str, passage: str, ident: str) -> None:
    data = load(name)
    parts = carrier(data, ident)
    assert parts, f"{name}: no level, competency, track or section with id {ident!r}"
    sources = sources_by_id(data)
    citing = [
        s
        for part in parts
        for _, s in statements(part)
        if "source" in s and Path(sources[s["source"]]["document"]).name == document
    ]
    assert citing, f"{name}: nothing under {ident!r} cites {document}"
    wanted = normalize(passage).casefold()
    quoted = [normalize(s["quote"]).casefold() for s in citing]
    named = [normalize(n).casefold() for part in parts for n in names(part)]
    assert any(wanted in q or q in wanted for q in quoted) or any(wanted in n for n in named), (
        f"{name}: no quote or name under {ident!r} carries {passage!r}"
    )


def test_every_company_framework_is_in_the_table() -> None:
    assert {row[0] for row in PASSAGES} == EXPECTED_FILES


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES - {"product-management.yaml"}))
def test_every_level_of_a_company_framework_is_in_the_table(name: str) -> None:
    tabled = {row[3].split("/")[0] for row in PASSAGES if row[0] == name}
    untabled = [level["id"] for _, level in levels(load(name)) if level["id"] not in tabled]
    assert not untabled


# ---------------------------------------------------------------------------------------------
# 4. Schema and conventions


@pytest.mark.parametrize("name", FILES)
def test_validates_against_the_schema(name: str) -> None:
    data = json.loads(json.dumps(load(name), default=str))
    errors = [f"{e.json_path}: {e.message}" for e in schema_validator().iter_errors(data)]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", FILES)
def test_header_conventions(name: str) -> None:
    data = load(name)
    framework = data["framework"]
    assert data["schema_version"] == 1
    assert framework["id"] == Path(name).stem
    assert framework["status"] == "published"
    assert framework["version"] == "1.0.0"
    assert framework["language"] == "en"
    assert framework["license"] == "CC-BY-4.0"
    assert isinstance(framework["description"], dict)
    for source in data.get("sources", []):
        assert re.fullmatch(r"[a-z]+-\d{3}", source["id"]), source["id"]
        assert source["id"].endswith(Path(source["document"]).name[:3]), source["id"]
        assert source["document"].startswith("../../shared/seeds/"), source["id"]
        assert {"person", "role", "organization"} <= source.keys(), source["id"]
        assert isinstance(source.get("date", ""), str), source["id"]


@pytest.mark.parametrize("name", FILES)
def test_ids_are_kebab_case_and_unique(name: str) -> None:
    data = load(name)
    level_ids = [level["id"] for _, level in levels(data)]
    competency_ids = [c["id"] for c in competencies(data)]
    assert len(level_ids) == len(set(level_ids)), "level ids are unique across tracks"
    assert len(competency_ids) == len(set(competency_ids)), "competency ids are unique"
    everything = [
        *level_ids,
        *competency_ids,
        *(track["id"] for track in data["tracks"]),
        *(area["id"] for area in data.get("areas", [])),
        *(item["id"] for item in data.get("dimensions", [])),
        *(item["id"] for item in data.get("scales", [])),
        *(sub["id"] for _, level in levels(data) for sub in level.get("sub_grades", [])),
        *(step["id"] for scale in data.get("scales", []) for step in scale["steps"]),
    ]
    assert [i for i in everything if not KEBAB.match(i)] == []


@pytest.mark.parametrize("name", FILES)
def test_tracks_rank_upward_with_one_title_each(name: str) -> None:
    for track in load(name)["tracks"]:
        ranks = [level["rank"] for level in track["levels"]]
        assert ranks == sorted(set(ranks)), f"{track['id']}: ranks {ranks}"
        titles = [
            t.casefold()
            for level in track["levels"]
            for t in (level["title"], *level.get("alternative_titles", []))
        ]
        assert len(titles) == len(set(titles)), f"{track['id']}: a title is used twice"


@pytest.mark.parametrize("name", FILES)
def test_equivalents_are_mutual_and_inheritance_is_acyclic(name: str) -> None:
    data = load(name)
    by_id = {level["id"]: (track["id"], level) for track, level in levels(data)}
    for level_id, (track_id, level) in by_id.items():
        for other in level.get("equivalents", []):
            assert other in by_id, f"{level_id}: unknown equivalent {other}"
            assert by_id[other][0] != track_id, f"{level_id}: equivalent in the same track"
            assert level_id in by_id[other][1].get("equivalents", []), f"{other} ↛ {level_id}"
        seen = [level_id]
        parent = level.get("inherits")
        while parent is not None:
            assert parent in by_id, f"{level_id}: inherits unknown {parent}"
            assert parent not in seen, f"inheritance cycle {[*seen, parent]}"
            seen.append(parent)
            parent = by_id[parent][1].get("inherits")


@pytest.mark.parametrize("name", FILES)
def test_no_missing_expectations(name: str) -> None:
    data = load(name)
    by_id = {level["id"]: level for _, level in levels(data)}
    gaps = []
    for track, level in levels(data):
        resolved: set[str] = set()
        current: dict[str, Any] | None = level
        while current is not None:
            resolved |= set(current.get("expectations", {}))
            parent = current.get("inherits")
            current = by_id.get(parent) if parent else None
        for competency in competencies(data):
            applies = competency.get("tracks") is None or track["id"] in competency["tracks"]
            if applies and competency["id"] not in resolved:
                gaps.append(f"{level['id']}: {competency['id']}")
    assert not gaps


@pytest.mark.parametrize("name", FILES)
def test_no_copied_text_and_no_placeholders(name: str) -> None:
    seen: dict[str, str] = {}
    problems = []
    for path, statement in statements(load(name)):
        text = normalize(statement["text"]).casefold()
        if text in seen:
            problems.append(f"{path}: same text as {seen[text]}")
        seen.setdefault(text, path)
        if PLACEHOLDER.search(statement["text"]):
            problems.append(f"{path}: placeholder")
    assert not problems, "\n".join(problems)


# Ranks on the common scale: 1 APM, 2 PM, 3 Senior PM, 4 Principal ≈ GPM / Senior Manager,
# 5 Director, 6 Head of Product, 7 VP, 8 CPO.
RANKS = [
    ("asana.yaml", "junior-pm", 1),
    ("asana.yaml", "senior-pm", 3),
    ("atlassian.yaml", "ic-pm", 2),
    ("atlassian.yaml", "senior-principal-pm", 3),
    ("atlassian.yaml", "manager-of-ic-pms", 5),
    ("atlassian.yaml", "manager-of-managers", 6),
    ("atlassian.yaml", "manager-of-managers-of-managers", 8),
    ("atlassian-confluence.yaml", "pm", 2),
    ("atlassian-confluence.yaml", "director", 5),
    ("carta.yaml", "apm", 1),
    ("carta.yaml", "senior-pm", 3),
    ("carta.yaml", "director-pm", 5),
    ("headspace.yaml", "pm", 2),
    ("headspace.yaml", "spm", 3),
    ("headspace.yaml", "principal-pm", 4),
    ("headspace.yaml", "gpm", 4),
    ("splunk.yaml", "entry-pm", 1),
    ("splunk.yaml", "senior-pm", 3),
    ("splunk.yaml", "principal-pm", 4),
    ("splunk.yaml", "senior-manager", 4),
    ("udemy.yaml", "pm", 2),
    ("udemy.yaml", "senior-pm", 3),
    ("walmart.yaml", "pm", 2),
    ("walmart.yaml", "sr-pm", 3),
    ("product-management.yaml", "apm", 1),
    ("product-management.yaml", "principal-pm", 4),
    ("product-management.yaml", "group-pm", 4),
    ("product-management.yaml", "director", 5),
    ("product-management.yaml", "cpo", 8),
]


@pytest.mark.parametrize(("name", "level_id", "rank"), RANKS)
def test_ranks_align_across_companies(name: str, level_id: str, rank: int) -> None:
    ranks = {level["id"]: level["rank"] for _, level in levels(load(name))}
    assert ranks[level_id] == rank


def test_splunk_principal_and_senior_manager_are_equivalent() -> None:
    ranks = {level["id"]: level for _, level in levels(load("splunk.yaml"))}
    assert ranks["principal-pm"]["equivalents"] == ["senior-manager"]
    assert ranks["senior-manager"]["equivalents"] == ["principal-pm"]


def test_atlassian_first_manager_level_starts_afresh() -> None:
    managers = {level["id"]: level for _, level in levels(load("atlassian.yaml"))}
    assert "inherits" not in managers["manager-of-ic-pms"]
    assert managers["manager-of-managers"]["inherits"] == "manager-of-ic-pms"
    assert managers["manager-of-managers-of-managers"]["inherits"] == "manager-of-managers"


# ---------------------------------------------------------------------------------------------
# 5. Structure says where it comes from; the review covers every statement

STRUCTURE_FIELDS = ("rank", "inherits", "equivalents", "alternative_titles", "sub_grades")


@pytest.mark.parametrize("name", FILES)
def test_every_structural_choice_is_sourced_or_editorial(name: str) -> None:
    data = load(name)
    sources = sources_by_id(data)
    problems = []
    for _, level in levels(data):
        bases = {key: level.get("provenance", {}).get(key) for key in STRUCTURE_FIELDS}
        bases.update(
            {
                f"{competency}.proficiency": expectation.get("provenance", {}).get("proficiency")
                for competency, expectation in level.get("expectations", {}).items()
                if "proficiency" in expectation
            }
        )
        for key, basis in bases.items():
            field_name = key.rsplit(".", 1)[-1]
            present = field_name == "proficiency" or field_name in level
            if present and basis is None:
                problems.append(f"{level['id']}.{key}: no provenance")
            elif basis is not None and basis.get("editorial"):
                if not str(basis.get("reason", "")).strip() or "source" in basis:
                    problems.append(f"{level['id']}.{key}: editorial needs a reason and no source")
            elif basis is not None and not (
                basis.get("source") in sources and str(basis.get("quote", "")).strip()
            ):
                problems.append(f"{level['id']}.{key}: a sourced choice names a source and quote")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES - {"product-management.yaml"}))
def test_each_company_file_says_whose_account_it_is(name: str) -> None:
    data = load(name)
    (person,) = {source["person"] for source in data["sources"]}
    framework = data["framework"]
    assert person in framework["description"]["text"]
    if name != "asana.yaml":  # the one account of its own company's levels
        assert re.search(r"as (described|listed) by " + person, framework["title"])
        assert re.search(r"\bgeneral\b|in large\s+organizations", framework["description"]["text"])


def test_the_review_lists_every_statement_once() -> None:
    review = (FRAMEWORKS / "REVIEW.md").read_text(encoding="utf-8")
    table = review[review.index("## Every statement") :]
    listed = re.findall(r"^\| (\S+\.yaml) \| `([^`]+)` \|", table, re.M)
    wanted = [
        (name, path)
        for name in FILES
        for path, _ in statements(load(name))
        if ".sources[" not in path and ".provenance." not in path
    ]
    assert sorted(listed) == sorted(wanted)
    verdicts = re.findall(r"\| (faithful|fixed|added|editorial) \|[^|\n]*\|$", table, re.M)
    assert len(verdicts) == len(wanted)
