"""Which files are ladders: the inputs of ``validate`` expanded into files to check.

A folder is walked for ladder files (YAML and JSON, or the project's ``include`` patterns),
leaving out what is never a ladder: hidden files and folders, vendored folders (node_modules,
vendor), virtual environments (a folder with pyvenv.cfg), what ``.gitignore`` ignores, and the
project's ``exclude`` patterns. JSON Schema files are never taken for ladders, even when named
(the README tells people to keep ``ladder.schema.json`` beside their ladders). A quoted glob is
expanded here, as a shell would. A folder or pattern that yields nothing is an error: a check
that silently checked nothing would pass.

Patterns are gitignore patterns (the pathspec library), relative to the project's root.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from pmframework.errors import LadderError, Location
from pmframework.resources import BUILTIN_PREFIX, builtin_names

LADDER_SUFFIXES = (".yaml", ".yml", ".json")
ALL_BUILTINS = BUILTIN_PREFIX + "*"
VENDORED = frozenset({"node_modules", "vendor", "__pycache__", "site-packages"})
# Enough of a file to tell a JSON Schema from a ladder; a larger JSON file is read as a ladder.
_SNIFF_BYTES = 1 << 20
_GLOB_MAGIC = re.compile(r"[*?[]")
_YAML_SCHEMA = re.compile(rb"""^["']?\$schema["']?\s*:\s*["']?https?://json-schema\.org""", re.M)
_YAML_ID = re.compile(rb"""^["']?\$id["']?\s*:""", re.M)
_YAML_PROPERTIES = re.compile(rb"""^["']?properties["']?\s*:""", re.M)


@dataclass(frozen=True)
class FileSelection:
    """The project's patterns: ``include`` names ladder files in folders, ``exclude`` drops any."""

    root: Path = field(default_factory=Path.cwd)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def _spec(self, patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
        return pathspec.GitIgnoreSpec.from_lines(patterns)

    def excluded(self, path: Path, *, folder: bool = False) -> bool:
        return bool(self.exclude) and self._spec(self.exclude).match_file(
            _relative(path, self.root, folder)
        )

    def included(self, path: Path) -> bool:
        if not self.include:
            return path.suffix in LADDER_SUFFIXES
        return self._spec(self.include).match_file(_relative(path, self.root, False))


def _relative(path: Path, root: Path, folder: bool) -> str:
    absolute = Path(path).absolute()
    try:
        text = absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        text = path.as_posix()
    return text + "/" if folder else text


def expand_inputs(
    specs: Iterable[str], selection: FileSelection | None = None
) -> Iterator[str | LadderError]:
    """Files to validate: each spec as given, folders walked, globs expanded, ``builtin:*``."""
    selection = selection or FileSelection()
    for spec in specs:
        if spec == ALL_BUILTINS:
            yield from (BUILTIN_PREFIX + name for name in builtin_names())
        elif spec == "-" or spec.startswith(BUILTIN_PREFIX):
            yield spec
        elif Path(spec).is_dir():
            yield from _folder_inputs(spec, selection)
        elif not os.path.lexists(spec) and _GLOB_MAGIC.search(spec):
            yield from _glob_inputs(spec, selection)
        elif not (selection.excluded(Path(spec)) or is_json_schema(Path(spec))):
            yield spec


def _glob_inputs(pattern: str, selection: FileSelection) -> Iterator[str | LadderError]:
    # glob.glob, not Path.glob: the pattern may be absolute or start with ../
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
    if not matches:
        yield LadderError(Location(pattern), "no file matches this pattern")
    for match in matches:
        if Path(match).is_dir():
            yield from _folder_inputs(match, selection)
        elif selection.included(Path(match)) and not (
            selection.excluded(Path(match)) or is_json_schema(Path(match))
        ):
            yield match


def is_json_schema(path: Path) -> bool:
    """Whether a file is a JSON Schema: a top-level ``$schema`` at json-schema.org, or ``$id``
    with ``properties``. Unreadable files are not: reading them reports why."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        return False
    if head.lstrip()[:1] == b"{":
        try:
            data = json.loads(head)
        except (ValueError, RecursionError):  # RecursionError: nested deeper than Python goes
            return False
        return isinstance(data, dict) and _schema_keys(data)
    # A multi-line regex tries every line of the megabyte read; the substring test before it
    # costs next to nothing, and almost no ladder holds either key.
    return bool(b"json-schema.org" in head and _YAML_SCHEMA.search(head)) or bool(
        b"$id" in head and _YAML_ID.search(head) and _YAML_PROPERTIES.search(head)
    )


def _schema_keys(data: dict[str, object]) -> bool:
    marker = data.get("$schema")
    if isinstance(marker, str) and "json-schema.org" in marker:
        return True
    return "$id" in data and "properties" in data


def _ignored_folder(folder: Path) -> bool:
    name = folder.name
    return name.startswith(".") or name in VENDORED or (folder / "pyvenv.cfg").exists()


class _GitIgnores:
    """The ``.gitignore`` files that apply in a walk: the repository's above the folder, then
    each folder's own as the walk enters it."""

    def __init__(self, top: Path) -> None:
        self._specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        top = Path(top).absolute()
        above: list[Path] = []
        for folder in top.parents:
            above.append(folder)
            if (folder / ".git").exists():
                break
        else:
            above = []  # not in a repository: only the walked folders' own files count
        for folder in reversed(above):
            self.add(folder)

    def add(self, folder: Path) -> None:
        try:
            lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        spec = pathspec.GitIgnoreSpec.from_lines(lines.splitlines())
        self._specs.append((Path(folder).absolute(), spec))

    def ignored(self, path: Path, *, folder: bool) -> bool:
        absolute = Path(path).absolute()
        for base, spec in self._specs:
            try:
                relative = absolute.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + "/" if folder else relative):
                return True
        return False


def _folder_inputs(folder: str, selection: FileSelection) -> Iterator[str | LadderError]:
    """The ladder files under ``folder``, sorted."""
    found: list[str] = []
    unreadable: list[LadderError] = []

    def note(error: OSError) -> None:
        name = error.filename or folder
        reason = error.strerror or str(error)
        unreadable.append(LadderError(Location(str(name)), f"cannot read folder: {reason}"))

    ignores = _GitIgnores(Path(folder))
    seen: set[tuple[int, int]] = set()  # folders walked, so a link loop is walked once
    for top, dirs, files in os.walk(folder, onerror=note, followlinks=True):
        here = Path(top).stat()
        if (here.st_dev, here.st_ino) in seen:
            dirs.clear()
            continue
        seen.add((here.st_dev, here.st_ino))
        ignores.add(Path(top))
        dirs[:] = sorted(
            d
            for d in dirs
            if not _ignored_folder(Path(top, d))
            and not ignores.ignored(Path(top, d), folder=True)
            and not selection.excluded(Path(top, d), folder=True)
        )
        for name in files:
            path = Path(top, name)
            if (
                not name.startswith(".")
                and selection.included(path)
                and not ignores.ignored(path, folder=False)
                and not selection.excluded(path)
                and not is_json_schema(path)
            ):
                found.append(str(path))
    if not found and not unreadable:
        what = ", ".join(selection.include or LADDER_SUFFIXES)
        unreadable.append(LadderError(Location(folder), f"holds no ladder file ({what})"))
    yield from sorted(found)
    yield from unreadable
