"""The project configuration: ``.pmframework.toml`` or ``[tool.pmframework]`` in pyproject.toml.

Found as ruff finds its own: walking up from the current folder, the first ``.pmframework.toml``
or ``pyproject.toml`` with a ``[tool.pmframework]`` table wins. Its keys are defaults the command
line can add to (``--exclude``, ``--select``, ``--ignore``) or turn on (``--strict``)::

    [tool.pmframework]
    include = ["*.ladder.yaml"]     # which files in a folder are ladders (default: YAML and JSON)
    exclude = ["drafts/", "*.schema.json"]   # gitignore patterns, from the configuration's folder
    strict = true
    select = ["PMF1"]
    ignore = ["PMF301"]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmframework.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the 3.10 fallback, the same parser
    import tomli as tomllib

CONFIG_FILE = ".pmframework.toml"
_LIST_KEYS = ("include", "exclude", "select", "ignore")


@dataclass(frozen=True)
class ProjectConfig:
    """Defaults for a project; ``root`` is the folder patterns are relative to."""

    root: Path = field(default_factory=Path.cwd)
    source: str | None = None  # the file they came from, None for the built-in defaults
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    strict: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def find_config(start: Path | None = None) -> ProjectConfig:
    """The configuration that applies in ``start`` (default: the current folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dedicated = folder / CONFIG_FILE
        if dedicated.is_file():
            return _parse(dedicated, _read(dedicated))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("pmframework")
            if table is not None:
                return _parse(pyproject, table)
    return ProjectConfig(root=here)


def _read(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: cannot read configuration: {error}") from error
    return data


def _parse(path: Path, table: Any) -> ProjectConfig:
    where = f"{path}: [tool.pmframework]" if path.name == "pyproject.toml" else str(path)
    if not isinstance(table, dict):
        raise UsageError(f"{where}: expected a table of settings")
    known = (*_LIST_KEYS, "strict")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise UsageError(f"{where}: unknown setting {key!r}; settings are: {', '.join(known)}")
        if key == "strict":
            if not isinstance(value, bool):
                raise UsageError(f"{where}: strict must be true or false")
            values[key] = value
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{where}: {key} must be a list of strings")
        else:
            values[key] = tuple(value)
    return ProjectConfig(root=path.parent, source=str(path), **values)
