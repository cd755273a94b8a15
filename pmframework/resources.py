"""Finds the data pmframework ships: the JSON Schemas, the reference frameworks, the templates.

An installed wheel carries them in ``pmframework/_data/``; a source checkout keeps them at the
top of the repository, where people edit them. This module is the one place that knows both.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(kind: str) -> Path:
    """The folder of one kind of shipped data: ``schema``, ``frameworks`` or ``templates``."""
    installed = _PACKAGE_DIR / "_data" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / kind


BUILTIN_PREFIX = "builtin:"


def builtin_names() -> list[str]:
    """Names of the reference frameworks, as ``builtin:NAME`` accepts them, sorted."""
    return sorted(path.stem for path in data_dir("frameworks").glob("*.yaml"))


def builtin_path(name: str) -> Path | None:
    """The file of reference framework ``name``, or None when there is no such built-in."""
    if name not in builtin_names():
        return None
    return data_dir("frameworks") / f"{name}.yaml"


def package_text(name: str) -> str:
    """A data file that lives inside the package itself (such as ``thesaurus.yaml``)."""
    return (_PACKAGE_DIR / name).read_text(encoding="utf-8")
