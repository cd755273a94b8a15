"""The diff as JSON, built straight from the result; its shape is documented in the README and
versioned by ``JSON_FORMAT_VERSION``."""

from __future__ import annotations

import dataclasses
from typing import Any

from pmframework._version import __version__
from pmframework.diff.align import BarDifference, CompanyComparison, Match
from pmframework.diff.compare import Change, DiffResult, FieldChange, LevelDiff, Side, VersionDiff
from pmframework.model.ladder import Level
from pmframework.text import json_text

# Bumped when a key changes meaning or goes away; a new key (ignore_provenance) keeps it.
JSON_FORMAT_VERSION = 1


def _field_json(change: FieldChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "field": change.field,
        "status": change.status,
        "old": change.old,
        "new": change.new,
        "words": [{"op": s.op, "text": s.text} for s in change.words],
        **({"words_note": change.words_note} if change.words_note else {}),
    }


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "status": change.status,
        "verb": change.verb,
        "id": change.id,
        "old_id": change.old_id,
        "label": change.label,
        "moved": _field_json(change.moved),
        "inherited_by": list(change.inherited_by),
        "fields": [_field_json(f) for f in change.fields],
    }


def _match_json(match: Match) -> dict[str, Any]:
    data: dict[str, Any] = {
        "a": match.a,
        "b": match.b,
        "a_label": match.a_label,
        "b_label": match.b_label,
    }
    if match.kind == "level":
        data["a_rank"], data["b_rank"] = match.a_rank, match.b_rank
    data["confidence"] = match.confidence
    data["signals"] = [dataclasses.asdict(s) for s in match.signals]
    return data


def _bar_json(bar: BarDifference) -> dict[str, Any]:
    return {**dataclasses.asdict(bar), "lower": bar.lower}


def _level_json(level: Level) -> dict[str, Any]:
    return {"id": level.id, "title": level.title, "rank": level.rank}


def _level_diff_json(body: LevelDiff) -> dict[str, Any]:
    return {
        "a": _level_json(body.a),
        "b": _level_json(body.b),
        "fields": [_field_json(f) for f in body.fields],
        "promotion": [_field_json(f) for f in body.promotion],
        "competencies": [
            {
                "competency": s.competency,
                "label": s.label,
                "counterpart": s.counterpart,
                "new": s.new,
                "proficiency": _field_json(s.proficiency),
                "direction": s.direction,
                "items": [_field_json(i) for i in s.items],
            }
            for s in body.competencies
        ],
    }


def _side_json(side: Side) -> dict[str, Any]:
    f = side.ladder.framework
    return {
        "name": side.name,
        "framework": f.id,
        "title": f.title,
        "organization": f.organization,
        "version": f.version,
        "level": side.level,
    }


def format_json(result: DiffResult) -> str:
    """A JSON object whose shape is documented in the README (``format_version`` 1)."""
    body = result.body
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": f"pmframework {__version__}",
        "mode": result.mode,
        "reason": result.reason,
        "ignore_provenance": not result.provenance,
        "equal": result.equal,
        "summary": result.summary(),
        "a": _side_json(result.a),
        "b": _side_json(result.b),
        "changes": [_change_json(c) for c in body.changes] if isinstance(body, VersionDiff) else [],
        "alignment": {
            "levels": [_match_json(m) for m in body.levels],
            "competencies": [_match_json(m) for m in body.competencies],
        }
        if isinstance(body, CompanyComparison)
        else None,
        "bars": [_bar_json(b) for b in body.bars] if isinstance(body, CompanyComparison) else [],
        "levels": _level_diff_json(body) if isinstance(body, LevelDiff) else None,
    }
    return json_text(document)
