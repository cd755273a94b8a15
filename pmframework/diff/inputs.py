"""What ``pmframework diff`` reads: ladder specs, older versions from git, git's external-diff
arguments and the ``--map`` file.

A spec is a path, ``-`` (standard input), ``builtin:NAME`` or ``REV:path`` (the file as it was
in git revision REV, read with ``git show``; the path follows git's rules: from the top of the
repository, or ``./path`` from the current folder), optionally followed by ``#LEVEL`` to pick
one level. A path that exists as written is always a path, even if it contains ``#`` or ``:``.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmframework.check.engine import checked_ladder, load_ladder
from pmframework.diff.align import (
    CompanyComparison,
    Crosswalk,
    MapValue,
    crosswalk_map,
    map_targets,
)
from pmframework.diff.compare import DiffError, DiffResult, Side, diff_ladders
from pmframework.errors import LadderError, PmframeworkError
from pmframework.files import write_output
from pmframework.load.document import load_document, parse_document
from pmframework.model import Ladder
from pmframework.resources import BUILTIN_PREFIX

# The --map file: {section: {id in B: id(s) in A, or None for no counterpart}}.
LadderMap = dict[str, dict[str, MapValue]]
MAP_SECTIONS = ("levels", "competencies")
# git calls an external diff with 7 arguments, 9 for a rename, 1 for an unmerged path.
GIT_ARGUMENT_COUNTS = (1, 7, 9)
_DEV_NULL = "/dev/null"


def split_level(spec: str) -> tuple[str, str | None]:
    """``ladder.yaml#senior-pm`` → (``ladder.yaml``, ``senior-pm``)."""
    if "#" in spec and not Path(spec).exists():
        path, _, level = spec.rpartition("#")
        return path, level or None
    return spec, None


def split_revision(spec: str) -> tuple[str, str] | None:
    """``HEAD~1:ladder.yaml`` → (``HEAD~1``, ``ladder.yaml``); None for any other spec."""
    if spec == "-" or spec.startswith(BUILTIN_PREFIX) or ":" not in spec or Path(spec).exists():
        return None
    rev, _, path = spec.partition(":")
    return (rev, path) if rev and path else None


def git_show(rev: str, path: str, *, cwd: str | None = None) -> bytes:
    """The content of ``path`` at revision ``rev``, from ``git show REV:path``."""
    # --end-of-options: a revision such as --output=FILE must not be read as an option of git.
    folder = ["-C", cwd] if cwd else []
    command = ["git", *folder, "show", "--end-of-options", f"{rev}:{path}", "--"]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed; REV:path and --rev read files with git") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in message:
            where = str(Path(cwd).resolve()) if cwd else "the current folder"
            raise DiffError(
                f"{where} is not in a git repository; REV:path and --rev read older versions "
                "of a ladder with git show"
            )
        last = message.splitlines()[-1] if message else f"exit status {done.returncode}"
        raise DiffError(f"git show {rev}:{path}: {last.removeprefix('fatal: ')}")
    return done.stdout


def _ladder_at(rev: str, path: str, *, cwd: str | None = None) -> tuple[str, Ladder]:
    name = f"{rev}:{path}"
    return name, checked_ladder(parse_document(name, git_show(rev, path, cwd=cwd)))


def load_side(spec: str, *, rev: str | None = None) -> Side:
    """One side of a diff: ``spec`` loaded and checked, or with ``rev``, the file at that
    revision."""
    path, level = split_level(spec)
    if rev is not None:
        file = Path(path)
        name, ladder = _ladder_at(rev, f"./{file.name}", cwd=str(file.parent))
        return Side(f"{rev}:{path}", ladder, level)
    revision = split_revision(path)
    if revision is not None:
        name, ladder = _ladder_at(*revision)
        return Side(name, ladder, level)
    return Side("<stdin>" if path == "-" else path, load_ladder(path), level)


def load_sides(specs: Sequence[str], rev: str | None) -> tuple[Side, Side]:
    """The two sides of a diff: ``A B``, or with ``rev``, ``LADDER`` at REV and as it is now."""
    if rev is not None:
        if len(specs) != 1:
            raise DiffError("with --rev, give one ladder: pmframework diff --rev REV LADDER")
        return load_side(specs[0], rev=rev), load_side(specs[0])
    if len(specs) != 2:
        raise DiffError("give two ladders: pmframework diff A B (or --rev REV LADDER)")
    if specs[0] == specs[1] == "-":
        raise DiffError("only one side can be read from standard input (-)")
    return load_side(specs[0]), load_side(specs[1])


def load_mapping(path: str, a: Ladder, b: Ladder) -> LadderMap:
    """The ``--map`` file: ``levels: {B id: A id}`` and ``competencies: {B id: A id}``; an A id
    of null says the B entity has no counterpart, a list of A ids that it has two (a level that
    spans a band). Every id must exist."""
    document = load_document(path)
    mapping: LadderMap = {}
    ids = {
        "levels": ({lv.id for lv in b.levels}, {lv.id for lv in a.levels}),
        "competencies": ({c.id for c in b.competencies}, {c.id for c in a.competencies}),
    }
    for section, pairs in document.data.items():
        where = document.location((section,), key=True)
        if section not in MAP_SECTIONS:
            raise LadderError(where, f"unknown key {section!r}; a map has levels and competencies")
        if not isinstance(pairs, dict):
            raise LadderError(where, f"{section} maps ids of B to ids of A, as key: value")
        ids_b, ids_a = ids[section]
        mapping[section] = {}
        for theirs, ours in pairs.items():
            here = document.location((section, theirs), key=True)
            if theirs not in ids_b:
                raise LadderError(here, f"the second ladder has no {section[:-1]} {theirs!r}")
            listed = ours if isinstance(ours, list) and ours else [ours]
            for one in listed:
                if ours is not None and (not isinstance(one, str) or one not in ids_a):
                    raise LadderError(here, f"the first ladder has no {section[:-1]} {one!r}")
            mapping[section][theirs] = map_targets(ours) if isinstance(ours, list) else ours
    return mapping


