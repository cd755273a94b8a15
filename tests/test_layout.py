"""The package stays readable by its layout: no module over 500 lines, and no two public classes
of one name (a reader who meets ``Document`` knows which one it is)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pmframework"
MAX_LINES = 500

# Modules being split on a branch of their own; each must still need its place here, so the
# exception cannot outlive the problem.
PENDING = {"render/context.py"}


def _modules() -> dict[str, Path]:
    return {path.relative_to(PACKAGE).as_posix(): path for path in PACKAGE.rglob("*.py")}


def _too_long() -> set[str]:
    return {
        name
        for name, path in _modules().items()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    }


def _public_classes() -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for name, path in sorted(_modules().items()):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                where[node.name].append(name)
    return where


def _clashing() -> dict[str, list[str]]:
    return {cls: names for cls, names in _public_classes().items() if len(names) > 1}


def test_no_module_is_over_500_lines() -> None:
    assert _too_long() - PENDING == set()


def test_no_two_public_classes_share_a_name() -> None:
    clashes = {
        cls: names
        for cls, names in _clashing().items()
        if len([n for n in names if n not in PENDING]) > 1 or not set(names) & PENDING
    }
    assert clashes == {}


def test_each_pending_module_still_needs_its_exception() -> None:
    clashing_modules = {name for names in _clashing().values() for name in names}
    for name in PENDING:
        assert name in _modules(), f"{name} is gone: remove it from PENDING"
        assert name in _too_long() | clashing_modules, f"{name} is fixed: remove it from PENDING"
