"""Assessments: one person's standing against a ladder, checked, reported and compared.

An assessment file (YAML, JSON, or the CSV/XLSX ``assess template`` writes) names a ladder, the
person's current and target level, and for each criterion a status with evidence. The parts:

* ``model.py`` — frozen dataclasses of an assessment, built from checked data;
* ``loader.py`` — file → positioned ``Document`` (YAML/JSON through pmframework.load, sheets
  through pmframework.sheets.grid), the schema check and the model;
* ``checks.py`` — findings against the ladder (rules PMA0xx/PMA1xx), like ``validate``'s;
* ``template.py`` — a blank assessment for a level and the next one;
* ``readiness.py`` — the readiness view of one or several assessments, and its rendering;
* ``progress.py`` — what moved between two assessments of one person.

Assessments are personal data: nothing here opens a network connection, and findings name
statuses, ids and positions, never the evidence a person wrote.
"""

from __future__ import annotations

from pmframework.registry import Registry

TEMPLATE_FORMATS = Registry(
    "template format",
    {
        "yaml": "pmframework.assess.template:template_yaml",
        "markdown": "pmframework.assess.template:template_markdown",
        "csv": "pmframework.assess.template:template_csv",
        "xlsx": "pmframework.assess.template:template_xlsx",
    },
)

REPORT_FORMATS = Registry(
    "readiness format",
    {
        "html": "pmframework.assess.readiness:readiness_html",
        "pdf": "pmframework.assess.readiness:readiness_pdf",
        "markdown": "pmframework.assess.readiness:readiness_markdown",
    },
)

PROGRESS_FORMATS = Registry(
    "progress format",
    {
        "text": "pmframework.assess.progress:format_text",
        "json": "pmframework.assess.progress:format_json",
    },
)