# --- git's external diff ---------------------------------------------------------------------


_GIT_HEX = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}|\.")  # "." stands for /dev/null's
_GIT_MODE = re.compile(r"[0-7]{6}|\.")


def git_arguments_start(args: Sequence[str]) -> int:
    """Where the arguments git appends to the diff driver's command begin in ``args``.

    git runs the configured command (which may hold options of its own) followed by 7
    arguments, 9 for a rename, 1 for an unmerged path. They are told apart by the object ids
    and modes in their fixed places, so that a path such as ``-x.ladder.yaml`` is never read
    as an option.
    """
    for count, hex_at, mode_at in ((9, (2, 5), (3, 6)), (7, (2, 5), (3, 6))):
        tail = args[len(args) - count :]
        if (
            len(tail) == count
            and all(_GIT_HEX.fullmatch(tail[i]) for i in hex_at)
            and all(_GIT_MODE.fullmatch(tail[i]) for i in mode_at)
        ):
            return len(args) - count
    return max(len(args) - 1, 0)


@dataclass(frozen=True)
class ExternalDiff:
    """What a git external-diff call prints: a ladder diff, or a message (and text diff) when
    one side is not a ladder that can be compared."""

    result: DiffResult | None
    message: str = ""


def _text_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    def lines(path: str) -> list[str]:
        if path == _DEV_NULL:
            return []
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)

    diff = difflib.unified_diff(lines(old), lines(new), old_name, new_name)
    return "".join(line if line.endswith("\n") else line + "\n" for line in diff)


def _ladder_summary(ladder: Ladder) -> str:
    f = ladder.framework
    return (
        f"{f.organization}: {f.title} {f.version} "
        f"({len(ladder.levels)} levels, {len(ladder.competencies)} competencies)"
    )


def external_diff(
    args: Sequence[str], *, mode: str = "auto", provenance: bool = True
) -> ExternalDiff:
    """Handle git's external-diff call: ``path old-file old-hex old-mode new-file new-hex
    new-mode`` (and, for a rename, the new path and a description).

    Never fails on a ladder that does not load: git would stop showing the rest of the diff,
    so such a file is shown as a plain text diff instead, with the reason.
    """
    if len(args) not in GIT_ARGUMENT_COUNTS:
        raise DiffError(
            f"--git-external-diff takes the 7 arguments git passes (9 for a rename), "
            f"not {len(args)}"
        )
    if len(args) == 1:
        return ExternalDiff(None, f"* Unmerged path {args[0]}\n")
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else path
    old_name, new_name = f"a/{path}", f"b/{new_path}"
    try:
        if old_file == _DEV_NULL or new_file == _DEV_NULL:
            added = old_file == _DEV_NULL
            ladder = load_ladder(new_file if added else old_file)
            what = f"new ladder {new_name}" if added else f"deleted ladder {old_name}"
            return ExternalDiff(None, f"{what}: {_ladder_summary(ladder)}\n")
        a = Side(old_name, load_ladder(old_file))
        b = Side(new_name, load_ladder(new_file))
        return ExternalDiff(diff_ladders(a, b, mode=mode, provenance=provenance))
    except PmframeworkError as error:
        note = f"pmframework: {_relabel(error, old_file, new_file, old_name, new_name)}"
        return ExternalDiff(
            None,
            f"{note}; showing the text diff\n" + _text_diff(old_file, new_file, old_name, new_name),
        )


def _relabel(error: PmframeworkError, *pairs: str) -> str:
    """An error message with git's temporary file names replaced by a/path and b/path."""
    text = str(error)
    old_file, new_file, old_name, new_name = pairs
    for temporary, name in ((old_file, old_name), (new_file, new_name)):
        text = text.replace(temporary, name)
    return text


def diff_inputs(
    specs: Sequence[str],
    *,
    rev: str | None = None,
    mode: str = "auto",
    map_path: str | None = None,
    provenance: bool = True,
) -> DiffResult:
    """Load both sides (and the ``--map`` file) and compare them; ``provenance=False``
    compares what they say, not where it came from."""
    a, b = load_sides(specs, rev)
    mapping: Crosswalk = load_mapping(map_path, a.ladder, b.ladder) if map_path else {}
    return diff_ladders(a, b, mode=mode, mapping=mapping, provenance=provenance)


def write_crosswalk(result: DiffResult, path: str) -> None:
    """Write the crosswalk a companies diff proposes as a ``--map`` file to edit and read back."""
    if not isinstance(result.body, CompanyComparison):
        raise DiffError(
            f"--write-map is for two different ladders; these were compared as {result.mode}"
        )
    write_output(
        path,
        crosswalk_map(result.body, result.a.name, result.b.name),
        inputs=(result.a.name, result.b.name),
    )
