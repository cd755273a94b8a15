"""Generated ladders of a chosen size, for the benchmarks.

``generate_ladder`` returns plain data that follows the latest schema (version 2, the one
``pmframework schema`` prints and ``init`` writes) and passes every rule: ranks increase, each
level inherits the one below, proficiency never decreases, equivalences are symmetric, and
texts differ from level to level. The same arguments give the same ladder.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

_WORDS = (
    "customer", "outcome", "roadmap", "strategy", "discovery", "metric", "experiment", "launch",
    "stakeholder", "team", "vision", "trade-off", "priority", "market", "insight", "narrative",
    "alignment", "quality", "delivery", "risk", "scope", "influence", "mentor", "hire", "growth",
    "portfolio", "platform", "partner", "research", "data", "decision",
)  # fmt: skip


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def generate_ladder(
    *,
    levels: int = 8,
    competencies: int = 20,
    tracks: int = 2,
    areas: int = 4,
    criteria: int = 2,
    seed: int = 0,
    ladder_id: str = "generated",
) -> dict[str, Any]:
    """A ladder with ``tracks`` tracks of ``levels`` levels and ``competencies`` competencies.

    Every level writes an expectation for every competency, so the ladder holds
    ``tracks * levels * competencies`` expectations.
    """
    rng = random.Random(seed)
    steps = [{"id": f"step-{i}", "name": f"Step {i}"} for i in range(1, 6)]
    catalog = [
        {
            "id": f"area-{a}",
            "name": f"Area {a}",
            "competencies": [
                {"id": f"c{c}", "name": f"Competency {c}", "scale": "proficiency"}
                for c in range(competencies)
                if c % areas == a
            ],
        }
        for a in range(areas)
    ]
    track_data = []
    for t in range(tracks):
        level_data = []
        for n in range(levels):
            level_id = f"t{t}-l{n}"
            level: dict[str, Any] = {
                "id": level_id,
                "title": f"Track {t} level {n}",
                "rank": n + 1,
                "summary": _sentence(rng),
                "expectations": {
                    f"c{c}": {
                        "proficiency": f"step-{min(5, 1 + n * 5 // levels)}",
                        "criteria": [_sentence(rng) for _ in range(criteria)],
                    }
                    for c in range(competencies)
                },
            }
            if n:
                level["inherits"] = f"t{t}-l{n - 1}"
            others = [f"t{o}-l{n}" for o in range(tracks) if o != t]
            if others:
                level["equivalents"] = others
            level_data.append(level)
        kind = "individual-contributor" if t == 0 else "management"
        track_data.append({"id": f"t{t}", "name": f"Track {t}", "kind": kind, "levels": level_data})
    return {
        "schema_version": 2,
        "framework": {
            "id": ladder_id,
            "title": "Generated ladder",
            "organization": "Benchmark Inc.",
            "version": "1.0.0",
            "status": "draft",
        },
        "scales": [{"id": "proficiency", "name": "Proficiency", "steps": steps}],
        "areas": catalog,
        "tracks": track_data,
    }


def ladder_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
