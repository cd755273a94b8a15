"""Building the model from data that has passed the JSON Schema: each dataclass of
pmframework.model.ladder from its part of the data, with the JSON path it stood at."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pmframework.findings import JsonPath
from pmframework.model.ladder import (
    Area,
    Basis,
    Citation,
    Competency,
    Dimension,
    Expectation,
    FrameworkInfo,
    Ladder,
    Level,
    Prompt,
    Range,
    Role,
    Scale,
    Source,
    Statement,
    Step,
    SubGrade,
    Track,
)
from pmframework.model.shared import Shared, apply_shared
from pmframework.model.specialty import Specialty
from pmframework.text import number_text


def ladder_from_data(data: Mapping[str, Any], folder: Path | None = None) -> Ladder:
    """Build the model from data that has passed the JSON Schema of its version; ``folder``
    is where the file was read from, if it was."""
    shared = tuple(_shared(s, ("shared", i)) for i, s in enumerate(data.get("shared", ())))
    tracks = tuple(_track(t, ("tracks", i)) for i, t in enumerate(data.get("tracks", ())))
    return Ladder(
        schema_version=int(data["schema_version"]),
        framework=_framework(data["framework"], ("framework",)),
        tracks=apply_shared(tracks, shared),
        sources=tuple(_source(s, ("sources", i)) for i, s in enumerate(data.get("sources", ()))),
        scales=tuple(_scale(s, ("scales", i)) for i, s in enumerate(data.get("scales", ()))),
        dimensions=tuple(
            Dimension(
                d["id"],
                d["name"],
                _opt_statement(d, "description", p),
                scale=d.get("scale"),
                inherited=bool(d.get("inherited", False)),
                extensions=_extensions(d),
                path=p,
            )
            for i, d in enumerate(data.get("dimensions", ()))
            for p in [("dimensions", i)]
        ),
        specialties=_named(Specialty, data.get("specialties", ()), ("specialties",)),
        role=_role(data["role"], ("role",)) if "role" in data else None,
        areas=tuple(_area(a, ("areas", i)) for i, a in enumerate(data.get("areas", ()))),
        promotion_process=_statements(data.get("promotion_process", ()), ("promotion_process",)),
        assessment=_prompts(data.get("assessment", ()), ("assessment",)),
        ungrouped=tuple(
            _competency(c, None, ("competencies", i))
            for i, c in enumerate(data.get("competencies", ()))
        ),
        shared=shared,
        extends=data.get("extends"),
        extensions=_extensions(data),
        folder=folder,
    )


def statement(value: Any, path: JsonPath) -> Statement:
    # Built by the constructor, one field at a time: filling the frozen object's __dict__ at
    # once built 50,000 expectations a quarter faster, but gave each object a dict of its
    # own, a third more memory for the model, and slower reads of its fields ever after.
    if isinstance(value, str):
        return Statement(value, path=path)
    if value.keys() <= _PLAIN_STATEMENT:
        # Most statements: no x- keys to look for but an imported cell, nothing listed.
        extensions = {"x-cell": value["x-cell"]} if "x-cell" in value else {}
        sources: tuple[Citation, ...] = ()
        examples: tuple[Statement, ...] = ()
        signals: tuple[Statement, ...] = ()
    else:
        extensions = _extensions(value)
        sources = _citations(value["sources"], (*path, "sources")) if "sources" in value else ()
        examples = _listed(value, "examples", path)
        signals = _listed(value, "signals", path)
    return Statement(
        text=value["text"],
        source=value.get("source"),
        quote=value.get("quote"),
        editorial=bool(value.get("editorial", False)),
        extensions=extensions,
        path=path,
        sources=sources,
        points=value.get("points"),
        examples=examples,
        signals=signals,
    )


# The keys of a statement that needs only ``statement``'s short way: the cell it was imported
# from is its only possible x- key.
_PLAIN_STATEMENT = frozenset({"text", "source", "quote", "editorial", "points", "x-cell"})


def _range(data: Mapping[str, Any], key: str, path: JsonPath) -> Range | None:
    if key not in data:
        return None
    value = data[key]
    return Range(value["min"], value["max"], _extensions(value), (*path, key))


def _citations(values: Any, path: JsonPath) -> tuple[Citation, ...]:
    return tuple(
        Citation(c["source"], c.get("quote"), path=(*path, i)) for i, c in enumerate(values)
    )


def _provenance(data: Mapping[str, Any], path: JsonPath) -> dict[str, Basis]:
    bases = {}
    for key, value in data.get("provenance", {}).items():
        where = (*path, "provenance", key)
        first = (Citation(value["source"], value.get("quote"), where),) if "source" in value else ()
        bases[key] = Basis(
            citations=(*first, *_citations(value.get("sources", ()), (*where, "sources"))),
            editorial=bool(value.get("editorial", False)),
            reason=value.get("reason"),
            extensions=_extensions(value),
            path=where,
        )
    return bases


def _opt_statement(data: Mapping[str, Any], key: str, path: JsonPath) -> Statement | None:
    return statement(data[key], (*path, key)) if key in data else None


def _statements(values: Any, path: JsonPath) -> tuple[Statement, ...]:
    return tuple([statement(v, (*path, i)) for i, v in enumerate(values)])


def _listed(data: Mapping[str, Any], key: str, path: JsonPath) -> tuple[Statement, ...]:
    """The statements listed under ``key``; for none (most keys of most statements and
    expectations), no path is built: on 50,000 expectations that was a tenth of the build."""
    values = data.get(key)
    return _statements(values, (*path, key)) if values else ()


def _extensions(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k.startswith("x-")}


def _framework(data: Mapping[str, Any], path: JsonPath) -> FrameworkInfo:
    return FrameworkInfo(
        id=data["id"],
        title=data["title"],
        organization=data["organization"],
        version=data["version"],
        status=data["status"],
        job_family=data.get("job_family"),
        effective_date=data.get("effective_date"),
        language=data.get("language"),
        license=data.get("license"),
        description=_opt_statement(data, "description", path),
        extensions=_extensions(data),
        path=path,
    )


def _source(data: Mapping[str, Any], path: JsonPath) -> Source:
    optional = ("title", "person", "role", "organization", "date", "url")
    return Source(
        data["id"],
        data["document"],
        **{k: data.get(k) for k in optional},
        extensions=_extensions(data),
        path=path,
    )


def _scale(data: Mapping[str, Any], path: JsonPath) -> Scale:
    steps = _named(Step, data["steps"], (*path, "steps"))
    return Scale(
        data["id"],
        data["name"],
        steps,
        _opt_statement(data, "description", path),
        extensions=_extensions(data),
        path=path,
    )


_Named = TypeVar("_Named", Step, Specialty)


def _named(
    cls: type[_Named], items: Iterable[Mapping[str, Any]], path: JsonPath
) -> tuple[_Named, ...]:
    """A list of things with an id, a name and a description (steps of a scale, specialties)."""
    return tuple(
        cls(
            s["id"],
            s["name"],
            _opt_statement(s, "description", p),
            extensions=_extensions(s),
            path=p,
        )
        for i, s in enumerate(items)
        for p in [(*path, i)]
    )


def _role(data: Mapping[str, Any], path: JsonPath) -> Role:
    return Role(
        name=data.get("name"),
        purpose=_opt_statement(data, "purpose", path),
        in_scope=_statements(data.get("in_scope", ()), (*path, "in_scope")),
        out_of_scope=_statements(data.get("out_of_scope", ()), (*path, "out_of_scope")),
        extensions=_extensions(data),
        path=path,
    )


def _competency(data: Mapping[str, Any], area: str | None, path: JsonPath) -> Competency:
    return Competency(
        id=data["id"],
        name=data["name"],
        area=area,
        description=_opt_statement(data, "description", path),
        aliases=tuple(data.get("aliases", ())),
        scale=data.get("scale"),
        tracks=tuple(data["tracks"]) if "tracks" in data else None,
        specialties=tuple(data.get("specialties", ())),
        status=data.get("status", "active"),
        tags=tuple(data.get("tags", ())),
        anti_patterns=_statements(data.get("anti_patterns", ()), (*path, "anti_patterns")),
        rating=_range(data, "rating", path),
        extensions=_extensions(data),
        path=path,
    )


def _shared(data: Mapping[str, Any], path: JsonPath) -> Shared:
    applies_to = data["applies_to"]
    levels, tracks = applies_to.get("levels"), applies_to.get("tracks")
    return Shared(
        competency=data.get("competency"),
        dimension=data.get("dimension"),
        levels=None if levels is None else tuple(levels),
        tracks=None if tracks is None else tuple(tracks),
        min_rank=applies_to.get("min_rank"),
        text=_opt_statement(data, "text", path),
        criteria=_statements(data.get("criteria", ()), (*path, "criteria")),
        examples=_statements(data.get("examples", ()), (*path, "examples")),
        anti_patterns=_statements(data.get("anti_patterns", ()), (*path, "anti_patterns")),
        extensions=_extensions(data),
        path=path,
    )


def _area(data: Mapping[str, Any], path: JsonPath) -> Area:
    competencies = tuple(
        _competency(c, data["id"], (*path, "competencies", i))
        for i, c in enumerate(data["competencies"])
    )
    return Area(
        data["id"],
        data["name"],
        competencies,
        _opt_statement(data, "description", path),
        extensions=_extensions(data),
        path=path,
    )


def _prompts(values: Any, path: JsonPath) -> tuple[Prompt, ...]:
    return tuple(
        Prompt(
            kind=p["kind"],
            prompt=statement(p["prompt"], (*path, i, "prompt")),
            rationale=_statements(p.get("rationale", ()), (*path, i, "rationale")),
            levels=tuple(p.get("levels", ())),
            competencies=tuple(p.get("competencies", ())),
            extensions=_extensions(p),
            path=(*path, i),
        )
        for i, p in enumerate(values)
    )


def _track(data: Mapping[str, Any], path: JsonPath) -> Track:
    levels = tuple(
        _level(lv, data["id"], (*path, "levels", i)) for i, lv in enumerate(data["levels"])
    )
    return Track(
        data["id"],
        data["name"],
        data["kind"],
        levels,
        _opt_statement(data, "description", path),
        extensions=_extensions(data),
        path=path,
        rank_scale=data.get("rank_scale"),
    )


def _level(data: Mapping[str, Any], track: str, path: JsonPath) -> Level:
    expectations = {
        competency: _expectation(competency, e, (*path, "expectations", competency))
        for competency, e in data.get("expectations", {}).items()
    }
    return Level(
        id=data["id"],
        # A level may be known by its number alone (version 2): its grade, else "Level 3".
        title=data.get("title") or data.get("grade") or f"Level {number_text(data['rank'])}",
        rank=data["rank"],
        track=track,
        grade=data.get("grade"),
        alternative_titles=tuple(data.get("alternative_titles", ())),
        sub_grades=tuple(
            SubGrade(
                s["id"],
                s["title"],
                _opt_statement(s, "summary", p),
                extensions=_extensions(s),
                path=p,
            )
            for i, s in enumerate(data.get("sub_grades", ()))
            for p in [(*path, "sub_grades", i)]
        ),
        summary=_opt_statement(data, "summary", path),
        dimensions={
            k: statement(v, (*path, "dimensions", k)) for k, v in data.get("dimensions", {}).items()
        },
        inherits=data.get("inherits"),
        expectations=expectations,
        promotion=_statements(data.get("promotion", ()), (*path, "promotion")),
        equivalents=tuple(data.get("equivalents", ())),
        assessment=_prompts(data.get("assessment", ()), (*path, "assessment")),
        corresponds_to={
            framework: (target,) if isinstance(target, str) else tuple(target)
            for framework, target in data.get("corresponds_to", {}).items()
        },
        extensions=_extensions(data),
        path=path,
        provenance=_provenance(data, path),
        criteria=_statements(data.get("criteria", ()), (*path, "criteria")),
        anti_patterns=_statements(data.get("anti_patterns", ()), (*path, "anti_patterns")),
        points=_range(data, "points", path),
        dimension_steps={
            k: v["step"]
            for k, v in data.get("dimensions", {}).items()
            if isinstance(v, Mapping) and "step" in v
        },
    )


def _expectation(competency: str, data: Mapping[str, Any], path: JsonPath) -> Expectation:
    # Most expectations have no x- keys and no provenance: not looked for.
    plain = data.keys() <= _PLAIN_EXPECTATION
    return Expectation(
        competency=competency,
        proficiency=data.get("proficiency"),
        criteria=_listed(data, "criteria", path),
        examples=_listed(data, "examples", path),
        extensions={} if plain else _extensions(data),
        path=path,
        anti_patterns=_listed(data, "anti_patterns", path),
        provenance={} if plain else _provenance(data, path),
    )


_PLAIN_EXPECTATION = frozenset({"proficiency", "criteria", "examples", "anti_patterns"})
