"""The core rules: the checks that make a file usable at all, which cannot be ignored.

Their ids, names and summaries are declared here once; the engine, the schema check and the rule
table all read them from here. The semantic rules live in pmframework.check.rules, one module each.
"""

from __future__ import annotations

from typing import NamedTuple


class CoreRule(NamedTuple):
    name: str
    summary: str
    why: str = ""
    fails: str = ""
    passes: str = ""


PARSE_RULE = "PMF000"
SCHEMA_RULE = "PMF001"
VERSION_RULE = "PMF002"
BASE_RULE = "PMF003"
CYCLE_RULE = "PMF004"

# Rule id → its name and a summary of what it checks, in id order.
CORE_RULES: dict[str, CoreRule] = {
    PARSE_RULE: CoreRule(
        "unreadable",
        "the file can be read and parsed as one YAML or JSON document",
        "Nothing else can be checked in a file that does not parse; the message says how to "
        "fix the commonest mistakes (a colon in plain text, a tab, a wrong indent).",
        "title: Zephyr Labs: PM ladder\n",
        'title: "Zephyr Labs: PM ladder"\n',
    ),
    SCHEMA_RULE: CoreRule(
        "schema",
        "the file follows the JSON Schema of its version",
        "The schema is what every tool that reads a ladder relies on (render, diff, export, "
        "editors); a misspelt key would otherwise be silently ignored.",
        "expectations:\n  strategy: {critera: [Connects the roadmap to goals.]}\n",
        "expectations:\n  strategy: {criteria: [Connects the roadmap to goals.]}\n",
    ),
    VERSION_RULE: CoreRule(
        "schema-version",
        "the file's schema_version is one this pmframework knows",
        "The version says which schema the file follows; a file without one, or with a newer "
        "one, cannot be checked against the right rules.",
        'schema_version: "1"\nframework: {id: acme-pm}\n',
        "schema_version: 1\nframework: {id: acme-pm}\n",
    ),
    BASE_RULE: CoreRule(
        "unusable-base",
        "the ladder a file extends can be read and has no errors",
        "A ladder that extends another is that ladder plus its own layer; if the base is "
        "missing or broken, nothing the file says can be checked against it.",
        "schema_version: 2\nextends: ../base/engineering.yml\n",
        "schema_version: 2\nextends: ../base/engineering.yaml\n",
    ),
    CYCLE_RULE: CoreRule(
        "extends-cycle",
        "a ladder does not extend itself, directly or through its bases",
        "A ladder that extends itself through a chain of bases has no first layer to start "
        "composing from.",
        "# product.yaml\nextends: generic.yaml\n# generic.yaml\nextends: product.yaml\n",
        "# product.yaml\nextends: generic.yaml\n# generic.yaml: no extends\n",
    ),
}
