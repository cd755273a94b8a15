"""``pmframework init``: an editable company ladder, started from a built-in framework."""

from __future__ import annotations

from typing import Any

import yaml

from pmframework.check.engine import load_checked
from pmframework.check.schema import EDITOR_LINE, write_schema_beside
from pmframework.files import refuse_to_replace, write_output
from pmframework.load.json_reader import is_json
from pmframework.text import json_text, slug


def scaffold(source: str, organization: str, *, as_json: bool = False) -> str:
    """YAML (or JSON) text of a draft ladder for ``organization``, copied from ladder ``source``.

    Every level, competency, statement and source is kept, so the draft validates at once and
    each statement still says where it came from; the framework block becomes the company's.
    """
    checked = load_checked(source)
    ladder = checked.ladder
    # The checked data, not the loaded one: the draft keeps values as the schema reads them.
    data: dict[str, Any] = dict(checked.data)
    framework = data["framework"]
    family = slug(framework.get("job_family", "career"))
    origin = f"{ladder.framework.title}, version {ladder.framework.version}"
    data["framework"] = {
        "id": f"{slug(organization)}-{family}-ladder",
        "title": f"{framework.get('job_family', 'Career')} career ladder",
        "organization": organization,
        **({"job_family": framework["job_family"]} if "job_family" in framework else {}),
        "version": "0.1.0",
        "status": "draft",
        "language": framework.get("language", "en"),
        "description": f"{organization}'s ladder, started from {source} ({origin}).",
        "x-started-from": source,
    }
    if as_json:
        return json_text(data)
    header = EDITOR_LINE + (
        f"# {organization}: career ladder, started from {source} ({origin}).\n"
        "# Edit freely; run `pmframework validate` on this file after each change.\n"
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def write_scaffold(path: str, source: str, organization: str, *, force: bool = False) -> str | None:
    """Write the draft to ``path``; a YAML draft gets the schema beside it for editors (the
    path of which is returned when it was written)."""
    refuse_to_replace(path, force=force)
    # A .json ladder is read back as JSON, so it is written as JSON.
    as_json = is_json(path)
    write_output(path, scaffold(source, organization, as_json=as_json), inputs=[source])
    return None if as_json else write_schema_beside(path)
